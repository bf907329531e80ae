package unionpay

import (
	"strings"

	"github.com/moov-io/iso8583/field"

	"posdoctor/wizard/pan"
)

// maskICC lists the TLV tags of field 55 with their values, the card
// number (5A) masked and the other tags that carry card data (pan.SecretTag:
// track data, name, expiry …) withheld. When the data is not valid
// BER-TLV, nothing is shown.
func maskICC(f field.Field) (string, []Subfield) {
	b, err := f.Bytes()
	if err != nil {
		return "", nil
	}
	var subs []Subfield
	for len(b) > 0 {
		tag, val, rest, ok := nextTLV(b)
		if !ok {
			return "", nil
		}
		s := Subfield{ID: "55." + tag, NameKey: "decode.field.55.tag"}
		switch {
		case tag == "5A":
			s.Value = pan.Mask(strings.TrimRight(hexString(val), "F"))
		case pan.SecretTag(tag):
			s.Value = ""
		default:
			s.Value = hexString(val)
		}
		subs = append(subs, s)
		b = rest
	}
	return "", subs
}

// nextTLV splits one BER-TLV element off b.
func nextTLV(b []byte) (tag string, val, rest []byte, ok bool) {
	if len(b) < 2 {
		return "", nil, nil, false
	}
	n := 1
	if b[0]&0x1F == 0x1F {
		for n < len(b) && n < 4 {
			n++
			if b[n-1]&0x80 == 0 {
				break
			}
		}
	}
	if n >= len(b) {
		return "", nil, nil, false
	}
	tag = hexString(b[:n])
	l := int(b[n])
	n++
	switch {
	case l == 0x81:
		if n >= len(b) {
			return "", nil, nil, false
		}
		l = int(b[n])
		n++
	case l == 0x82:
		if n+1 >= len(b) {
			return "", nil, nil, false
		}
		l = int(b[n])<<8 | int(b[n+1])
		n += 2
	case l > 0x80:
		return "", nil, nil, false
	}
	if n+l > len(b) {
		return "", nil, nil, false
	}
	return tag, b[n : n+l], b[n+l:], true
}
