package unionpay

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moov-io/iso8583/field"
)

// seedCaptures adds every sample capture under testdata to f.
func seedCaptures(f *testing.F) [][]byte {
	paths, err := filepath.Glob("testdata/*.hex")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seed captures: %v", err)
	}
	var out [][]byte
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		b, err := ParseHex(string(text))
		if err != nil {
			f.Fatalf("%s: %v", p, err)
		}
		out = append(out, b)
	}
	return out
}

// secretsOf returns the card numbers a capture holds (fields 2 and 34, the
// PAN in track 2 or 3, tag 5A of the chip data) that are long enough to be
// real, read the raw way.
func secretsOf(msg []byte) []string {
	fields, _, err := walk(msg)
	if err != nil {
		return nil
	}
	var out []string
	for _, rf := range fields {
		if b, ok := rf.f.(*field.Binary); ok && rf.id == 55 {
			for rest := b.Value(); len(rest) > 0; {
				tag, val, next, ok := nextTLV(rest)
				if !ok {
					break
				}
				if pan := strings.TrimRight(hexString(val), "F"); tag == "5A" && len(pan) >= 13 {
					out = append(out, pan)
				}
				rest = next
			}
			continue
		}
		s, ok := rf.f.(*field.String)
		if !ok {
			continue
		}
		v := s.Value()
		switch rf.id {
		case 2, 34:
			if len(v) >= 13 {
				out = append(out, v)
			}
		case 35, 36:
			if i := strings.IndexByte(v, '='); i >= 13 {
				out = append(out, v[:i])
			}
		}
	}
	return out
}

// FuzzDecode runs the whole decode path on arbitrary bytes: it must never
// panic, a decoded message must pack and decode again to the same fields,
// and no full card number may appear in the output.
func FuzzDecode(f *testing.F) {
	for _, b := range seedCaptures(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(b)
		if err != nil {
			if d != nil {
				t.Fatalf("Decode returned a result and error %v", err)
			}
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		msg := b[d.Layers.MessageOffset : d.Layers.MessageOffset+d.Layers.MessageLength]
		for _, pan := range secretsOf(msg) {
			exempt := false // the same digits shown in an unmasked field
			for _, fl := range d.Fields {
				if !fl.Redacted && strings.Contains(fl.Value, pan) {
					exempt = true
				}
			}
			if !exempt && strings.Contains(string(out), pan) {
				t.Fatalf("decoded output holds card number %s:\n%s", pan, out)
			}
		}
		m, err := Unpack(msg)
		if err != nil {
			t.Fatalf("Decode accepted the message but Unpack: %v", err)
		}
		packed, err := Pack(m)
		if err != nil {
			t.Fatalf("Pack after Unpack: %v", err)
		}
		d2, err := Decode(packed)
		if err != nil {
			t.Fatalf("Decode(Pack(Unpack(msg))): %v", err)
		}
		if diff := cmp.Diff(comparable(d), comparable(d2)); diff != "" {
			t.Errorf("decode → encode → decode changed (-first +second):\n%s", diff)
		}
	})
}

// comparable drops what depends on where the message sat in the input.
func comparable(d *Decoded) Decoded {
	c := *d
	c.Layers = Layers{}
	c.SignInAgain = false
	c.Fields = nil
	for _, f := range d.Fields {
		f.Offset = 0
		c.Fields = append(c.Fields, f)
	}
	return c
}

// FuzzParseHex: no panic, and whatever parses prints and parses back the
// same.
func FuzzParseHex(f *testing.F) {
	for _, p := range []string{"testdata/sale_response_12.hex", "testdata/sale_response_a0.hex", "testdata/sale_request.hex"} {
		text, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(text))
	}
	f.Add("0x00, 0x51 \\x60 00:03")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseHex(s)
		if err != nil {
			return
		}
		again, err := ParseHex(spaced(b))
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("ParseHex(spaced(% X)) = % X, %v", b, again, err)
		}
	})
}

// FuzzReadFrame: no panic, and a frame read writes back the same bytes.
func FuzzReadFrame(f *testing.F) {
	for _, b := range seedCaptures(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := ReadFrame(bytes.NewReader(b))
		if err != nil {
			return
		}
		n := 2 + (int(b[0])<<8 | int(b[1]))
		out, err := AppendFrame(nil, fr)
		if err != nil {
			t.Fatalf("AppendFrame after ReadFrame: %v", err)
		}
		if !bytes.Equal(out, b[:n]) {
			t.Fatalf("AppendFrame(ReadFrame(b)) = % X; want % X", out, b[:n])
		}
	})
}
