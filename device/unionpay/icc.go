package unionpay

import (
	"strings"

	"github.com/moov-io/iso8583/field"

	"posdoctor/wizard/pan"
)

// maskICC lists the TLV tags of field 55 with their values, the card
// number (5A) masked and the other tags that carry card data (pan.SecretTag:
// track data, name, expiry …) withheld. In the other tags' values, cards
// (the message's card numbers, from its other fields) and any other card
// number are masked too: a proprietary tag may carry track data no tag
// list names. When the data is not valid BER-TLV, nothing is shown.
func maskICC(f field.Field, cards []string) (string, []Subfield) {
	b, err := f.Bytes()
	if err != nil {
		return "", nil
	}
	for rest := b; len(rest) > 0; { // the chip's own card number, first
		tag, val, next, ok := nextTLV(rest)
		if !ok {
			break
		}
		if tag == "5A" {
			cards = append(cards, strings.TrimRight(hexString(val), "F"))
		}
		rest = next
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
			s.Value = hideCardNumbers(hexString(val), cards)
		}
		subs = append(subs, s)
		b = rest
	}
	return "", subs
}

// hideCardNumbers masks (pan.Mask) in a value shown as hex every
// occurrence of cards (13 digits or more) and every other run of 13 to 19
// digits that reads as a card number: a known range and a valid check
// digit.
func hideCardNumbers(hex string, cards []string) string {
	for _, c := range cards {
		if len(c) >= 13 {
			hex = strings.ReplaceAll(hex, c, pan.Mask(c))
		}
	}
	b := []byte(hex)
	for i := 0; i+13 <= len(b); i++ {
		for n := min(19, len(b)-i); n >= 13; n-- {
			if w := string(b[i : i+n]); isDigits(w) && pan.OnRange(w) && pan.Luhn(w) {
				copy(b[i:], pan.Mask(w))
				i += n - 1
				break
			}
		}
	}
	return string(b)
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
