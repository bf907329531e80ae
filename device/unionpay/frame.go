package unionpay

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/moov-io/iso8583/field"
)

// TPDU is the 5-byte transport header: ID 0x60, destination address,
// source address. The host's reply swaps the two addresses.
type TPDU struct {
	ID          byte   `json:"id"`
	Destination uint16 `json:"destination"`
	Source      uint16 `json:"source"`
}

// DefaultTPDU is what a terminal commonly sends: 60 00 03 00 00.
var DefaultTPDU = TPDU{ID: 0x60, Destination: 0x0003, Source: 0x0000}

// Reply returns the TPDU of the answer: addresses swapped.
func (t TPDU) Reply() TPDU { return TPDU{ID: t.ID, Destination: t.Source, Source: t.Destination} }

func (t TPDU) append(b []byte) []byte {
	return append(b, t.ID, byte(t.Destination>>8), byte(t.Destination), byte(t.Source>>8), byte(t.Source))
}

func parseTPDU(b []byte) (TPDU, error) {
	if len(b) < tpduLen {
		return TPDU{}, ErrFrameTooShort
	}
	if b[0] != 0x60 {
		return TPDU{}, ErrBadTPDU
	}
	return TPDU{ID: b[0], Destination: binary.BigEndian.Uint16(b[1:]), Source: binary.BigEndian.Uint16(b[3:])}, nil
}

// Processing requests a host puts in the header of a reply (Header.Request).
const (
	RequestNone       = 0 // nothing to do
	RequestParameters = 1 // download terminal parameters
	RequestStatus     = 2 // upload terminal status
	RequestSignIn     = 3 // sign in again (new working keys)
	RequestKeys       = 4 // download public keys (IC)
	RequestICParams   = 5 // download IC parameters
	RequestICBlack    = 6 // download the IC blacklist or other tables
)

// Header is the 6-byte application header after the TPDU. The China
// UnionPay spec writes it as 12 BCD digits, but real terminals put vendor
// values (any byte, "31 FF F1") in the status, request and reserved
// positions, so only the application type must be BCD; the other
// positions are read as hex digits, whatever they hold.
type Header struct {
	// AppType is the application type, two digits: "60" magstripe, "61" IC.
	AppType string `json:"app_type"`
	// Version is the terminal software's version, two hex digits ("31").
	Version string `json:"version"`
	// Status is the terminal status nibble: 0 normal, 1 test; a vendor
	// may put any value 0–15 here.
	Status int `json:"status"`
	// Request is the processing request nibble (RequestSignIn …).
	Request int `json:"request"`
	// Reserved holds the last six hex digits (the software sub-version;
	// vendor values such as "31FFF1").
	Reserved string `json:"reserved"`
}

// DefaultHeader is a normal magstripe terminal's header, 60 31 00 00 00 00:
// application type 60, software version 31, status normal, no request.
var DefaultHeader = Header{AppType: "60", Version: "31", Reserved: "000000"}

// SignInAgain reports whether a reply's header asks the terminal to sign in
// again.
func (h Header) SignInAgain() bool { return h.Request == RequestSignIn }

// bytes returns the header's 6 bytes. It returns ErrBadHeader when the
// application type is not two digits or another part is not hex of its
// size.
func (h Header) bytes() ([]byte, error) {
	if len(h.AppType) != 2 || !isDigits(h.AppType) || h.Status < 0 || h.Status > 15 || h.Request < 0 || h.Request > 15 {
		return nil, fmt.Errorf("header %+v: %w", h, ErrBadHeader)
	}
	s := fmt.Sprintf("%s%2s%X%X%6s", h.AppType, h.Version, h.Status, h.Request, h.Reserved)
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != headerLen {
		return nil, fmt.Errorf("header %q: %w", s, ErrBadHeader)
	}
	return b, nil
}

func (h Header) append(b []byte) ([]byte, error) {
	hb, err := h.bytes()
	if err != nil {
		return nil, err
	}
	return append(b, hb...), nil
}

// parseHeader reads the 6-byte header. Only what the spec fixes and
// terminals keep is checked: the application type is two BCD digits. It
// returns ErrFrameTooShort or ErrBadHeader.
func parseHeader(b []byte) (Header, error) {
	if len(b) < headerLen {
		return Header{}, ErrFrameTooShort
	}
	if b[0]>>4 > 9 || b[0]&0x0F > 9 {
		return Header{}, ErrBadHeader
	}
	return Header{
		AppType:  hexString(b[0:1]),
		Version:  hexString(b[1:2]),
		Status:   int(b[2] >> 4),
		Request:  int(b[2] & 0x0F),
		Reserved: hexString(b[3:6]),
	}, nil
}

const (
	lenLen    = 2
	tpduLen   = 5
	headerLen = 6
	// maxNAC bounds the network-access-controller header searched for.
	maxNAC = 64
)

// nacMagic starts the header a network access controller adds.
var nacMagic = []byte{0x4C, 0x52, 0x49} // "LRI"

// Frame is one message on the TCP link without its length: TPDU, an
// optional network-access-controller header, the application header and
// the packed ISO 8583 message.
type Frame struct {
	TPDU   TPDU   `json:"tpdu"`
	NAC    []byte `json:"nac,omitempty"`
	Header Header `json:"header"`
	// Message is the packed message (MTI, bitmap, fields).
	Message []byte `json:"-"`
}

// AppendFrame appends f with its 2-byte big-endian length to b. It returns
// ErrFrameTooLong when f does not fit the length, and ErrBadHeader when the
// header holds a non-digit.
func AppendFrame(b []byte, f Frame) ([]byte, error) {
	n := tpduLen + len(f.NAC) + headerLen + len(f.Message)
	if n > 0xFFFF {
		return nil, ErrFrameTooLong
	}
	b = append(b, byte(n>>8), byte(n))
	b = f.TPDU.append(b)
	b = append(b, f.NAC...)
	return appendHeaderMessage(b, f)
}

func appendHeaderMessage(b []byte, f Frame) ([]byte, error) {
	b, err := f.Header.append(b)
	if err != nil {
		return nil, err
	}
	return append(b, f.Message...), nil
}

// WriteFrame writes f to w with its length, in one Write call.
// See AppendFrame for the errors.
func WriteFrame(w io.Writer, f Frame) error {
	b, err := AppendFrame(make([]byte, 0, lenLen+tpduLen+len(f.NAC)+headerLen+len(f.Message)), f)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write frame: %w", err)
	}
	return nil
}

// ReadFrame reads one length-prefixed frame from r. It returns io.EOF when r
// ends before a frame starts, io.ErrUnexpectedEOF inside a frame, and the
// errors of ParseFrame. The returned frame owns its bytes.
func ReadFrame(r io.Reader) (Frame, error) {
	var l [lenLen]byte
	if _, err := io.ReadFull(r, l[:]); err != nil {
		return Frame{}, err
	}
	n := int(binary.BigEndian.Uint16(l[:]))
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return Frame{}, err
	}
	return ParseFrame(body)
}

// ParseFrame splits a frame without its length into TPDU, optional
// network-access-controller header, header and message. The frame's slices
// alias body. Returns ErrFrameTooShort, ErrBadTPDU or ErrBadHeader.
func ParseFrame(body []byte) (Frame, error) {
	t, err := parseTPDU(body)
	if err != nil {
		return Frame{}, err
	}
	rest := body[tpduLen:]
	var nac []byte
	if bytes.HasPrefix(rest, nacMagic) {
		// The NAC header's length varies between vendors: take the first
		// split after which a BCD header and an MTI follow.
		n := nacLength(rest)
		if n < 0 {
			return Frame{}, ErrBadHeader
		}
		nac, rest = rest[:n], rest[n:]
	}
	h, err := parseHeader(rest)
	if err != nil {
		return Frame{}, err
	}
	return Frame{TPDU: t, NAC: nac, Header: h, Message: rest[headerLen:]}, nil
}

// nacLength returns the length of the network-access-controller header at
// the start of b, or -1: the shortest prefix after which a header and a
// message that decodes to the last byte follow; failing that, the shortest
// after which a message decodes at all.
func nacLength(b []byte) int {
	loose := -1
	for n := len(nacMagic); n <= maxNAC && n+headerLen+10 <= len(b); n++ {
		if _, err := parseHeader(b[n:]); err != nil {
			continue
		}
		msg := b[n+headerLen:]
		fields, used, err := walk(msg)
		if err != nil || !plausibleMTI(fields[0].f.(*field.String).Value()) {
			continue
		}
		if used == len(msg) {
			return n
		}
		if loose < 0 {
			loose = n
		}
	}
	return loose
}

// plausibleMTI reports whether an MTI is one a POS link carries: version
// 0 (1987) and a class from 1 (authorisation) to 8 (network management).
func plausibleMTI(mti string) bool {
	return len(mti) == 4 && mti[0] == '0' && mti[1] >= '1' && mti[1] <= '8'
}
