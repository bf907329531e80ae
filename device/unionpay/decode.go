package unionpay

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"

	"github.com/moov-io/iso8583/field"

	"posdoctor/wizard/pan"
	"posdoctor/wizard/respcode"
)

// Layers says what Decode found around the message.
type Layers struct {
	Length bool    `json:"length"`           // a 2-byte length led the bytes
	TPDU   *TPDU   `json:"tpdu,omitempty"`   // the 5-byte TPDU, if present
	NAC    string  `json:"nac,omitempty"`    // network-access-controller header, hex
	Header *Header `json:"header,omitempty"` // the 6-byte header, if present
	// MessageOffset and MessageLength locate the ISO 8583 message (MTI to
	// last field) within the decoded bytes.
	MessageOffset int `json:"message_offset"`
	MessageLength int `json:"message_length"`
	// Trailing counts bytes after the last field, which were ignored.
	Trailing int `json:"trailing,omitempty"`
}

// Role says what field 39 means in a message.
type Role string

// The roles of a response code.
const (
	RoleNone   Role = ""       // no field 39
	RoleResult Role = "result" // a host's answer: the transaction's result
	RoleReason Role = "reason" // in a request (a 0400 reversal): the terminal's reason
)

// Subfield is one named part of a field (60.1, 22.1, 63.1 …).
type Subfield struct {
	ID      string `json:"id"`   // "60.1"
	NameKey string `json:"name"` // translation key, "decode.field.60.1"
	Value   string `json:"value"`
	// MeaningKey names the value when it is a known code ("02" in 22.1 is
	// "swipe"): a translation key, or "".
	MeaningKey string `json:"meaning,omitempty"`
}

// subfieldValues lists the subfield values that have a name, as
// translation keys "decode.value.<id>.<value>".
var subfieldValues = map[string][]string{
	"22.1": {"01", "02", "05", "07", "80", "90", "91", "95", "96", "98"},
	"22.2": {"0", "1", "2"},
	"60.1": {"00", "01", "07", "10", "11", "20", "21", "22", "23", "24", "25"},
	"60.3": {"000", "001", "002", "003", "004", "201", "202", "301"},
	"63.1": {"CUP", "VIS", "MCC", "JCB", "AEX", "DCC", "001"},
}

func valueKey(id, v string) string {
	for _, known := range subfieldValues[id] {
		if known == v {
			return "decode.value." + id + "." + v
		}
	}
	return ""
}

// Field is one decoded field, ready to show. Value never holds a full card
// number, track data, a PIN block, keys or a MAC: those fields have
// Redacted set and an empty Value (a card number is masked instead).
type Field struct {
	ID        int        `json:"id"`
	NameKey   string     `json:"name"`               // translation key, "decode.field.39"
	Value     string     `json:"value"`              // display text; masked or empty when redacted
	Redacted  bool       `json:"redacted,omitempty"` // the value was withheld or masked
	Offset    int        `json:"offset"`             // first byte, within the decoded bytes
	Size      int        `json:"size"`               // bytes on the wire, with the length prefix
	Subfields []Subfield `json:"subfields,omitempty"`
}

// Decoded is a message decoded for people: what it is, its result, and its
// fields, masked. Texts are translation keys of the "decode" area.
type Decoded struct {
	Layers   Layers `json:"layers"`
	MTI      string `json:"mti"`
	Kind     Kind   `json:"kind"`
	Response bool   `json:"response"`
	// Original is the transaction a reversal undoes (from 3 and 60.1).
	Original Kind `json:"original,omitempty"`

	// Code is field 39 as sent ("" when absent); Role says whether it is a
	// result or a reversal's reason; Info is its table row (Known false:
	// not in the table, Info holds the fallback).
	Code  string         `json:"code,omitempty"`
	Role  Role           `json:"role,omitempty"`
	Known bool           `json:"known,omitempty"`
	Info  *respcode.Code `json:"info,omitempty"`

	// SignInAgain is set when a reply's header asks the terminal to sign in
	// again (processing request 3).
	SignInAgain bool `json:"sign_in_again,omitempty"`

	AmountFen int64  `json:"amount_fen,omitempty"` // field 4
	HasAmount bool   `json:"has_amount,omitempty"`
	Trace     string `json:"trace,omitempty"` // field 11
	TID       string `json:"tid,omitempty"`   // field 41
	MID       string `json:"mid,omitempty"`   // field 42
	RRN       string `json:"rrn,omitempty"`   // field 37
	AuthCode  string `json:"auth_code,omitempty"`
	Batch     string `json:"batch,omitempty"` // 60.2
	Card      string `json:"card,omitempty"`  // masked card number (field 2, else track 2)

	Fields []Field `json:"fields"`
	// Redacted lists the fields whose values were masked or withheld, by
	// number ("2", "35", "52", "55", "62", "64").
	Redacted []string `json:"redacted,omitempty"`
}

// Yuan formats the amount in yuan with two decimals: 12345 fen → "123.45".
func (d *Decoded) Yuan() string { return Yuan(d.AmountFen) }

// Yuan formats an amount in fen as yuan with two decimals.
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return sign + strconv.FormatInt(fen/100, 10) + "." + pad2(fen%100)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// MeaningKey returns the translation key of field 39's meaning, or "" when
// the message has no field 39.
func (d *Decoded) MeaningKey() string {
	switch {
	case d.Code == "":
		return ""
	case !d.Known:
		return respcode.UnknownMeaningKey
	}
	return d.Info.MeaningKey()
}

// NextKey returns the translation key of the merchant's next step: the
// code's, a reversal reason's, "sign in again" when the header asks for
// it, or "" when there is nothing to say (a request without a result).
func (d *Decoded) NextKey() string {
	switch {
	case d.SignInAgain:
		return "decode.next.signin"
	case d.Code == "":
		return ""
	case d.Role == RoleReason:
		return "decode.next.reason"
	case !d.Known:
		return respcode.UnknownNextKey
	case d.Info.Approved() && !d.Kind.Financial():
		return "decode.next.admin_ok"
	}
	return d.Info.NextKey()
}

// DecodeHex parses a pasted hex dump (see ParseHex) and decodes it.
func DecodeHex(s string) (*Decoded, error) {
	b, err := ParseHex(s)
	if err != nil {
		return nil, err
	}
	return Decode(b)
}

// Decode decodes one captured message, with or without its length, TPDU,
// network-access-controller header and header: it tries each layout and
// keeps the one that decodes completely. Returns ErrEmpty, ErrTooShort, or a
// *FieldError naming the field and the byte offset (within b) where the
// most plausible layout fails. It never panics.
func Decode(b []byte) (*Decoded, error) { return decode(b, true) }

// decode is Decode; without fields it leaves Decoded.Fields empty and
// skips naming subfields, for the log reader, which shows a summary of
// thousands of messages.
func decode(b []byte, fields bool) (*Decoded, error) {
	if len(b) == 0 {
		return nil, ErrEmpty
	}
	if len(b) < 10 {
		return nil, ErrTooShort
	}
	var best *attempt
	for _, l := range layouts(b) {
		a := try(b, l)
		if a.err == nil && a.trailing == 0 {
			return a.result(fields), nil
		}
		if best == nil || a.better(best) {
			best = a
		}
	}
	if best.err != nil {
		return nil, best.err
	}
	return best.result(fields), nil
}

// layout is one guess at the layers around the message.
type layout struct {
	Layers
	start int // first byte of the message
}

// layouts lists the plausible layouts of b, the most complete first.
func layouts(b []byte) []layout {
	var out []layout
	bases := []layout{{}}
	// A length that matches, or one followed by a TPDU (the capture may be
	// cut short or carry extra bytes).
	if len(b) > 2 && (int(binary.BigEndian.Uint16(b)) == len(b)-2 || b[2] == 0x60) {
		bases = []layout{{Layers: Layers{Length: true}, start: 2}, {}}
	}
	for _, base := range bases {
		for _, withTPDU := range []bool{true, false} {
			l := base
			if withTPDU {
				t, err := parseTPDU(b[l.start:])
				if err != nil {
					continue
				}
				l.TPDU = &t
				l.start += tpduLen
				if bytes.HasPrefix(b[l.start:], nacMagic) {
					if n := nacLength(b[l.start:]); n > 0 {
						l.NAC = strings.ToUpper(hexString(b[l.start : l.start+n]))
						l.start += n
					}
				}
			}
			if h, err := parseHeader(b[l.start:]); err == nil {
				withHeader := l
				withHeader.Header = &h
				withHeader.start += headerLen
				out = append(out, withHeader)
			}
			out = append(out, l)
		}
	}
	return out
}

func hexString(b []byte) string {
	const digits = "0123456789ABCDEF"
	out := make([]byte, 0, len(b)*2)
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&0x0F])
	}
	return string(out)
}

// attempt is the outcome of decoding b with one layout.
type attempt struct {
	l        layout
	fields   []rawField
	trailing int
	err      error
	reached  int // absolute offset of the failure, or of the end
}

func try(b []byte, l layout) *attempt {
	a := &attempt{l: l}
	msg := b[l.start:]
	fields, n, err := walk(msg)
	if err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			abs := *fe
			abs.Offset += l.start
			a.err = &abs
			a.reached = abs.Offset
		} else {
			a.err = err
		}
		return a
	}
	mti := fields[0].f.(*field.String).Value()
	if !plausibleMTI(mti) {
		a.err = &FieldError{Offset: l.start, Field: FieldMTI, Err: errMTI}
		a.reached = l.start
		return a
	}
	a.fields = fields
	a.trailing = len(msg) - n
	a.reached = len(b)
	a.l.MessageOffset = l.start
	a.l.MessageLength = n
	a.l.Trailing = a.trailing
	return a
}

var errMTI = errors.New("unionpay: not an MTI a POS link carries (0100 to 0830)")

// better prefers a decoded layout to a failed one, fewer trailing bytes,
// then the failure that got furthest.
func (a *attempt) better(o *attempt) bool {
	if (a.err == nil) != (o.err == nil) {
		return a.err == nil
	}
	if a.err == nil {
		return a.trailing < o.trailing
	}
	return a.reached > o.reached
}

// result builds the Decoded value: names, masks and summary.
func (a *attempt) result(withFields bool) *Decoded {
	d := &Decoded{Layers: a.l.Layers, Fields: make([]Field, 0, len(a.fields))}
	values := map[int]string{}
	var cards []string // the card numbers the message carries, for field 55 to hide
	for _, rf := range a.fields {
		switch raw := fieldText(rf.f); rf.id {
		case 2, 34:
			cards = append(cards, raw)
		case 35, 36:
			if i := strings.IndexAny(raw, "=D"); i > 0 {
				cards = append(cards, raw[:i])
			}
		}
	}
	for _, rf := range a.fields {
		switch rf.id {
		case 0:
			d.MTI = rf.f.(*field.String).Value()
			continue
		case 1:
			continue
		}
		f := Field{ID: rf.id, NameKey: fieldKey(rf.id), Offset: a.l.start + rf.offset, Size: rf.size}
		raw := fieldText(rf.f)
		switch rf.id {
		case 2, 34:
			f.Value, f.Redacted = pan.Mask(raw), true
			if rf.id == 2 {
				d.Card = f.Value
			}
		case 35, 36, 45, 52, 62, 64:
			f.Redacted = true
			if rf.id == 35 && d.Card == "" {
				if i := strings.IndexByte(raw, '='); i > 0 {
					d.Card = pan.Mask(raw[:i])
				}
			}
		case 55:
			f.Value, f.Subfields = maskICC(rf.f, cards)
			f.Redacted = true
		default:
			f.Value = printable(raw)
			values[rf.id] = f.Value
			if withFields {
				f.Subfields = subfields(rf.id, f.Value)
			}
		}
		if f.Redacted {
			d.Redacted = append(d.Redacted, strconv.Itoa(rf.id))
		}
		if withFields {
			d.Fields = append(d.Fields, f)
		}
	}
	d.Kind, d.Response = Classify(d.MTI, values[3], values[60])
	if d.Kind == KindReversal {
		d.Original = original(values[3], values[60])
	}
	if v, ok := values[4]; ok && isDigits(v) {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			d.AmountFen, d.HasAmount = n, true
		}
	}
	d.Trace = values[11]
	d.TID = strings.TrimSpace(values[41])
	d.MID = strings.TrimSpace(values[42])
	d.RRN = strings.TrimSpace(values[37])
	d.AuthCode = strings.TrimSpace(values[38])
	if v := values[60]; len(v) >= 8 {
		d.Batch = v[2:8]
	}
	if c, ok := values[39]; ok {
		d.Code = c
		info, known := respcode.Lookup(c)
		d.Info, d.Known = &info, known
		d.Role = RoleResult
		if !d.Response {
			d.Role = RoleReason
		}
	}
	if d.Response && d.Layers.Header != nil && d.Layers.Header.SignInAgain() {
		d.SignInAgain = true
	}
	return d
}

// fieldText returns a field's value as text: strings as they are, binary
// as upper-case hex.
func fieldText(f field.Field) string {
	switch v := f.(type) {
	case *field.String:
		return v.Value()
	case *field.Binary:
		return hexString(v.Value())
	}
	s, _ := f.String()
	return s
}

func fieldKey(id int) string { return "decode.field." + strconv.Itoa(id) }

// printable replaces control characters and non-ASCII bytes so a capture
// cannot inject terminal escapes.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] < 0x20 || b[j] >= 0x7F {
					b[j] = '.'
				}
			}
			return string(b)
		}
	}
	return s
}

// subfield layouts: id → parts (name suffix, width in characters; 0 = the
// rest).
var subfieldLayouts = map[int][]struct {
	id    string
	width int
}{
	22: {{"1", 2}, {"2", 1}},
	60: {{"1", 2}, {"2", 6}, {"3", 3}, {"4", 1}, {"5", 1}, {"6", 1}, {"7", 0}},
	61: {{"1", 6}, {"2", 6}, {"3", 4}, {"4", 0}},
	63: {{"1", 3}, {"2", 0}},
}

// subfields splits a field into its named parts, as far as it reaches.
func subfields(id int, v string) []Subfield {
	parts, ok := subfieldLayouts[id]
	if !ok {
		return nil
	}
	var out []Subfield
	prefix := strconv.Itoa(id) + "."
	for _, p := range parts {
		if v == "" {
			break
		}
		w := p.width
		if w == 0 || w > len(v) {
			w = len(v)
		}
		sid := prefix + p.id
		out = append(out, Subfield{ID: sid, NameKey: "decode.field." + sid, Value: v[:w], MeaningKey: valueKey(sid, v[:w])})
		v = v[w:]
	}
	return out
}
