package unionpay

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkDecode decodes one captured sale response with layer detection,
// masking and naming (goal: ≤ 100 µs).
func BenchmarkDecode(b *testing.B) {
	text := mustRead(b, "testdata/sale_response_12.hex")
	raw, err := ParseHex(text)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeHex adds parsing the pasted hex dump (hexdump -C form).
func BenchmarkDecodeHex(b *testing.B) {
	text := mustRead(b, "testdata/sale_response_12.hex")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeHex(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrameRoundTrip packs a sale request, frames it, reads and
// unpacks it.
func BenchmarkFrameRoundTrip(b *testing.B) {
	m := must(NewSale(testTerminal, 1, Sale{AmountFen: 100, PAN: testPAN, Expiry: "2812"}))
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteMessage(&buf, DefaultTPDU, DefaultHeader, m); err != nil {
			b.Fatal(err)
		}
		if _, _, err := ReadMessage(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func mustRead(b *testing.B, path string) string {
	b.Helper()
	text, err := readFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return text
}

func readFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
