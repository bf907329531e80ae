package unionpay

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moov-io/iso8583"
)

var update = flag.Bool("update", false, "rewrite testdata/*.hex and *.golden from the code")

// testTerminal is the terminal of every sample: test IDs only.
var testTerminal = Terminal{TID: "12345678", MID: "898310048161234", Batch: "000012"}

// testPAN is a test card number that passes Luhn; it must never appear in
// decoded output.
const testPAN = "6222021234567890128"

var hostTime = time.Date(2026, 11, 25, 14, 3, 27, 0, time.UTC)

// sample is one capture under testdata: how it is built and written.
type sample struct {
	name   string
	build  func(t *testing.T) []byte
	format func(b []byte) string
}

// must returns m, and panics on a builder error: the samples are fixed
// data, so an error is a bug in the test.
func must(m *iso8583.Message, err error) *iso8583.Message {
	if err != nil {
		panic(err)
	}
	return m
}

func frameOf(t *testing.T, tpdu TPDU, h Header, m *iso8583.Message) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMessage(&buf, tpdu, h, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func saleRequest(t *testing.T) *iso8583.Message {
	t.Helper()
	return must(NewSale(testTerminal, 123, Sale{
		AmountFen: 12800, PAN: testPAN, Expiry: "2812",
		Track2:   testPAN + "=28122011234567",
		PINBlock: []byte{0x3A, 0x91, 0x5C, 0x07, 0xE2, 0x44, 0x18, 0xB6},
		MAC:      []byte{0x41, 0x42, 0x43, 0x44, 0x31, 0x32, 0x33, 0x34},
	}))
}

var samples = []sample{
	{name: "sale_request", format: spaced, build: func(t *testing.T) []byte {
		return frameOf(t, DefaultTPDU, DefaultHeader, saleRequest(t))
	}},
	{name: "sale_response_12", format: hexdumpC, build: func(t *testing.T) []byte {
		m := must(NewResponse(saleRequest(t), Reply{Code: "12", Time: hostTime, RRN: "141327000123", Acquirer: "48220000"}))
		return frameOf(t, DefaultTPDU.Reply(), DefaultHeader, m)
	}},
	{name: "sale_response_a0", format: logLines, build: func(t *testing.T) []byte {
		m := must(NewResponse(saleRequest(t), Reply{Code: "A0", Time: hostTime, RRN: "141327000124"}))
		h := DefaultHeader
		h.Request = RequestSignIn
		return frameOf(t, DefaultTPDU.Reply(), h, m)
	}},
	{name: "signin_response", format: spaced, build: func(t *testing.T) []byte {
		req := must(NewSignIn(testTerminal, 1))
		keys := bytes.Repeat([]byte{0x5A, 0xA5, 0x3C, 0xC3}, 6) // 24 bytes, stand-in for encrypted keys
		m := must(NewResponse(req, Reply{Code: "00", Time: hostTime, RRN: "141327000001", Keys: keys}))
		return frameOf(t, DefaultTPDU.Reply(), DefaultHeader, m)
	}},
	{name: "echo_request", format: spaced, build: func(t *testing.T) []byte {
		m := must(NewEcho(testTerminal, 77))
		return frameOf(t, DefaultTPDU, DefaultHeader, m)
	}},
	{name: "echo_response", format: spaced, build: func(t *testing.T) []byte {
		m := must(NewResponse(must(NewEcho(testTerminal, 77)), Reply{Code: "00", Time: hostTime}))
		b, err := Pack(m) // a bare message, as some logs print it
		if err != nil {
			t.Fatal(err)
		}
		return b
	}},
	{name: "sale_request_chip", format: spaced, build: func(t *testing.T) []byte {
		icc := []byte{
			0x9F, 0x26, 0x08, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E, 0x6F, 0x70, 0x81, // application cryptogram
			0x9F, 0x27, 0x01, 0x80, // cryptogram information
			0x5A, 0x0A, 0x62, 0x22, 0x02, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x8F, // card number
			0x57, 0x0E, 0x62, 0x22, 0x02, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x8D, 0x28, 0x12, 0x20, 0x1F, // track 2 equivalent
			0x95, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, // terminal verification results
			0x9F, 0x02, 0x06, 0x00, 0x00, 0x00, 0x01, 0x28, 0x00, // amount
		}
		m := must(NewSale(testTerminal, 124, Sale{AmountFen: 12800, PAN: testPAN, Expiry: "2812", EntryMode: "051",
			PINBlock: []byte{0x3A, 0x91, 0x5C, 0x07, 0xE2, 0x44, 0x18, 0xB6}, ICData: icc,
			MAC: []byte{0x41, 0x42, 0x43, 0x44, 0x31, 0x32, 0x33, 0x34}}))
		h := DefaultHeader
		h.AppType = "61"
		return frameOf(t, DefaultTPDU, h, m)
	}},
	{name: "reversal_98", format: spaced, build: func(t *testing.T) []byte {
		m := NewMessage()
		m.MTI("0400")
		for id, v := range map[int]string{2: testPAN, 3: "000000", 4: "000000012800", 11: "000123", 14: "2812",
			22: "021", 25: "00", 39: "98", 41: testTerminal.TID, 42: testTerminal.MID, 49: "156", 60: "22000012000"} {
			if err := m.Field(id, v); err != nil {
				t.Fatal(err)
			}
		}
		return frameOf(t, DefaultTPDU, DefaultHeader, m)
	}},
}

func spaced(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		switch {
		case i == 0:
		case i%16 == 0:
			s.WriteByte('\n')
		default:
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02X", c)
	}
	s.WriteByte('\n')
	return s.String()
}

// hexdumpC writes b as `hexdump -C` does, offsets and ASCII column.
func hexdumpC(b []byte) string {
	var s strings.Builder
	for off := 0; off < len(b); off += 16 {
		end := min(off+16, len(b))
		fmt.Fprintf(&s, "%08x  ", off)
		for i := off; i < off+16; i++ {
			if i < end {
				fmt.Fprintf(&s, "%02x ", b[i])
			} else {
				s.WriteString("   ")
			}
			if i == off+7 {
				s.WriteByte(' ')
			}
		}
		s.WriteString(" |")
		for _, c := range b[off:end] {
			if c < 0x20 || c >= 0x7F {
				c = '.'
			}
			s.WriteByte(c)
		}
		s.WriteString("|\n")
	}
	return s.String()
}

// logLines writes b as a terminal log might: a timestamp and direction on
// every line.
func logLines(b []byte) string {
	var s strings.Builder
	for off := 0; off < len(b); off += 16 {
		end := min(off+16, len(b))
		fmt.Fprintf(&s, "2026-11-25 14:03:27.%03d [RECV] ", off)
		for i := off; i < end; i++ {
			fmt.Fprintf(&s, "%02x ", b[i])
		}
		s.WriteString("\n")
	}
	return s.String()
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", name+".hex"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseHex(string(text))
	if err != nil {
		t.Fatalf("ParseHex(%s.hex): %v", name, err)
	}
	return b
}

// TestSamples keeps the sample captures under testdata in step with the
// builders; go test -run TestSamples -update rewrites them.
func TestSamples(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			want := s.build(t)
			path := filepath.Join("testdata", s.name+".hex")
			if *update {
				if err := os.WriteFile(path, []byte(s.format(want)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := readSample(t, s.name); !bytes.Equal(got, want) {
				t.Errorf("%s = % X\nwant % X (run with -update)", path, got, want)
			}
		})
	}
}
