package wire

import (
	"encoding/binary"
	"fmt"
)

// TLV is one item of the generic driver's payload: a two-byte tag (DFxx)
// and its value. See the package documentation for the tags.
type TLV struct {
	Tag   uint16
	Value []byte
}

// AppendTLV appends items to dst: each as TAG (2 bytes) | LEN | VALUE, with
// LEN in BER form (one byte below 128; 81 nn up to 255; 82 nnnn above).
func AppendTLV(dst []byte, items ...TLV) []byte {
	for _, it := range items {
		dst = binary.BigEndian.AppendUint16(dst, it.Tag)
		switch n := len(it.Value); {
		case n < 0x80:
			dst = append(dst, byte(n))
		case n <= 0xff:
			dst = append(dst, 0x81, byte(n))
		default:
			dst = append(dst, 0x82, byte(n>>8), byte(n))
		}
		dst = append(dst, it.Value...)
	}
	return dst
}

// DecodeTLV splits a payload into its items, in order. Values alias b.
// It returns ErrBadTLV (wrapped, with the offset) for a truncated item or a
// length form other than those AppendTLV writes.
func DecodeTLV(b []byte) ([]TLV, error) {
	var out []TLV
	for i := 0; i < len(b); {
		if len(b)-i < 3 {
			return out, fmt.Errorf("tlv at byte %d: %w", i, ErrBadTLV)
		}
		tag := binary.BigEndian.Uint16(b[i:])
		i += 2
		n := int(b[i])
		i++
		switch {
		case n == 0x81:
			if i >= len(b) {
				return out, fmt.Errorf("tlv %04X length: %w", tag, ErrBadTLV)
			}
			n = int(b[i])
			i++
		case n == 0x82:
			if i+1 >= len(b) {
				return out, fmt.Errorf("tlv %04X length: %w", tag, ErrBadTLV)
			}
			n = int(binary.BigEndian.Uint16(b[i:]))
			i += 2
		case n >= 0x80:
			return out, fmt.Errorf("tlv %04X length form %02X: %w", tag, n, ErrBadTLV)
		}
		if n > len(b)-i {
			return out, fmt.Errorf("tlv %04X wants %d bytes, %d left: %w", tag, n, len(b)-i, ErrBadTLV)
		}
		out = append(out, TLV{Tag: tag, Value: b[i : i+n : i+n]})
		i += n
	}
	return out, nil
}
