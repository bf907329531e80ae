package unionpay

import (
	"errors"
	"fmt"

	"github.com/moov-io/iso8583"
	"github.com/moov-io/iso8583/field"
)

// NewMessage returns an empty message of the China UnionPay POS spec.
func NewMessage() *iso8583.Message { return iso8583.NewMessage(Spec) }

// Pack packs m (MTI, bitmap, fields) as it goes on the wire after the
// header. The error names the field that does not fit.
func Pack(m *iso8583.Message) ([]byte, error) {
	b, err := m.Pack()
	if err != nil {
		return nil, fmt.Errorf("unionpay pack: %w", err)
	}
	return b, nil
}

// Unpack decodes a packed message (starting at the MTI). Bytes after the
// last field are ignored. A field that does not decode gives a *FieldError
// naming the field and its byte offset in b; it never panics.
func Unpack(b []byte) (*iso8583.Message, error) {
	if len(b) < 10 {
		return nil, &FieldError{Offset: 0, Field: FieldMTI, Err: ErrTruncated}
	}
	m := NewMessage()
	if err := m.Unpack(b); err != nil {
		if _, _, werr := walk(b); werr != nil {
			return nil, werr
		}
		return nil, fmt.Errorf("unionpay unpack: %w", err)
	}
	return m, nil
}

// rawField is one field found by walk: its number, where it starts in the
// message, how many bytes it spans, and the decoded field.
type rawField struct {
	id     int
	offset int
	size   int
	f      field.Field
}

// walk decodes b field by field, keeping every field's offset, so errors
// can name the byte where a capture goes wrong. It returns the fields in
// wire order (MTI, bitmap, 2…64) and the bytes consumed.
func walk(b []byte) ([]rawField, int, error) {
	fields := make([]rawField, 0, 16)
	off := 0
	mti := field.NewInstanceOf(Spec.Fields[0])
	n, err := mti.Unpack(b)
	if err != nil {
		return nil, 0, &FieldError{Offset: 0, Field: FieldMTI, Err: fieldCause(err, mti, b)}
	}
	fields = append(fields, rawField{id: 0, offset: 0, size: n, f: mti})
	off += n
	bm := field.NewInstanceOf(Spec.Fields[1]).(*field.Bitmap)
	n, err = bm.Unpack(b[off:])
	if err != nil {
		return nil, 0, &FieldError{Offset: off, Field: FieldBitmap, Err: fieldCause(err, bm, b[off:])}
	}
	if bm.IsSet(1) {
		return nil, 0, &FieldError{Offset: off, Field: FieldBitmap, Err: errSecondaryBitmap}
	}
	fields = append(fields, rawField{id: 1, offset: off, size: n, f: bm})
	off += n
	for id := 2; id <= 64; id++ {
		if !bm.IsSet(id) {
			continue
		}
		f := field.NewInstanceOf(Spec.Fields[id])
		n, err := f.Unpack(b[off:])
		if err != nil {
			return nil, 0, &FieldError{Offset: off, Field: id, Err: fieldCause(err, f, b[off:])}
		}
		fields = append(fields, rawField{id: id, offset: off, size: n, f: f})
		off += n
	}
	return fields, off, nil
}

var errSecondaryBitmap = errors.New("unionpay: secondary bitmap flagged; China UnionPay POS uses one bitmap")

// fieldCause marks err as ErrTruncated when the field would have decoded
// had the bytes gone on: it unpacks the field again from rest followed by
// zeros (valid BCD, ASCII and binary alike). Moov's errors carry no such
// distinction, and matching their text would break on an upgrade.
func fieldCause(err error, f field.Field, rest []byte) error {
	padded := make([]byte, len(rest)+maxFieldBytes)
	copy(padded, rest)
	if _, perr := field.NewInstanceOf(f).Unpack(padded); perr == nil {
		return fmt.Errorf("%w (%d bytes left)", ErrTruncated, len(rest))
	}
	return err
}

// maxFieldBytes bounds the bytes one field can span: a 999-character
// LLLVAR text field and its 2-byte length.
const maxFieldBytes = 1001
