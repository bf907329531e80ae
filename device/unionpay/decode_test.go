package unionpay

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moov-io/iso8583"

	"posdoctor/assets"
	"posdoctor/wizard/pan"
	"posdoctor/wizard/respcode"
)

// TestDecodeGolden decodes every sample capture and compares the result,
// as JSON, with testdata/<name>.golden; -update rewrites the golden files.
func TestDecodeGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata", s.name+".hex"))
			if err != nil {
				t.Fatal(err)
			}
			d, err := DecodeHex(string(text))
			if err != nil {
				t.Fatalf("DecodeHex(%s.hex) error %v; want none", s.name, err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if strings.Contains(string(got), testPAN) {
				t.Errorf("decoded %s holds the full card number:\n%s", s.name, got)
			}
			path := filepath.Join("testdata", s.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("decoded %s differs from %s (-want +got):\n%s", s.name, path, diff)
			}
		})
	}
}

// TestDecodeSummary checks the facts a user reads first, per sample.
func TestDecodeSummary(t *testing.T) {
	type summary struct {
		Layers      string
		Kind        Kind
		Original    Kind
		Response    bool
		Code        string
		Role        Role
		Known       bool
		Category    respcode.Category
		SignInAgain bool
		Amount      string
		Trace, TID  string
		Card        string
		Redacted    string
		NextKey     string
	}
	tests := []struct {
		name string
		want summary
	}{
		{"sale_request", summary{Layers: "len+tpdu+header", Kind: KindSale, Amount: "128.00", Trace: "000123", TID: "12345678",
			Card: "622202*********0128", Redacted: "2,35,52,64"}},
		{"sale_response_12", summary{Layers: "len+tpdu+header", Kind: KindSale, Response: true, Code: "12", Role: RoleResult, Known: true,
			Category: respcode.CategoryOperator, Amount: "128.00", Trace: "000123", TID: "12345678", Card: "622202*********0128", Redacted: "2", NextKey: "decode.rc.12.next"}},
		{"sale_response_a0", summary{Layers: "len+tpdu+header", Kind: KindSale, Response: true, Code: "A0", Role: RoleResult, Known: true,
			Category: respcode.CategoryTerminalSoftware, SignInAgain: true, Amount: "128.00", Trace: "000123", TID: "12345678", Card: "622202*********0128", Redacted: "2", NextKey: "decode.next.signin"}},
		{"signin_response", summary{Layers: "len+tpdu+header", Kind: KindSignIn, Response: true, Code: "00", Role: RoleResult, Known: true,
			Category: respcode.CategoryOther, Trace: "000001", TID: "12345678", Redacted: "62", NextKey: "decode.next.admin_ok"}},
		{"sale_request_chip", summary{Layers: "len+tpdu+header", Kind: KindSale, Amount: "128.00", Trace: "000124", TID: "12345678",
			Card: "622202*********0128", Redacted: "2,52,55,64"}},
		{"echo_request", summary{Layers: "len+tpdu+header", Kind: KindEcho, Trace: "000077", TID: "12345678"}},
		{"echo_response", summary{Layers: "bare", Kind: KindEcho, Response: true, Code: "00", Role: RoleResult, Known: true,
			Category: respcode.CategoryOther, Trace: "000077", TID: "12345678", NextKey: "decode.next.admin_ok"}},
		{"reversal_98", summary{Layers: "len+tpdu+header", Kind: KindReversal, Original: KindSale, Code: "98", Role: RoleReason, Known: true,
			Category: respcode.CategoryNetwork, Amount: "128.00", Trace: "000123", TID: "12345678", Card: "622202*********0128", Redacted: "2", NextKey: "decode.next.reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(readSample(t, tt.name))
			if err != nil {
				t.Fatalf("Decode error %v; want none", err)
			}
			got := summary{Layers: layerString(d.Layers), Kind: d.Kind, Original: d.Original, Response: d.Response, Code: d.Code,
				Role: d.Role, Known: d.Known, SignInAgain: d.SignInAgain, Trace: d.Trace, TID: d.TID, Card: d.Card,
				Redacted: strings.Join(d.Redacted, ","), NextKey: d.NextKey()}
			if d.Info != nil {
				got.Category = d.Info.Category
			}
			if d.HasAmount {
				got.Amount = d.Yuan()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decode summary (-want +got):\n%s", diff)
			}
		})
	}
}

func layerString(l Layers) string {
	var parts []string
	if l.Length {
		parts = append(parts, "len")
	}
	if l.TPDU != nil {
		parts = append(parts, "tpdu")
	}
	if l.NAC != "" {
		parts = append(parts, "nac")
	}
	if l.Header != nil {
		parts = append(parts, "header")
	}
	if len(parts) == 0 {
		return "bare"
	}
	return strings.Join(parts, "+")
}

// TestDecodeLayers strips layers off a capture and checks that Decode
// finds what is left.
func TestDecodeLayers(t *testing.T) {
	full := readSample(t, "sale_response_12") // len + TPDU + header + message
	nac := append([]byte{0x4C, 0x52, 0x49, 0x00, 0x1C, 0x00, 0x00, 0x00}, full[7:]...)
	withNAC := append(append([]byte{0, byte(len(nac) + 5)}, full[2:7]...), nac...)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"everything", full, "len+tpdu+header"},
		{"no length", full[2:], "tpdu+header"},
		{"header only", full[7:], "header"},
		{"bare message", full[13:], "bare"},
		{"network access controller", withNAC, "len+tpdu+nac+header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.in)
			if err != nil {
				t.Fatalf("Decode error %v; want none", err)
			}
			if got := layerString(d.Layers); got != tt.want {
				t.Errorf("layers = %s; want %s", got, tt.want)
			}
			if d.Kind != KindSale || d.Code != "12" {
				t.Errorf("kind, code = %s, %s; want sale, 12", d.Kind, d.Code)
			}
		})
	}
}

// TestDecodeErrors checks that broken captures name the field and offset.
func TestDecodeErrors(t *testing.T) {
	full := readSample(t, "sale_response_12")
	badBCD := append([]byte(nil), full...)
	badBCD[13+2+8+1+10+1] = 0xAB // field 3 starts after MTI, bitmap, field 2's length and 10 PAN bytes
	tests := []struct {
		name          string
		in            []byte
		wantField     int
		wantOffset    int
		wantTruncated bool
	}{
		{"cut inside field 42", full[:90], 42, 81, true},
		{"not BCD in field 3", badBCD, 3, 34, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.in)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode error %v; want *FieldError", err)
			}
			if fe.Field != tt.wantField || fe.Offset != tt.wantOffset {
				t.Errorf("error at field %d, byte %d; want field %d, byte %d (%v)", fe.Field, fe.Offset, tt.wantField, tt.wantOffset, err)
			}
			if got := errors.Is(err, ErrTruncated); got != tt.wantTruncated {
				t.Errorf("errors.Is(%v, ErrTruncated) = %v; want %v", err, got, tt.wantTruncated)
			}
			// Unpack names the same field, its offset counted from the MTI.
			_, uerr := Unpack(tt.in[13:])
			var ue *FieldError
			if !errors.As(uerr, &ue) || ue.Field != tt.wantField || ue.Offset != tt.wantOffset-13 {
				t.Errorf("Unpack error %v; want field %d at byte %d", uerr, tt.wantField, tt.wantOffset-13)
			}
		})
	}
	for _, in := range []string{"", "hello", "00 51"} {
		if _, err := DecodeHex(in); err == nil {
			t.Errorf("DecodeHex(%q) error nil; want one", in)
		}
	}
}

// TestDecodeChipData checks that field 55 is listed by tag with the card
// number masked and track-2 equivalent data withheld.
func TestDecodeChipData(t *testing.T) {
	icc := []byte{
		0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, // ARQC
		0x5A, 0x0A, 0x62, 0x22, 0x02, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x8F, // PAN
		0x57, 0x03, 0x62, 0x22, 0xD2, // track 2 equivalent
		0x5F, 0x24, 0x03, 0x28, 0x12, 0x31, // expiry
		0x5F, 0x20, 0x04, 'Z', 'H', 'A', 'N', // cardholder name
		0x9F, 0x1F, 0x02, 0x12, 0x34, // track 1 discretionary data
		0x95, 0x05, 0, 0, 0, 0, 0, // TVR
	}
	m := must(NewSale(testTerminal, 5, Sale{AmountFen: 100, PAN: testPAN, EntryMode: "051", ICData: icc}))
	b, err := Pack(m)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode error %v", err)
	}
	var got []Subfield
	for _, f := range d.Fields {
		if f.ID == 55 {
			got = f.Subfields
			if !f.Redacted || f.Value != "" {
				t.Errorf("field 55 redacted, value = %v, %q; want true, empty", f.Redacted, f.Value)
			}
		}
	}
	want := []Subfield{
		{ID: "55.9F26", NameKey: "decode.field.55.tag", Value: "0102030405060708"},
		{ID: "55.5A", NameKey: "decode.field.55.tag", Value: "622202*********0128"},
		{ID: "55.57", NameKey: "decode.field.55.tag", Value: ""},
		{ID: "55.5F24", NameKey: "decode.field.55.tag", Value: ""},
		{ID: "55.5F20", NameKey: "decode.field.55.tag", Value: ""},
		{ID: "55.9F1F", NameKey: "decode.field.55.tag", Value: ""},
		{ID: "55.95", NameKey: "decode.field.55.tag", Value: "0000000000"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("field 55 subfields (-want +got):\n%s", diff)
	}
}

// TestShippedSamples checks the captures the GUI offers as examples: each
// is one of testdata's, decodes, and carries only the test card number.
func TestShippedSamples(t *testing.T) {
	names, err := fs.Glob(assets.Samples(), "*.hex")
	if err != nil || len(names) < 3 {
		t.Fatalf("assets.Samples() has %d captures (%v); want at least 3", len(names), err)
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			shipped, err := fs.ReadFile(assets.Samples(), n)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := os.ReadFile(filepath.Join("testdata", n))
			if err != nil {
				t.Fatalf("no testdata/%s to match: %v", n, err)
			}
			if string(shipped) != string(kept) {
				t.Errorf("assets/samples/%s differs from testdata/%s: copy it again", n, n)
			}
			d, err := DecodeHex(string(shipped))
			if err != nil {
				t.Fatalf("DecodeHex error %v", err)
			}
			if d.Card != "" && d.Card != pan.Mask(testPAN) {
				t.Errorf("card = %s; want only the test card %s", d.Card, pan.Mask(testPAN))
			}
		})
	}
}

// TestDecodeCodeRoles covers an unknown code (shown raw, class fallback), a
// reversal's reason and a reversal's result.
func TestDecodeCodeRoles(t *testing.T) {
	req := saleRequest(t)
	unknown := must(NewResponse(req, Reply{Code: "Q7"}))
	rev := buildTx(t, "0400", map[int]string{3: "000000", 4: "000000012800", 11: "000123", 39: "A0", 41: "12345678", 42: "898310048161234", 60: "22000012000"})
	revResp := must(NewResponse(rev, Reply{Code: "00"}))
	type result struct {
		Code, Meaning, Next, ClassKey string
		Role                          Role
		Known                         bool
	}
	tests := []struct {
		name string
		m    *iso8583.Message
		want result
	}{
		{"unknown code", unknown, result{Code: "Q7", Meaning: respcode.UnknownMeaningKey, Next: respcode.UnknownNextKey, ClassKey: "decode.class.none", Role: RoleResult}},
		{"reversal reason", rev, result{Code: "A0", Meaning: "decode.rc.A0.meaning", Next: "decode.next.reason", ClassKey: "decode.class.B", Role: RoleReason, Known: true}},
		{"reversal result", revResp, result{Code: "00", Meaning: "decode.rc.00.meaning", Next: "decode.rc.00.next", ClassKey: "decode.class.A", Role: RoleResult, Known: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Pack(tt.m)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Decode(b)
			if err != nil {
				t.Fatalf("Decode error %v", err)
			}
			got := result{Code: d.Code, Meaning: d.MeaningKey(), Next: d.NextKey(), ClassKey: d.Info.Class.Key(), Role: d.Role, Known: d.Known}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decoded code (-want +got):\n%s", diff)
			}
		})
	}
}
