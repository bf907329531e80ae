package unionpay

import (
	"errors"
	"fmt"
)

// Errors of the TCP framing.
var (
	// ErrFrameTooShort is returned by ReadFrame and ParseFrame when a frame
	// is shorter than its TPDU and header.
	ErrFrameTooShort = errors.New("unionpay: frame shorter than TPDU and header")
	// ErrFrameTooLong is returned by WriteFrame when a frame does not fit the
	// 2-byte length.
	ErrFrameTooLong = errors.New("unionpay: frame longer than 65535 bytes")
	// ErrBadTPDU is returned when the TPDU does not start with 0x60.
	ErrBadTPDU = errors.New("unionpay: TPDU does not start with 60")
	// ErrBadHeader is returned when the 6-byte header's application type
	// is not BCD, or a Header to write does not fit 6 bytes.
	ErrBadHeader = errors.New("unionpay: header is not BCD")
)

// Errors of what a user pastes.
var (
	// ErrEmpty is returned by ParseHex and Decode when the input holds no
	// hex bytes at all.
	ErrEmpty = errors.New("unionpay: no hex bytes in input")
	// ErrTooShort is returned by Decode when the bytes cannot hold an MTI
	// and a bitmap.
	ErrTooShort = errors.New("unionpay: too short for an ISO 8583 message")
)

// Errors of the message builders.
var (
	// ErrBadValue is returned by the builders when a value does not fit its
	// field (a non-digit amount, a card number of the wrong length).
	ErrBadValue = errors.New("unionpay: value does not fit its field")
)

// HexError is returned by ParseHex when a group of hex digits has an odd
// length or a slip, so the bytes cannot be known. Offset counts characters
// (runes) from the start of the input, from 0; Line and Column count from 1.
type HexError struct {
	Line   int
	Column int
	Offset int
	Err    error
}

// ErrOddDigits is wrapped by HexError when a run of hex digits has an odd
// length.
var ErrOddDigits = errors.New("unionpay: odd number of hex digits")

func (e *HexError) Error() string {
	return fmt.Sprintf("unionpay: hex line %d, column %d: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *HexError) Unwrap() error { return e.Err }

// FieldError is returned by Unpack and Decode when a field does not decode.
// Offset is the byte offset of the field's first byte: within the message
// for Unpack, within the pasted bytes for Decode. Field is the ISO 8583
// field number; FieldMTI and FieldBitmap name the first two parts.
type FieldError struct {
	Offset int
	Field  int
	Err    error
}

// Pseudo field numbers of FieldError for the parts before field 2.
const (
	FieldMTI    = 0
	FieldBitmap = 1
)

func (e *FieldError) Error() string {
	switch e.Field {
	case FieldMTI:
		return fmt.Sprintf("unionpay: MTI at byte %d: %v", e.Offset, e.Err)
	case FieldBitmap:
		return fmt.Sprintf("unionpay: bitmap at byte %d: %v", e.Offset, e.Err)
	}
	return fmt.Sprintf("unionpay: field %d at byte %d: %v", e.Field, e.Offset, e.Err)
}

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }

// ErrTruncated is wrapped by FieldError when the bytes end inside a field.
var ErrTruncated = errors.New("unionpay: message ends inside this field")
