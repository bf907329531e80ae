package device

import "posdoctor/wizard/pan"

// MaskISO returns a copy of a CUP ISO 8583 message (TPDU | header | MTI |
// bitmap | fields, no TCP length) with the card number (field 2) masked to
// by the project's one rule (pan.Keep: first 6 and last 4 digits from 13
// digits on, all of a shorter one); masked digits become 0, since BCD has
// no '*'. It returns nil when the message carries track data (fields 35, 36,
// 45) or a PIN block (52), or when its layout is not the standard one (no
// 0x60 TPDU, or an extra header) so field 2 cannot be found for sure.
// masked reports whether anything was changed or dropped. MaskISO never
// panics on short or damaged input.
func MaskISO(raw []byte) (out []byte, masked bool) {
	const bitmapAt = 5 + 6 + 2
	if len(raw) == 0 {
		return nil, false
	}
	if raw[0] != 0x60 || len(raw) < bitmapAt+8 {
		return nil, true
	}
	bit := func(n int) bool { // n from 1
		i := bitmapAt + (n-1)/8
		return i < len(raw) && raw[i]&(0x80>>((n-1)%8)) != 0
	}
	if bit(1) && len(raw) < bitmapAt+16 {
		return nil, true
	}
	for _, f := range []int{35, 36, 45, 52} {
		if f > 64 && !bit(1) {
			continue
		}
		if bit(f) {
			return nil, true
		}
	}
	out = append([]byte(nil), raw...)
	if !bit(2) {
		return out, false
	}
	at := bitmapAt + 8
	if bit(1) {
		at += 8
	}
	if at >= len(out) {
		return nil, true
	}
	hi, lo := out[at]>>4, out[at]&0xf
	if hi > 9 || lo > 9 {
		return nil, true
	}
	n := int(hi)*10 + int(lo)
	if n > 19 || at+1+(n+1)/2 > len(out) {
		return nil, true
	}
	digits := out[at+1 : at+1+(n+1)/2]
	head, tail := pan.Keep(n)
	for d := head; d < n-tail; d++ {
		if d%2 == 0 {
			digits[d/2] &= 0x0f
		} else {
			digits[d/2] &= 0xf0
		}
	}
	return out, n > 0
}
