package unionpay

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/moov-io/iso8583"
)

// Terminal identifies the terminal in the requests it sends.
type Terminal struct {
	TID   string // terminal ID, field 41: 8 characters
	MID   string // merchant ID, field 42: 15 characters
	Batch string // batch number, 60.2: 6 digits ("000001")
}

func (t Terminal) check() error {
	if len(t.TID) != 8 {
		return fmt.Errorf("terminal ID %q is not 8 characters: %w", t.TID, ErrBadValue)
	}
	if len(t.MID) != 15 {
		return fmt.Errorf("merchant ID %q is not 15 characters: %w", t.MID, ErrBadValue)
	}
	if len(t.Batch) != 6 || !isDigits(t.Batch) {
		return fmt.Errorf("batch %q is not 6 digits: %w", t.Batch, ErrBadValue)
	}
	return nil
}

func traceDigits(trace int) (string, error) {
	if trace < 0 || trace > 999999 {
		return "", fmt.Errorf("trace %d: %w", trace, ErrBadValue)
	}
	return fmt.Sprintf("%06d", trace), nil
}

// set sets string fields in order and stops at the first error.
func set(m *iso8583.Message, kv map[int]string) error {
	for id, v := range kv {
		if err := m.Field(id, v); err != nil {
			return fmt.Errorf("field %d: %w", id, err)
		}
	}
	return nil
}

// management builds an 0800/0820 request with network management code nm.
func management(mti string, t Terminal, trace int, nm string, f63 string) (*iso8583.Message, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	tr, err := traceDigits(trace)
	if err != nil {
		return nil, err
	}
	m := NewMessage()
	m.MTI(mti)
	fields := map[int]string{11: tr, 41: t.TID, 42: t.MID, 60: "00" + t.Batch + nm}
	if f63 != "" {
		fields[63] = f63
	}
	if err := set(m, fields); err != nil {
		return nil, err
	}
	return m, nil
}

// NewSignIn builds a sign-in request (0800, 60.3 = 003, double-length
// keys) from operator 001. Returns ErrBadValue (wrapped) when t or trace
// do not fit their fields.
func NewSignIn(t Terminal, trace int) (*iso8583.Message, error) {
	return management("0800", t, trace, NMSignInDouble, "001")
}

// NewSignOff builds a sign-off request (0820, 60.3 = 002).
func NewSignOff(t Terminal, trace int) (*iso8583.Message, error) {
	return management("0820", t, trace, NMSignOff, "")
}

// NewEcho builds a host echo test (0820, 60.3 = 301). It carries no MAC.
func NewEcho(t Terminal, trace int) (*iso8583.Message, error) {
	return management("0820", t, trace, NMEcho, "")
}

// Sale is what a card sale request carries besides the terminal's IDs.
// The builder puts the card data on the wire as given: callers keep test
// cards only, and nothing here logs or returns it.
type Sale struct {
	AmountFen int64  // amount in fen (1 yuan = 100 fen), field 4
	PAN       string // card number, field 2 (optional with Track2)
	Expiry    string // YYMM, field 14 (optional)
	Track2    string // track 2 with '=' separator, field 35 (optional)
	EntryMode string // field 22, e.g. "021" swipe with PIN, "051" chip; default "021"
	PINBlock  []byte // 8 bytes, field 52 (optional); sets 26 and 53
	ICData    []byte // chip data TLV, field 55 (optional)
	MAC       []byte // 8 bytes, field 64 (optional)
}

// NewSale builds a sale request (0200, field 3 = 000000, 60.1 = 22).
// Returns ErrBadValue (wrapped) when a value does not fit its field.
func NewSale(t Terminal, trace int, s Sale) (*iso8583.Message, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	tr, err := traceDigits(trace)
	if err != nil {
		return nil, err
	}
	if s.AmountFen <= 0 || s.AmountFen > 999999999999 {
		return nil, fmt.Errorf("amount %d fen: %w", s.AmountFen, ErrBadValue)
	}
	if s.PAN == "" && s.Track2 == "" {
		return nil, fmt.Errorf("sale without card number or track 2: %w", ErrBadValue)
	}
	mode := s.EntryMode
	if mode == "" {
		mode = "021"
	}
	m := NewMessage()
	m.MTI("0200")
	fields := map[int]string{
		3: "000000", 4: fmt.Sprintf("%012d", s.AmountFen), 11: tr, 22: mode, 25: "00",
		41: t.TID, 42: t.MID, 49: "156", 60: "22" + t.Batch + "000" + "5",
	}
	if s.PAN != "" {
		if len(s.PAN) < 13 || len(s.PAN) > 19 || !isDigits(s.PAN) {
			return nil, fmt.Errorf("card number of %d characters: %w", len(s.PAN), ErrBadValue)
		}
		fields[2] = s.PAN
	}
	if s.Expiry != "" {
		fields[14] = s.Expiry
	}
	if s.Track2 != "" {
		fields[35] = s.Track2
	}
	if err := set(m, fields); err != nil {
		return nil, err
	}
	if len(s.PINBlock) > 0 {
		if len(s.PINBlock) != 8 {
			return nil, fmt.Errorf("PIN block of %d bytes: %w", len(s.PINBlock), ErrBadValue)
		}
		if err := set(m, map[int]string{26: "12", 53: "2600000000000000"}); err != nil {
			return nil, err
		}
		if err := m.BinaryField(52, s.PINBlock); err != nil {
			return nil, fmt.Errorf("field 52: %w", err)
		}
	}
	if len(s.ICData) > 0 {
		if err := m.BinaryField(55, s.ICData); err != nil {
			return nil, fmt.Errorf("field 55: %w", err)
		}
	}
	if len(s.MAC) > 0 {
		if len(s.MAC) != 8 {
			return nil, fmt.Errorf("MAC of %d bytes: %w", len(s.MAC), ErrBadValue)
		}
		if err := m.BinaryField(64, s.MAC); err != nil {
			return nil, fmt.Errorf("field 64: %w", err)
		}
	}
	return m, nil
}

// Reply is what a host adds to a response besides the echoed request
// fields. Zero values are left out.
type Reply struct {
	Code     string    // response code, field 39 ("00", "12", "A0" …); required
	Time     time.Time // host time: fields 12 (hhmmss) and 13 (MMDD)
	RRN      string    // reference number, field 37: 12 characters
	AuthCode string    // authorisation code, field 38: 6 characters
	Acquirer string    // acquirer institution code, field 32 (digits)
	Keys     []byte    // working keys, field 62 (sign-in replies)
}

// echoed lists the request fields a response repeats.
var echoed = []int{2, 3, 4, 11, 14, 25, 41, 42, 49, 60, 61, 63}

// NewResponse builds the host's response to req: MTI + 10 (0200 → 0210),
// the request's echoed fields, and r's fields. Returns ErrBadValue
// (wrapped) when req is already a response or a value does not fit.
func NewResponse(req *iso8583.Message, r Reply) (*iso8583.Message, error) {
	mti, err := req.GetMTI()
	if err != nil || len(mti) != 4 || !isDigits(mti) {
		return nil, fmt.Errorf("request MTI %q: %w", mti, ErrBadValue)
	}
	if (mti[2]-'0')%2 == 1 {
		return nil, fmt.Errorf("MTI %s is already a response: %w", mti, ErrBadValue)
	}
	if len(r.Code) != 2 {
		return nil, fmt.Errorf("response code %q: %w", r.Code, ErrBadValue)
	}
	m := NewMessage()
	m.MTI(mti[:2] + strconv.Itoa(int(mti[2]-'0')+1) + mti[3:])
	for _, id := range echoed {
		f := req.GetField(id)
		if f == nil {
			continue
		}
		v, err := f.String()
		if err != nil || v == "" {
			continue
		}
		if err := m.Field(id, v); err != nil {
			return nil, fmt.Errorf("field %d: %w", id, err)
		}
	}
	fields := map[int]string{39: r.Code}
	if !r.Time.IsZero() {
		fields[12] = r.Time.Format("150405")
		fields[13] = r.Time.Format("0102")
	}
	if r.RRN != "" {
		fields[37] = r.RRN
	}
	if r.AuthCode != "" {
		fields[38] = r.AuthCode
	}
	if r.Acquirer != "" {
		fields[32] = r.Acquirer
	}
	if err := set(m, fields); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadValue, err)
	}
	if len(r.Keys) > 0 {
		if err := m.BinaryField(62, r.Keys); err != nil {
			return nil, fmt.Errorf("field 62: %w", err)
		}
	}
	return m, nil
}

// KindOf names the transaction of m and reports whether it is a response.
func KindOf(m *iso8583.Message) (Kind, bool) {
	mti, _ := m.GetMTI()
	return Classify(mti, stringField(m, 3), stringField(m, 60))
}

// CodeOf returns m's response code (field 39), or "" when absent.
func CodeOf(m *iso8583.Message) string { return stringField(m, 39) }

func stringField(m *iso8583.Message, id int) string {
	if m.GetField(id) == nil {
		return ""
	}
	s, err := m.GetString(id)
	if err != nil {
		return ""
	}
	return s
}

// WriteMessage packs m and writes it to w as one frame with tpdu and h.
// Returns the errors of Pack and WriteFrame.
func WriteMessage(w io.Writer, tpdu TPDU, h Header, m *iso8583.Message) error {
	b, err := Pack(m)
	if err != nil {
		return err
	}
	return WriteFrame(w, Frame{TPDU: tpdu, Header: h, Message: b})
}

// ReadMessage reads one frame from r and unpacks its message. Returns the
// errors of ReadFrame and Unpack.
func ReadMessage(r io.Reader) (Frame, *iso8583.Message, error) {
	f, err := ReadFrame(r)
	if err != nil {
		return Frame{}, nil, err
	}
	m, err := Unpack(f.Message)
	if err != nil {
		return f, nil, err
	}
	return f, m, nil
}
