package wire

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func frame(t testing.TB, data []byte) []byte {
	t.Helper()
	f, err := AppendFrame(nil, data)
	if err != nil {
		t.Fatalf("AppendFrame: %v", err)
	}
	return f
}

func TestReadFrame(t *testing.T) {
	good := frame(t, []byte("hello"))
	badLRC := append([]byte(nil), good...)
	badLRC[len(badLRC)-1] ^= 1
	noETX := append([]byte(nil), good...)
	noETX[len(noETX)-2] = 'x'
	tests := []struct {
		name        string
		in          []byte
		wantData    []byte
		wantSkipped int
		wantErr     error
	}{
		{name: "plain", in: good, wantData: []byte("hello")},
		{name: "empty data", in: frame(t, nil), wantData: []byte{}},
		{name: "garbage first", in: append([]byte("\xff\x00noise"), good...), wantData: []byte("hello"), wantSkipped: 7},
		{name: "stray ACK NAK", in: append([]byte{ACK, NAK}, good...), wantData: []byte("hello"), wantSkipped: 2},
		{name: "trailing bytes untouched", in: append(append([]byte(nil), good...), ACK), wantData: []byte("hello")},
		{name: "bad LRC", in: badLRC, wantErr: ErrBadLRC},
		{name: "no ETX", in: noETX, wantErr: ErrNoETX},
		{name: "length not BCD", in: []byte{STX, 0x00, 0x0A, 1, 2}, wantErr: ErrBadLength},
		{name: "too long", in: []byte{STX, 0x50, 0x00}, wantErr: ErrFrameTooLong},
		{name: "only garbage", in: bytes.Repeat([]byte{'g'}, MaxGarbage+2), wantSkipped: MaxGarbage + 1, wantErr: ErrTooMuchGarbage},
		{name: "empty input", in: nil, wantErr: io.EOF},
		{name: "cut in length", in: []byte{STX, 0x00}, wantErr: io.ErrUnexpectedEOF},
		{name: "cut in data", in: good[:5], wantErr: io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// One byte per Read, as a slow serial line delivers it.
			data, skipped, err := ReadFrame(iotest.OneByteReader(bytes.NewReader(tc.in)))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("ReadFrame error = %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.wantData, data); tc.wantErr == nil && diff != "" {
				t.Errorf("ReadFrame data (-want +got):\n%s", diff)
			}
			if skipped != tc.wantSkipped {
				t.Errorf("ReadFrame skipped = %d, want %d", skipped, tc.wantSkipped)
			}
		})
	}
}

func TestReadFrameLeavesNextBytes(t *testing.T) {
	r := bytes.NewReader(append(frame(t, []byte("a")), frame(t, []byte("bc"))...))
	for _, want := range []string{"a", "bc"} {
		got, _, err := ReadFrame(r)
		if err != nil || string(got) != want {
			t.Fatalf("ReadFrame = %q, %v; want %q", got, err, want)
		}
	}
}

func TestAppendFrame(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []byte
	}{
		{name: "status request", data: []byte{0xDF, 0x01, 0x01, 0x01}, want: []byte{STX, 0x00, 0x04, 0xDF, 0x01, 0x01, 0x01, ETX, 0xD9}},
		{name: "empty", data: nil, want: []byte{STX, 0x00, 0x00, ETX, ETX}},
		{name: "length 1234 is BCD", data: make([]byte, 1234), want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := frame(t, tc.data)
			if tc.want == nil {
				if got[1] != 0x12 || got[2] != 0x34 {
					t.Errorf("LEN = % X, want 12 34", got[1:3])
				}
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("AppendFrame (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := AppendFrame(nil, make([]byte, MaxFrameData+1)); !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("AppendFrame(too long) error = %v, want ErrFrameTooLong", err)
	}
}

// capturedFrames returns the sanitized frames in testdata/frames (spaced
// hex, one frame per file).
func capturedFrames(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("testdata/frames/*.hex")
	if err != nil || len(files) == 0 {
		t.Fatalf("no frames in testdata/frames: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := hex.DecodeString(strings.Join(strings.Fields(string(text)), ""))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

func TestCapturedFrames(t *testing.T) {
	for name, b := range capturedFrames(t) {
		t.Run(name, func(t *testing.T) {
			data, skipped, err := ReadFrame(bytes.NewReader(b))
			if err != nil || skipped != 0 {
				t.Fatalf("ReadFrame: %v (skipped %d)", err, skipped)
			}
			if _, err := DecodeTLV(data); err != nil {
				t.Errorf("DecodeTLV: %v", err)
			}
		})
	}
}

func FuzzReadFrame(f *testing.F) {
	// More seeds live in testdata/fuzz/FuzzReadFrame.
	for _, b := range capturedFrames(f) {
		f.Add(b)
	}
	f.Add(frame(f, []byte{0xDF, 0x01, 0x01, 0x01}))
	f.Add(append([]byte("noise"), frame(f, []byte{0xDF, 0x02, 0x01, 0x02})...))
	f.Add([]byte{STX, 0x99, 0x99})
	f.Fuzz(func(t *testing.T, in []byte) {
		data, _, err := ReadFrame(bytes.NewReader(in))
		if err != nil {
			return
		}
		if len(data) > MaxFrameData {
			t.Fatalf("ReadFrame returned %d bytes, more than MaxFrameData", len(data))
		}
		// frame → bytes → frame is stable.
		again, skipped, err := ReadFrame(bytes.NewReader(frame(t, data)))
		if err != nil || skipped != 0 || !bytes.Equal(again, data) {
			t.Fatalf("re-read = % X, %d, %v; want % X", again, skipped, err, data)
		}
	})
}

func ExampleAppendFrame() {
	b, err := AppendFrame(nil, []byte{0xDF, 0x01, 0x01, 0x01}) // the generic status request
	if err != nil {
		panic(err)
	}
	fmt.Printf("% X\n", b)
	// Output: 02 00 04 DF 01 01 01 03 D9
}

func ExampleReadFrame() {
	in := []byte{'x', 'x', STX, 0x00, 0x02, 'o', 'k', ETX, 0x00 ^ 0x02 ^ 'o' ^ 'k' ^ ETX}
	data, skipped, err := ReadFrame(bytes.NewReader(in))
	fmt.Printf("%q skipped=%d err=%v\n", data, skipped, err)
	// Output: "ok" skipped=2 err=<nil>
}

func BenchmarkReadFrame(b *testing.B) {
	in := capturedFrames(b)["status_reply.hex"]
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, _, err := ReadFrame(bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}
