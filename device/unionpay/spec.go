package unionpay

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moov-io/iso8583"
	"github.com/moov-io/iso8583/encoding"
	"github.com/moov-io/iso8583/field"
	"github.com/moov-io/iso8583/padding"
	"github.com/moov-io/iso8583/prefix"
)

// nibbles is a BCD encoder for the China UnionPay dialect. It encodes the
// digits 0–9 and '=' (nibble D, the track-2 separator), which moov's BCD
// encoders refuse. left selects the alignment of an odd number of digits:
// left-aligned data carries one trailing pad nibble (0 on encode; 0 or F
// accepted on decode), right-aligned data one leading 0.
type nibbles struct{ left bool }

var (
	_ encoding.Encoder = nibbles{}

	// bcdRight is the encoder of fixed numeric fields (right-aligned).
	bcdRight = nibbles{left: false}
	// bcdLeft is the encoder of variable numeric fields, track data and
	// field 22 (left-aligned, one pad nibble).
	bcdLeft = nibbles{left: true}
)

func nibbleOf(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c == '=' || c == 'D' || c == 'd':
		return 0xD, true
	}
	return 0, false
}

// Encode packs the digits in src, two to a byte.
func (e nibbles) Encode(src []byte) ([]byte, error) {
	n := len(src)
	out := make([]byte, (n+1)/2)
	pad := 0
	if n%2 == 1 && !e.left {
		pad = 1 // a leading 0 nibble
	}
	for i, c := range src {
		v, ok := nibbleOf(c)
		if !ok {
			return nil, fmt.Errorf("unionpay: %q is not a BCD digit", c)
		}
		pos := i + pad
		if pos%2 == 0 {
			out[pos/2] = v << 4
		} else {
			out[pos/2] |= v
		}
	}
	return out, nil
}

// Decode reads length digits from src and reports how many bytes it used.
func (e nibbles) Decode(src []byte, length int) ([]byte, int, error) {
	if length < 0 {
		return nil, 0, fmt.Errorf("unionpay: negative length %d", length)
	}
	read := (length + 1) / 2
	if len(src) < read {
		return nil, 0, fmt.Errorf("unionpay: need %d bytes for %d digits, have %d", read, length, len(src))
	}
	pad := 0
	if length%2 == 1 && !e.left {
		pad = 1
	}
	out := make([]byte, length)
	for i := range length {
		pos := i + pad
		b := src[pos/2]
		var v byte
		if pos%2 == 0 {
			v = b >> 4
		} else {
			v = b & 0x0F
		}
		switch {
		case v <= 9:
			out[i] = '0' + v
		case v == 0xD:
			out[i] = '='
		default:
			return nil, 0, fmt.Errorf("unionpay: nibble %X at digit %d is not BCD", v, i)
		}
	}
	// The pad nibble must be 0 (or F on the left-aligned fields).
	if length%2 == 1 && read > 0 {
		var p byte
		if e.left {
			p = src[read-1] & 0x0F
		} else {
			p = src[0] >> 4
		}
		if p != 0 && !(e.left && p == 0xF) {
			return nil, 0, fmt.Errorf("unionpay: pad nibble %X is not 0", p)
		}
	}
	return out, read, nil
}

// bcdLength is the length prefix of the variable fields: the length in
// BCD digits (LL: one byte, LLL: two bytes, right-aligned). It decodes as
// moov's prefix.BCD does (any nibble above 9 fails; the pad nibble of LLL
// is not checked) without building a decoder table on every call, which
// made a long log slow to read.
type bcdLength struct{ digits int }

var (
	_ prefix.Prefixer = bcdLength{}

	bcdLL  = bcdLength{digits: 2}
	bcdLLL = bcdLength{digits: 3}
)

// EncodeLength returns dataLen as BCD digits.
func (p bcdLength) EncodeLength(maxLen, dataLen int) ([]byte, error) {
	if dataLen > maxLen {
		return nil, fmt.Errorf("unionpay: field length %d is larger than maximum %d", dataLen, maxLen)
	}
	s := strconv.Itoa(dataLen)
	if len(s) > p.digits {
		return nil, fmt.Errorf("unionpay: length %d has more than %d digits", dataLen, p.digits)
	}
	return bcdRight.Encode([]byte(strings.Repeat("0", p.digits-len(s)) + s))
}

// DecodeLength reads the length and reports how many bytes it took.
func (p bcdLength) DecodeLength(maxLen int, data []byte) (int, int, error) {
	n := (p.digits + 1) / 2
	if len(data) < n {
		return 0, 0, fmt.Errorf("unionpay: need %d bytes for a length, have %d", n, len(data))
	}
	v := 0
	for i, b := range data[:n] {
		hi, lo := int(b>>4), int(b&0x0F)
		if hi > 9 || lo > 9 {
			return 0, 0, fmt.Errorf("unionpay: length byte %02X is not BCD", b)
		}
		if i > 0 || p.digits%2 == 0 {
			v = v*10 + hi
		}
		v = v*10 + lo
	}
	if v > maxLen {
		return 0, 0, fmt.Errorf("unionpay: length %d is larger than maximum %d", v, maxLen)
	}
	return v, n, nil
}

// Inspect names the prefixer as moov's JSON specs do.
func (p bcdLength) Inspect() string { return "BCD." + strings.Repeat("L", p.digits) }

// numeric declares a fixed numeric field: right-aligned BCD.
func numeric(n int, desc string) field.Field {
	return field.NewString(&field.Spec{Length: n, Description: desc, Enc: bcdRight, Pref: prefix.BCD.Fixed, Pad: padding.None})
}

// leftNumeric declares a fixed numeric field that is left-aligned (field 22).
func leftNumeric(n int, desc string) field.Field {
	return field.NewString(&field.Spec{Length: n, Description: desc, Enc: bcdLeft, Pref: prefix.BCD.Fixed, Pad: padding.None})
}

// varNumeric declares an LLVAR or LLLVAR numeric field: BCD length in
// digits, left-aligned BCD data.
func varNumeric(max int, pref prefix.Prefixer, desc string) field.Field {
	return field.NewString(&field.Spec{Length: max, Description: desc, Enc: bcdLeft, Pref: pref, Pad: padding.None})
}

// text declares a fixed ASCII field.
func text(n int, desc string) field.Field {
	return field.NewString(&field.Spec{Length: n, Description: desc, Enc: encoding.ASCII, Pref: prefix.ASCII.Fixed, Pad: padding.None})
}

// varText declares an LLVAR or LLLVAR ASCII field with a BCD length.
func varText(max int, pref prefix.Prefixer, desc string) field.Field {
	return field.NewString(&field.Spec{Length: max, Description: desc, Enc: encoding.ASCII, Pref: pref, Pad: padding.None})
}

// fixedBinary declares a fixed binary field of n bytes.
func fixedBinary(n int, desc string) field.Field {
	return field.NewBinary(&field.Spec{Length: n, Description: desc, Enc: encoding.Binary, Pref: prefix.Binary.Fixed, Pad: padding.None})
}

// varBinaryField declares an LLLVAR binary field with a BCD length in bytes.
func varBinaryField(max int, desc string) field.Field {
	return field.NewBinary(&field.Spec{Length: max, Description: desc, Enc: encoding.Binary, Pref: bcdLLL, Pad: padding.None})
}

// Spec is the China UnionPay POS dialect of ISO 8583 (fields 2–64, primary
// bitmap only). Every field 2–64 is defined, so a bitmap bit for a field
// the terminals rarely send still decodes instead of failing the message.
// Fixed numeric fields are plain strings (not padded numbers) so leading
// zeros survive a round trip. Spec is shared and must not be modified.
var Spec = &iso8583.MessageSpec{
	Name: "China UnionPay POS",
	Fields: map[int]field.Field{
		0:  numeric(4, "Message Type Indicator"),
		1:  field.NewBitmap(&field.Spec{Length: 8, Description: "Bitmap", Enc: encoding.Binary, Pref: prefix.Binary.Fixed, DisableAutoExpand: true}),
		2:  varNumeric(19, bcdLL, "Primary Account Number"),
		3:  numeric(6, "Processing Code"),
		4:  numeric(12, "Amount, Transaction"),
		5:  numeric(12, "Amount, Settlement"),
		6:  numeric(12, "Amount, Cardholder Billing"),
		7:  numeric(10, "Transmission Date & Time"),
		8:  numeric(8, "Amount, Cardholder Billing Fee"),
		9:  numeric(8, "Conversion Rate, Settlement"),
		10: numeric(8, "Conversion Rate, Cardholder Billing"),
		11: numeric(6, "System Trace Audit Number"),
		12: numeric(6, "Time, Local Transaction"),
		13: numeric(4, "Date, Local Transaction"),
		14: numeric(4, "Date, Expiration"),
		15: numeric(4, "Date, Settlement"),
		16: numeric(4, "Date, Conversion"),
		17: numeric(4, "Date, Capture"),
		18: numeric(4, "Merchant Type"),
		19: numeric(3, "Acquiring Institution Country Code"),
		20: numeric(3, "PAN Extended, Country Code"),
		21: numeric(3, "Forwarding Institution Country Code"),
		22: leftNumeric(3, "Point of Service Entry Mode"),
		23: numeric(3, "Card Sequence Number"),
		24: numeric(3, "Network International Identifier"),
		25: numeric(2, "Point of Service Condition Code"),
		26: numeric(2, "Point of Service PIN Capture Code"),
		27: numeric(1, "Authorizing Identification Response Length"),
		28: numeric(8, "Amount, Transaction Fee"),
		29: numeric(8, "Amount, Settlement Fee"),
		30: numeric(8, "Amount, Transaction Processing Fee"),
		31: numeric(8, "Amount, Settlement Processing Fee"),
		32: varNumeric(11, bcdLL, "Acquiring Institution Identification Code"),
		33: varNumeric(11, bcdLL, "Forwarding Institution Identification Code"),
		34: varText(28, bcdLL, "Primary Account Number, Extended"),
		35: varNumeric(37, bcdLL, "Track 2 Data"),
		36: varNumeric(104, bcdLLL, "Track 3 Data"),
		37: text(12, "Retrieval Reference Number"),
		38: text(6, "Authorization Identification Response"),
		39: text(2, "Response Code"),
		40: text(3, "Service Restriction Code"),
		41: text(8, "Card Acceptor Terminal Identification"),
		42: text(15, "Card Acceptor Identification Code"),
		43: text(40, "Card Acceptor Name/Location"),
		44: varText(25, bcdLL, "Additional Response Data"),
		45: varText(76, bcdLL, "Track 1 Data"),
		46: varText(999, bcdLLL, "Additional Data - ISO"),
		47: varText(999, bcdLLL, "Additional Data - National"),
		48: varNumeric(322, bcdLLL, "Additional Data - Private"),
		49: text(3, "Currency Code, Transaction"),
		50: text(3, "Currency Code, Settlement"),
		51: text(3, "Currency Code, Cardholder Billing"),
		52: fixedBinary(8, "PIN Data"),
		53: numeric(16, "Security Related Control Information"),
		54: varText(20, bcdLLL, "Additional Amounts"),
		55: varBinaryField(255, "ICC Data"),
		56: varText(999, bcdLLL, "Reserved ISO"),
		57: varText(999, bcdLLL, "Reserved National"),
		58: varText(999, bcdLLL, "Reserved National"),
		59: varText(999, bcdLLL, "Reserved National"),
		// 60 is n...013 in the 2015 spec; later terminals send up to 17
		// digits (60.6, 60.7), so decoding accepts 17.
		60: varNumeric(17, bcdLLL, "Reserved Private (message type, batch, network management code)"),
		61: varNumeric(29, bcdLLL, "Original Message (batch, trace, date)"),
		62: varBinaryField(512, "Reserved Private (keys, parameters)"),
		63: varText(163, bcdLLL, "Reserved Private (card organisation, text)"),
		64: fixedBinary(8, "Message Authentication Code"),
	},
}
