package unionpay

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecodeVendorHeader: terminals put vendor values (not zeros) in the
// header's status, request and reserved positions (public captures show
// 60 31 00 31 FF F1, 60 31 00 31 13 12, 60 31 00 11 43 01). Such messages
// must decode with the header found, keyed on the TPDU, the BCD
// application type, the MTI and a bitmap that decodes to the last byte
// (issue 19 §4).
func TestDecodeVendorHeader(t *testing.T) {
	full := readSample(t, "sale_response_12") // len + TPDU + header + message
	tests := []struct {
		name   string
		header []byte
		want   Header
	}{
		{"reserved FF F1", []byte{0x60, 0x31, 0x00, 0x31, 0xFF, 0xF1}, Header{AppType: "60", Version: "31", Reserved: "31FFF1"}},
		{"reserved digits", []byte{0x60, 0x31, 0x00, 0x31, 0x13, 0x12}, Header{AppType: "60", Version: "31", Reserved: "311312"}},
		{"status and request set", []byte{0x60, 0x31, 0x00, 0x11, 0x43, 0x01}, Header{AppType: "60", Version: "31", Reserved: "114301"}},
		{"IC terminal, test status", []byte{0x61, 0x22, 0x10, 0x00, 0x00, 0x00}, Header{AppType: "61", Version: "22", Status: 1, Reserved: "000000"}},
		{"every vendor nibble", []byte{0x60, 0xA5, 0xF3, 0xEE, 0xDD, 0xCC}, Header{AppType: "60", Version: "A5", Status: 15, Request: 3, Reserved: "EEDDCC"}},
	}
	for _, tt := range tests {
		for _, cut := range []struct {
			name   string
			from   int
			layers string
		}{{"len+tpdu", 0, "len+tpdu+header"}, {"tpdu", 2, "tpdu+header"}, {"header", 7, "header"}} {
			t.Run(tt.name+"/"+cut.name, func(t *testing.T) {
				b := append([]byte(nil), full...)
				copy(b[7:13], tt.header)
				d, err := Decode(b[cut.from:])
				if err != nil {
					t.Fatalf("Decode error %v; want none", err)
				}
				if got := layerString(d.Layers); got != cut.layers {
					t.Errorf("layers = %s; want %s", got, cut.layers)
				}
				if d.Layers.Header == nil {
					t.Fatal("no header found")
				}
				if diff := cmp.Diff(tt.want, *d.Layers.Header); diff != "" {
					t.Errorf("header (-want +got):\n%s", diff)
				}
				if d.MTI != "0210" || d.Code != "12" || d.Kind != KindSale || d.Trace != "000123" {
					t.Errorf("MTI, code, kind, trace = %s, %s, %s, %s; want 0210, 12, sale, 000123", d.MTI, d.Code, d.Kind, d.Trace)
				}
				wantSignIn := tt.want.Request == RequestSignIn
				if d.SignInAgain != wantSignIn {
					t.Errorf("SignInAgain = %v; want %v", d.SignInAgain, wantSignIn)
				}
			})
		}
	}
}

// TestVendorHeaderFrameRoundTrip: a frame with vendor header bytes reads
// and writes back byte for byte.
func TestVendorHeaderFrameRoundTrip(t *testing.T) {
	full := readSample(t, "sale_response_12")
	b := append([]byte(nil), full...)
	copy(b[7:13], []byte{0x60, 0x31, 0x00, 0x31, 0xFF, 0xF1})
	f, err := ReadFrame(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ReadFrame error %v; want none", err)
	}
	out, err := AppendFrame(nil, f)
	if err != nil {
		t.Fatalf("AppendFrame error %v; want none", err)
	}
	if !bytes.Equal(out, b) {
		t.Errorf("AppendFrame(ReadFrame(b)) = % X; want % X", out, b)
	}
}

// TestHeaderRejects: the application type is what stays fixed; a header
// whose first byte is not BCD is not a header.
func TestHeaderRejects(t *testing.T) {
	for _, b := range [][]byte{
		{0x6A, 0x31, 0, 0, 0, 0},
		{0xF0, 0x31, 0, 0, 0, 0},
		{0x60, 0x31, 0, 0, 0},
	} {
		if h, err := parseHeader(b); err == nil {
			t.Errorf("parseHeader(% X) = %+v; want an error", b, h)
		}
	}
	for _, h := range []Header{
		{AppType: "6A", Version: "31", Reserved: "000000"},
		{AppType: "60", Version: "31", Status: 16, Reserved: "000000"},
		{AppType: "60", Version: "3", Reserved: "000000"},
		{AppType: "60", Version: "31", Reserved: "00000G"},
	} {
		if b, err := h.bytes(); err == nil {
			t.Errorf("%+v.bytes() = % X; want an error", h, b)
		}
	}
}
