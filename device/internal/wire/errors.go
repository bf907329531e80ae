package wire

import (
	"errors"
	"fmt"
)

// Errors of the framing (ReadFrame, AppendFrame, ReadHubFrame,
// AppendHubFrame) and of TLV decoding. Their texts keep the "device:"
// prefix: they reach the user's details area through package device.
var (
	// ErrBadLRC is returned (inside a *FrameError) when a frame's check byte
	// does not match its contents.
	ErrBadLRC = errors.New("device: frame check byte (LRC) wrong")
	// ErrBadLength is returned (inside a *FrameError) when a frame's length
	// field is not two bytes of BCD.
	ErrBadLength = errors.New("device: frame length is not BCD")
	// ErrFrameTooLong is returned (inside a *FrameError) when a frame
	// announces more than maxFrameData bytes, and by AppendFrame for such data.
	ErrFrameTooLong = errors.New("device: frame too long")
	// ErrNoETX is returned (inside a *FrameError) when the byte after a
	// frame's data is not ETX.
	ErrNoETX = errors.New("device: frame does not end with ETX")
	// ErrTooMuchGarbage is returned (inside a *FrameError) when more than
	// MaxGarbage bytes arrive before an STX.
	ErrTooMuchGarbage = errors.New("device: no frame start in the data")
	// ErrBadTLV is returned (wrapped) when a TLV payload is truncated or
	// malformed.
	ErrBadTLV = errors.New("device: malformed TLV payload")
)

// FrameError is a frame that could not be read. Offset counts the bytes
// read from the STX on; Err is one of ErrBadLRC, ErrBadLength,
// ErrFrameTooLong, ErrNoETX or ErrTooMuchGarbage.
type FrameError struct {
	Offset int
	Err    error
}

// Error implements error.
func (e *FrameError) Error() string {
	return fmt.Sprintf("frame at byte %d: %v", e.Offset, e.Err)
}

// Unwrap returns the cause, for errors.Is.
func (e *FrameError) Unwrap() error { return e.Err }
