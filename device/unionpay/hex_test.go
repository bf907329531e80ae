package unionpay

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"posdoctor/wizard/pan/pantest"
)

func TestParseHex(t *testing.T) {
	want := []byte{0x00, 0x51, 0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31}
	tests := []struct {
		name string
		in   string
	}{
		{"one run", "005160000300006031"},
		{"spaced", "00 51 60 00 03 00 00 60 31"},
		{"lower case with 0x", "0x00 0x51 0x60 0x00 0x03 0x00 0x00 0x60 0x31"},
		{"comma separated 0x", "0x00, 0x51, 0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31"},
		{"colons", "00:51:60:00:03:00:00:60:31"},
		{"escaped", `\x00\x51\x60\x00\x03\x00\x00\x60\x31`},
		{"lines and CRLF", "00 51 60 00\r\n03 00 00 60 31\r\n"},
		{"offsets with colon", "0000: 00 51 60 00\n0004: 03 00 00 60 31"},
		{"hexdump -C", "00000000  00 51 60 00 03 00 00 60  31                       |.Q`....`1|\n00000009\n"},
		{"xxd", "00000000: 0051 6000 0300 0060 31                        .Q`....`1"},
		{"log prefix", "2026-11-25 14:03:27.123 [RECV] 00 51 60 00 03\n2026-11-25 14:03:27.124 [RECV] 00 00 60 31"},
		{"time and label", "14:03:27 RX: 00 51 60 00 03 00 00 60 31"},
		{"bracketed time", "[14:03:27.001] send len=9: 00516000030000 6031"},
		{"groups of four", "0051 6000 0300 0060 31"},
		{"trailing comment", "00 51 60 00 03 00 00 60 31   -- sale request"},
		{"od", "0000000 00 51 60 00 03 00 00 60 31  >.Q`....`1<"},
		{"hexdump -C, pipe in the text", "00000000  00 51 60 00 03 00 00 60  31                       |.Q|...`1|"},
		{"colon offsets, double space mid-line", "0000: 00 51 60 00  03 00 00 60 31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHex(tt.in)
			if err != nil {
				t.Fatalf("ParseHex(%q) error %v", tt.in, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ParseHex(%q) = % X; want % X", tt.in, got, want)
			}
		})
	}
}

// TestParseHexXXD checks that xxd's printable column is dropped even when
// it looks like hex: CUP messages carry IDs in ASCII digits.
func TestParseHexXXD(t *testing.T) {
	in := "00000000: 3132 3334 3536 3738 3132 3334 3536 3738  1234567812345678\n" +
		"00000010: 4142 43                                  ABC\n"
	want := []byte("1234567812345678ABC")
	got, err := ParseHex(in)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("ParseHex(xxd) = % X, %v; want % X", got, err, want)
	}
}

func TestParseHexErrors(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       error
		wantLine   int
		wantColumn int
		wantOffset int
	}{
		{"nothing", "hello world", ErrEmpty, 0, 0, 0},
		{"odd group", "00 51 6 00", ErrOddDigits, 1, 7, 6},
		{"typo", "00 51\n60 0g 03", ErrNotHex, 2, 4, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHex(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseHex(%q) error %v; want %v", tt.in, err, tt.want)
			}
			var he *HexError
			if errors.As(err, &he) && (he.Line != tt.wantLine || he.Column != tt.wantColumn || he.Offset != tt.wantOffset) {
				t.Errorf("error at line %d, column %d, offset %d; want line %d, column %d, offset %d",
					he.Line, he.Column, he.Offset, tt.wantLine, tt.wantColumn, tt.wantOffset)
			}
		})
	}
}

// TestMaskCorpus runs the shared masking corpus (wizard/pan/pantest)
// through Decode: a message whose field 2 holds the case's digits decodes
// to the card the corpus expects, in the summary and in the field list.
func TestMaskCorpus(t *testing.T) {
	ran := 0
	for _, c := range pantest.Cases(t) {
		in, want := c[1], c[2]
		if in == "" || len(in) > 19 || strings.Trim(in, "0123456789") != "" {
			continue
		}
		ran++
		m := NewMessage()
		m.MTI("0200")
		if err := set(m, map[int]string{2: in, 3: "000000", 11: "000001", 41: "12345678"}); err != nil {
			t.Fatal(err)
		}
		b, err := Pack(m)
		if err != nil {
			t.Fatalf("%s: %v", c[0], err)
		}
		d, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: Decode: %v", c[0], err)
		}
		if d.Card != want {
			t.Errorf("%s: Decoded.Card = %q; want %q", c[0], d.Card, want)
		}
		for _, f := range d.Fields {
			if f.ID == 2 && (f.Value != want || !f.Redacted) {
				t.Errorf("%s: field 2 = %q (redacted %v); want %q", c[0], f.Value, f.Redacted, want)
			}
		}
	}
	if ran < 5 {
		t.Errorf("only %d corpus cases ran", ran)
	}
}
