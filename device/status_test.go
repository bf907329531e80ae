package device

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/device/internal/wire"
	"posdoctor/wizard/pan/pantest"
)

func TestTLVRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		items []wire.TLV
	}{
		{name: "short", items: []wire.TLV{{Tag: 0xDF01, Value: []byte{1}}}},
		{name: "empty value", items: []wire.TLV{{Tag: 0xDF15, Value: []byte{}}}},
		{name: "length 81", items: []wire.TLV{{Tag: 0xDF20, Value: bytes.Repeat([]byte{7}, 200)}}},
		{name: "length 82", items: []wire.TLV{{Tag: 0xDF20, Value: bytes.Repeat([]byte{7}, 1000)}, {Tag: 0xDF02, Value: []byte{0}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wire.DecodeTLV(wire.AppendTLV(nil, tc.items...))
			if err != nil {
				t.Fatalf("DecodeTLV: %v", err)
			}
			if diff := cmp.Diff(tc.items, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeTLVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{name: "tag only", in: []byte{0xDF, 0x01}},
		{name: "value cut", in: []byte{0xDF, 0x01, 0x05, 1, 2}},
		{name: "81 without length", in: []byte{0xDF, 0x01, 0x81}},
		{name: "82 cut", in: []byte{0xDF, 0x01, 0x82, 0x01}},
		{name: "83 form", in: []byte{0xDF, 0x01, 0x83, 0, 0, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := wire.DecodeTLV(tc.in); !errors.Is(err, wire.ErrBadTLV) {
				t.Errorf("DecodeTLV(% X) error = %v, want ErrBadTLV", tc.in, err)
			}
		})
	}
}

func TestStatusRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)
	s := Status{
		Model: "A8", Serial: "N123", Firmware: "V2.6.0", AppVersion: "3.8.2", Clock: at, LastSignIn: at.Add(-time.Hour),
		Keys: KeysOK, Host: "10.0.0.1:5000", TPDU: []byte{0x60, 0, 3, 0, 0}, TID: "10023456", MID: "898110012345678",
		Comm: CommWiFi, Signal: 40, Paper: PaperLow, Battery: -1, SelfTest: SelfTest{Printer: PartFault},
	}
	got, err := UnmarshalStatus(MarshalStatus(s))
	if err != nil {
		t.Fatalf("UnmarshalStatus: %v", err)
	}
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		wantErr error
	}{
		{name: "no result", in: wire.AppendTLV(nil, wire.TLV{Tag: wire.TagModel, Value: []byte("x")}), wantErr: wire.ErrBadTLV},
		{name: "busy", in: wire.MarshalRejection(wire.ResultBusy), wantErr: ErrRejected},
		{name: "bad time", in: wire.AppendTLV(nil, wire.TLV{Tag: wire.TagResult, Value: []byte{0}}, wire.TLV{Tag: wire.TagClock, Value: []byte("yesterday")}), wantErr: wire.ErrBadTLV},
		{name: "two-byte key state", in: wire.AppendTLV(nil, wire.TLV{Tag: wire.TagResult, Value: []byte{0}}, wire.TLV{Tag: wire.TagKeys, Value: []byte{1, 1}}), wantErr: wire.ErrBadTLV},
		{name: "short self-test", in: wire.AppendTLV(nil, wire.TLV{Tag: wire.TagResult, Value: []byte{0}}, wire.TLV{Tag: wire.TagSelfTest, Value: []byte{0}}), wantErr: wire.ErrBadTLV},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := UnmarshalStatus(tc.in); !errors.Is(err, tc.wantErr) {
				t.Errorf("UnmarshalStatus error = %v, want %v", err, tc.wantErr)
			}
		})
	}
	var re *RejectedError
	if _, err := UnmarshalSignIn(wire.MarshalRejection(wire.ResultFailed)); !errors.As(err, &re) || re.Result != wire.ResultFailed {
		t.Errorf("UnmarshalSignIn(failed) error = %v, want *RejectedError with result 3", err)
	}
}

func TestUnmarshalStatusCleansText(t *testing.T) {
	in := wire.AppendTLV(nil, wire.TLV{Tag: wire.TagResult, Value: []byte{0}}, wire.TLV{Tag: wire.TagModel, Value: []byte("A8\x1b[2J\xff")})
	s, err := UnmarshalStatus(in)
	if err != nil {
		t.Fatal(err)
	}
	if s.Model != "A8?[2J?" {
		t.Errorf("Model = %q, want control bytes replaced", s.Model)
	}
}

func TestLastTxnMasksCardNumber(t *testing.T) {
	raw := isoWithPAN("6222021234567890123")
	got, err := unmarshalLastTxn(MarshalLastTxn(LastTxn{Raw: raw, Local: LocalDeclined, Code: "12"}))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Masked {
		t.Errorf("Masked = false, want true")
	}
	if bytes.Contains(got.Raw, []byte{0x12, 0x34, 0x56, 0x78, 0x90}) {
		t.Errorf("Raw still holds the card number: % X", got.Raw)
	}
}

// isoWithPAN builds TPDU | header | 0210 | bitmap (fields 2, 39) | field 2 | field 39.
func isoWithPAN(pan string) []byte {
	b := []byte{0x60, 0, 0, 0, 3, 0x60, 0x31, 0, 0, 0, 0, 0x02, 0x10}
	b = append(b, 0x40, 0, 0, 0, 0x02, 0, 0, 0) // bits 2 and 39
	b = append(b, byte(len(pan)/10)<<4|byte(len(pan)%10))
	digits := pan
	if len(digits)%2 == 1 {
		digits += "0"
	}
	for i := 0; i < len(digits); i += 2 {
		b = append(b, (digits[i]-'0')<<4|(digits[i+1]-'0'))
	}
	return append(b, '1', '2')
}

func TestMaskISO(t *testing.T) {
	withTrack := isoWithPAN("6222021234567890123")
	withTrack[13+4] |= 0x20 // bit 35
	tests := []struct {
		name       string
		in         []byte
		wantPAN    []byte // field 2 digits after masking, nil: message dropped
		wantMasked bool
	}{
		{name: "19 digits", in: isoWithPAN("6222021234567890123"), wantPAN: []byte{0x62, 0x22, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x30}, wantMasked: true},
		{name: "16 digits", in: isoWithPAN("6222021234567890"), wantPAN: []byte{0x62, 0x22, 0x02, 0x00, 0x00, 0x00, 0x78, 0x90}, wantMasked: true},
		{name: "track data dropped", in: withTrack, wantPAN: nil, wantMasked: true},
		{name: "not CUP layout dropped", in: []byte{0x30, 0x32, 0x31, 0x30}, wantPAN: nil, wantMasked: true},
		{name: "cut in field 2 dropped", in: isoWithPAN("6222021234567890123")[:25], wantPAN: nil, wantMasked: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, masked := MaskISO(tc.in)
			if masked != tc.wantMasked {
				t.Errorf("masked = %v, want %v", masked, tc.wantMasked)
			}
			if tc.wantPAN == nil {
				if got != nil {
					t.Errorf("MaskISO = % X, want nil", got)
				}
				return
			}
			if diff := cmp.Diff(tc.wantPAN, got[22:22+len(tc.wantPAN)]); diff != "" {
				t.Errorf("field 2 (-want +got):\n%s", diff)
			}
		})
	}
	plain := []byte{0x60, 0, 0, 0, 3, 0x60, 0x31, 0, 0, 0, 0, 0x02, 0x10, 0, 0, 0, 0, 0x02, 0, 0, 0, '0', '0'}
	if got, masked := MaskISO(plain); masked || !bytes.Equal(got, plain) {
		t.Errorf("MaskISO(no field 2) = % X, %v; want unchanged", got, masked)
	}
}

// TestMaskISOCorpus runs the shared masking corpus (wizard/pan/pantest)
// through MaskISO: every case BCD can carry (digits only, up to 19) keeps
// exactly the digits the corpus keeps; masked ones become 0.
func TestMaskISOCorpus(t *testing.T) {
	ran := 0
	for _, c := range pantest.Cases(t) {
		in, want := c[1], c[2]
		if in == "" || len(in) > 19 || strings.Trim(in, "0123456789") != "" {
			continue
		}
		ran++
		out, masked := MaskISO(isoWithPAN(in))
		if out == nil || !masked {
			t.Errorf("%s: MaskISO = %v, %v; want a masked copy", c[0], out, masked)
			continue
		}
		var got []byte
		for i := 0; i < len(in); i++ {
			b := out[22+i/2]
			if i%2 == 0 {
				b >>= 4
			}
			got = append(got, '0'+b&0x0f)
		}
		wantBCD := strings.ReplaceAll(want, "*", "0")
		if string(got) != wantBCD {
			t.Errorf("%s: field 2 after MaskISO = %s; want %s (from %s)", c[0], got, wantBCD, want)
		}
	}
	if ran < 5 {
		t.Errorf("only %d corpus cases ran", ran)
	}
}

func FuzzUnmarshalStatus(f *testing.F) {
	f.Add(MarshalStatus(Status{Model: "A8", Signal: 50, Battery: -1}))
	f.Add(wire.MarshalRejection(wire.ResultBusy))
	f.Add([]byte{0xDF, 0x02, 0x82, 0xFF})
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := UnmarshalStatus(in)
		if err != nil {
			return
		}
		// decode → encode → decode is stable.
		again, err := UnmarshalStatus(MarshalStatus(s))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(normTPDU(s), normTPDU(again)); diff != "" {
			t.Fatalf("unstable (-first +second):\n%s", diff)
		}
	})
}

func normTPDU(s Status) Status {
	if len(s.TPDU) == 0 {
		s.TPDU = nil
	}
	return s
}

func FuzzMaskISO(f *testing.F) {
	f.Add(isoWithPAN("6222021234567890123"))
	f.Add([]byte{0x60, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _ := MaskISO(in)
		if out != nil && len(out) != len(in) {
			t.Fatalf("MaskISO changed the length: %d → %d", len(in), len(out))
		}
	})
}
