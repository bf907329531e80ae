package unionpay

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moov-io/iso8583"
)

// txTable is one message per row of the transaction table in
// shared/domain/README.md, plus the variants Classify knows.
var txTable = []struct {
	name     string
	mti      string
	fields   map[int]string
	wantKind Kind
}{
	{"balance inquiry", "0200", map[int]string{2: testPAN, 3: "310000", 11: "000001", 22: "021", 25: "00", 41: "12345678", 42: "898310048161234", 49: "156", 60: "01000012000"}, KindBalance},
	{"sale", "0200", map[int]string{2: testPAN, 3: "000000", 4: "000000000100", 11: "000002", 22: "051", 23: "001", 25: "00", 41: "12345678", 42: "898310048161234", 49: "156", 60: "22000012000"}, KindSale},
	{"void", "0200", map[int]string{2: testPAN, 3: "200000", 4: "000000000100", 11: "000003", 22: "021", 25: "00", 37: "141327000123", 38: "123456", 41: "12345678", 42: "898310048161234", 49: "156", 60: "23000012000", 61: "000012000002"}, KindVoid},
	{"refund", "0220", map[int]string{2: testPAN, 3: "200000", 4: "000000000050", 11: "000004", 22: "021", 25: "00", 37: "141327000123", 41: "12345678", 42: "898310048161234", 49: "156", 60: "25000012000", 61: "0000120000021124"}, KindRefund},
	{"pre-auth", "0100", map[int]string{2: testPAN, 3: "030000", 4: "000000050000", 11: "000005", 22: "051", 25: "06", 41: "12345678", 42: "898310048161234", 49: "156", 60: "10000012000"}, KindPreAuth},
	{"pre-auth completion", "0200", map[int]string{2: testPAN, 3: "000000", 4: "000000045000", 11: "000006", 22: "051", 25: "06", 38: "654321", 41: "12345678", 42: "898310048161234", 49: "156", 60: "20000012000", 61: "0000000000001125"}, KindCompletion},
	{"reversal", "0400", map[int]string{2: testPAN, 3: "000000", 4: "000000000100", 11: "000002", 22: "051", 25: "00", 39: "98", 41: "12345678", 42: "898310048161234", 49: "156", 60: "22000012000"}, KindReversal},
	{"sign-in", "0800", map[int]string{11: "000007", 41: "12345678", 42: "898310048161234", 60: "00000012003", 63: "001"}, KindSignIn},
	{"sign-off", "0820", map[int]string{11: "000008", 41: "12345678", 42: "898310048161234", 60: "00000012002"}, KindSignOff},
	{"echo test", "0820", map[int]string{11: "000009", 41: "12345678", 42: "898310048161234", 60: "00000012301"}, KindEcho},
	{"signature upload", "0820", map[int]string{11: "000010", 41: "12345678", 42: "898310048161234", 60: "07000012301"}, KindSignature},
	{"batch settlement", "0500", map[int]string{11: "000011", 41: "12345678", 42: "898310048161234", 48: "00000000000100000000000000000000000000000", 49: "156", 60: "00000012201"}, KindSettlement},
	{"batch upload", "0320", map[int]string{11: "000012", 41: "12345678", 42: "898310048161234", 48: "0001", 60: "00000012201"}, KindBatchUpload},
}

func buildTx(t *testing.T, mti string, fields map[int]string) *iso8583.Message {
	t.Helper()
	m := NewMessage()
	m.MTI(mti)
	for id, v := range fields {
		if err := m.Field(id, v); err != nil {
			t.Fatalf("field %d = %q: %v", id, v, err)
		}
	}
	return m
}

// TestRoundTrip packs each transaction type and its response, frames them,
// reads them back and checks every field and the transaction's name.
func TestRoundTrip(t *testing.T) {
	for _, tt := range txTable {
		t.Run(tt.name, func(t *testing.T) {
			req := buildTx(t, tt.mti, tt.fields)
			resp, err := NewResponse(req, Reply{Code: "00", Time: hostTime, RRN: "141327000999", AuthCode: "A1B2C3"})
			if err != nil {
				t.Fatalf("NewResponse error %v", err)
			}
			for _, m := range []*iso8583.Message{req, resp} {
				var buf bytes.Buffer
				if err := WriteMessage(&buf, DefaultTPDU, DefaultHeader, m); err != nil {
					t.Fatalf("WriteMessage error %v", err)
				}
				f, got, err := ReadMessage(&buf)
				if err != nil {
					t.Fatalf("ReadMessage error %v", err)
				}
				if f.Header != DefaultHeader || f.TPDU != DefaultTPDU {
					t.Errorf("frame TPDU, header = %+v, %+v; want %+v, %+v", f.TPDU, f.Header, DefaultTPDU, DefaultHeader)
				}
				if diff := cmp.Diff(fieldTexts(t, m), fieldTexts(t, got)); diff != "" {
					t.Errorf("fields after round trip (-want +got):\n%s", diff)
				}
				kind, _ := KindOf(got)
				if kind != tt.wantKind {
					t.Errorf("KindOf = %s; want %s", kind, tt.wantKind)
				}
			}
			wantMTI := tt.mti[:2] + string(tt.mti[2]+1) + tt.mti[3:]
			if got, _ := resp.GetMTI(); got != wantMTI {
				t.Errorf("response MTI = %s; want %s", got, wantMTI)
			}
			if CodeOf(resp) != "00" {
				t.Errorf("CodeOf(response) = %q; want 00", CodeOf(resp))
			}
		})
	}
}

// fieldTexts returns every set field of m as text (binary as hex).
func fieldTexts(t *testing.T, m *iso8583.Message) map[int]string {
	t.Helper()
	out := map[int]string{}
	for id, f := range m.GetFields() {
		if id == 1 {
			continue
		}
		out[id] = fieldText(f)
	}
	return out
}

// TestBuilders checks the fields the builders set.
func TestBuilders(t *testing.T) {
	signIn := must(NewSignIn(testTerminal, 1))
	echo := must(NewEcho(testTerminal, 2))
	signOff := must(NewSignOff(testTerminal, 3))
	sale := saleRequest(t)
	tests := []struct {
		name string
		m    *iso8583.Message
		want map[int]string
	}{
		{"sign-in", signIn, map[int]string{0: "0800", 11: "000001", 41: "12345678", 42: "898310048161234", 60: "00000012003", 63: "001"}},
		{"echo", echo, map[int]string{0: "0820", 11: "000002", 41: "12345678", 42: "898310048161234", 60: "00000012301"}},
		{"sign-off", signOff, map[int]string{0: "0820", 11: "000003", 41: "12345678", 42: "898310048161234", 60: "00000012002"}},
		{"sale", sale, map[int]string{0: "0200", 2: testPAN, 3: "000000", 4: "000000012800", 11: "000123", 14: "2812", 22: "021", 25: "00", 26: "12",
			35: testPAN + "=28122011234567", 41: "12345678", 42: "898310048161234", 49: "156", 52: "3A915C07E24418B6", 53: "2600000000000000",
			60: "220000120005", 64: "4142434431323334"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fieldTexts(t, tt.m)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuilderErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func() (*iso8583.Message, error)
	}{
		{"short terminal ID", func() (*iso8583.Message, error) {
			return NewEcho(Terminal{TID: "1", MID: testTerminal.MID, Batch: "000001"}, 1)
		}},
		{"batch not digits", func() (*iso8583.Message, error) {
			return NewSignIn(Terminal{TID: testTerminal.TID, MID: testTerminal.MID, Batch: "00000x"}, 1)
		}},
		{"trace too big", func() (*iso8583.Message, error) { return NewEcho(testTerminal, 1000000) }},
		{"zero amount", func() (*iso8583.Message, error) { return NewSale(testTerminal, 1, Sale{PAN: testPAN}) }},
		{"no card", func() (*iso8583.Message, error) { return NewSale(testTerminal, 1, Sale{AmountFen: 1}) }},
		{"short PAN", func() (*iso8583.Message, error) { return NewSale(testTerminal, 1, Sale{AmountFen: 1, PAN: "1234"}) }},
		{"PIN block size", func() (*iso8583.Message, error) {
			return NewSale(testTerminal, 1, Sale{AmountFen: 1, PAN: testPAN, PINBlock: []byte{1}})
		}},
		{"response to a response", func() (*iso8583.Message, error) {
			r := must(NewResponse(must(NewEcho(testTerminal, 1)), Reply{Code: "00"}))
			return NewResponse(r, Reply{Code: "00"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.build(); !errors.Is(err, ErrBadValue) {
				t.Errorf("error %v; want ErrBadValue", err)
			}
		})
	}
}

func TestFrame(t *testing.T) {
	msg := []byte{0x08, 0x20, 0, 0, 0, 0, 0, 0, 0, 0}
	f := Frame{TPDU: DefaultTPDU, Header: Header{AppType: "61", Version: "31", Status: 1, Request: RequestSignIn, Reserved: "000000"}, Message: msg}
	b, err := AppendFrame(nil, f)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0x00, 0x15, 0x60, 0x00, 0x03, 0x00, 0x00, 0x61, 0x31, 0x13, 0x00, 0x00, 0x00}
	want = append(want, msg...)
	if !bytes.Equal(b, want) {
		t.Errorf("AppendFrame = % X; want % X", b, want)
	}
	got, err := ReadFrame(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ReadFrame error %v", err)
	}
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("ReadFrame (-want +got):\n%s", diff)
	}
	if !got.Header.SignInAgain() {
		t.Errorf("SignInAgain() = false; want true for request 3")
	}
	if r := DefaultTPDU.Reply(); r.Destination != 0 || r.Source != 3 {
		t.Errorf("Reply() = %+v; want addresses swapped", r)
	}
}

func TestReadFrameErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, io.EOF},
		{"cut in length", []byte{0x00}, io.ErrUnexpectedEOF},
		{"cut in body", []byte{0x00, 0x20, 0x60}, io.ErrUnexpectedEOF},
		{"shorter than header", []byte{0x00, 0x03, 0x60, 0, 3}, ErrFrameTooShort},
		{"not a TPDU", []byte{0x00, 0x0B, 0x61, 0, 3, 0, 0, 0x60, 0x31, 0, 0, 0, 0}, ErrBadTPDU},
		{"header not BCD", []byte{0x00, 0x0B, 0x60, 0, 3, 0, 0, 0x6A, 0x31, 0, 0, 0, 0}, ErrBadHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadFrame(bytes.NewReader(tt.in)); !errors.Is(err, tt.want) {
				t.Errorf("ReadFrame error %v; want %v", err, tt.want)
			}
		})
	}
	if err := WriteFrame(io.Discard, Frame{TPDU: DefaultTPDU, Header: DefaultHeader, Message: make([]byte, 70000)}); !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("WriteFrame(70000 bytes) error %v; want ErrFrameTooLong", err)
	}
}

// TestNibbles covers the BCD encoder's track-2 separator and pad nibbles.
func TestNibbles(t *testing.T) {
	tests := []struct {
		name string
		enc  nibbles
		in   string
		want []byte
	}{
		{"left odd", bcdLeft, "021", []byte{0x02, 0x10}},
		{"right odd", bcdRight, "156", []byte{0x01, 0x56}},
		{"track 2", bcdLeft, "62=1", []byte{0x62, 0xD1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.enc.Encode([]byte(tt.in))
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Fatalf("Encode(%q) = % X, %v; want % X", tt.in, got, err, tt.want)
			}
			back, n, err := tt.enc.Decode(got, len(tt.in))
			if err != nil || string(back) != tt.in || n != len(got) {
				t.Errorf("Decode = %q, %d, %v; want %q, %d", back, n, err, tt.in, len(got))
			}
		})
	}
	if got, _, err := bcdLeft.Decode([]byte{0x12, 0x3F}, 3); err != nil || string(got) != "123" {
		t.Errorf("Decode(12 3F) = %q, %v; want 123 (F pad accepted)", got, err)
	}
	if _, _, err := bcdRight.Decode([]byte{0xF1, 0x23}, 3); err == nil {
		t.Errorf("Decode(F1 23) right-aligned error nil; want one")
	}
	if _, err := bcdLeft.Encode([]byte("12a")); err == nil {
		t.Errorf("Encode(12a) error nil; want one")
	}
}

// TestFrameNAC writes a frame with a network-access-controller header and
// reads it back: the NAC bytes are found by where a header and message
// follow.
func TestFrameNAC(t *testing.T) {
	msg, err := Pack(must(NewEcho(testTerminal, 9)))
	if err != nil {
		t.Fatal(err)
	}
	nac := []byte{0x4C, 0x52, 0x49, 0x00, 0x1C, 0x01, 0x02}
	f := Frame{TPDU: DefaultTPDU, NAC: nac, Header: DefaultHeader, Message: msg}
	var buf bytes.Buffer
	if err := WriteFrame(&buf, f); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFrame(&buf)
	if err != nil {
		t.Fatalf("ReadFrame error %v", err)
	}
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("ReadFrame (-want +got):\n%s", diff)
	}
}

// TestLuhnTestCard keeps the samples' card number a valid-looking test card.
func TestLuhnTestCard(t *testing.T) {
	sum := 0
	for i := range len(testPAN) {
		d := int(testPAN[len(testPAN)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	if sum%10 != 0 {
		t.Errorf("test card %s fails the Luhn check (sum %d)", testPAN, sum)
	}
}
