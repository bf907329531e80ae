package wire

import (
	"errors"
	"fmt"
	"io"
)

// Control bytes of the serial link.
const (
	STX byte = 0x02 // start of a frame
	ETX byte = 0x03 // end of a frame's data
	EOT byte = 0x04 // end of a conversation
	ACK byte = 0x06 // frame received intact
	NAK byte = 0x15 // frame damaged: send it again
)

// MaxFrameData is the most DATA bytes one frame may carry. The BCD length
// could say 9999; no terminal message needs more than this, and a bound
// keeps a noisy line from making us wait for, or allocate, a huge frame.
const MaxFrameData = 4096

// MaxGarbage is how many bytes ReadFrame skips looking for an STX before it
// gives up with ErrTooMuchGarbage.
const MaxGarbage = 4096

// LRC returns the XOR of b's bytes: the check byte of a frame is the LRC of
// everything from LEN through ETX.
func LRC(b []byte) byte {
	var x byte
	for _, c := range b {
		x ^= c
	}
	return x
}

// AppendFrame appends the frame STX | LEN | data | ETX | LRC to dst. LEN is
// len(data) as four BCD digits. It returns ErrFrameTooLong if data is longer
// than MaxFrameData.
func AppendFrame(dst, data []byte) ([]byte, error) {
	if len(data) > MaxFrameData {
		return dst, fmt.Errorf("frame of %d bytes: %w", len(data), ErrFrameTooLong)
	}
	n := len(data)
	dst = append(dst, STX, byte((n/1000)<<4|(n/100)%10), byte(((n/10)%10)<<4|n%10))
	start := len(dst) - 2
	dst = append(dst, data...)
	dst = append(dst, ETX)
	return append(dst, LRC(dst[start:])), nil
}

// ReadFrame reads one frame from r and returns its DATA and the number of
// bytes it skipped before the STX (noise, stray ACK/NAK). It reads exactly
// the frame's bytes and no more, so r may be a port that carries other
// traffic after it.
//
// Errors: io.EOF if r ends before any STX; io.ErrUnexpectedEOF if it ends
// inside a frame; a *FrameError wrapping ErrTooMuchGarbage, ErrBadLength,
// ErrFrameTooLong, ErrNoETX or ErrBadLRC for a damaged frame (the caller
// answers NAK); any other error of r unchanged.
func ReadFrame(r io.Reader) (data []byte, skipped int, err error) {
	var b [3]byte
	for {
		if _, err := io.ReadFull(r, b[:1]); err != nil {
			return nil, skipped, err
		}
		if b[0] == STX {
			break
		}
		skipped++
		if skipped > MaxGarbage {
			return nil, skipped, &FrameError{Offset: 0, Err: ErrTooMuchGarbage}
		}
	}
	if _, err := io.ReadFull(r, b[1:3]); err != nil {
		return nil, skipped, EOFInFrame(err)
	}
	n, ok := BCD4(b[1], b[2])
	if !ok {
		return nil, skipped, &FrameError{Offset: 1, Err: ErrBadLength}
	}
	if n > MaxFrameData {
		return nil, skipped, &FrameError{Offset: 1, Err: ErrFrameTooLong}
	}
	buf := make([]byte, n+2) // data, ETX, LRC
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, skipped, EOFInFrame(err)
	}
	if buf[n] != ETX {
		return nil, skipped, &FrameError{Offset: 3 + n, Err: ErrNoETX}
	}
	if LRC(b[1:3])^LRC(buf[:n+1]) != buf[n+1] {
		return nil, skipped, &FrameError{Offset: 4 + n, Err: ErrBadLRC}
	}
	return buf[:n:n], skipped, nil
}

func EOFInFrame(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// BCD4 decodes two bytes of packed BCD into 0..9999.
func BCD4(hi, lo byte) (int, bool) {
	n := 0
	for _, c := range []byte{hi >> 4, hi & 0xf, lo >> 4, lo & 0xf} {
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}
