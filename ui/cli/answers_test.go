package cli

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// failingReader returns some bytes, then an error.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestAnswerReader(t *testing.T) {
	diskErr := errors.New("disk on fire")
	tests := []struct {
		name    string
		in      io.Reader
		want    []string
		wantErr error // after the lines; io.EOF for a normal end
	}{
		{"lines", strings.NewReader("1\r\n 2 \nyes"), []string{"1", "2", "yes"}, io.EOF},
		{"empty", strings.NewReader(""), nil, io.EOF},
		{"blank line kept", strings.NewReader("\n1\n"), []string{"", "1"}, io.EOF},
		{"line at the limit", strings.NewReader(strings.Repeat("x", maxAnswerLine) + "\n1\n"), []string{strings.Repeat("x", maxAnswerLine), "1"}, io.EOF},
		{"200 KB line", strings.NewReader("1\n" + strings.Repeat("x", 200<<10) + "\n2\n"), []string{"1"}, errAnswerLine},
		{"too much in all", strings.NewReader(strings.Repeat("1\n", maxAnswerTotal/2+10)), nil, errAnswersTotal},
		{"read error", &failingReader{"1\n2", diskErr}, []string{"1"}, diskErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAnswerReader(tt.in)
			var got []string
			var err error
			for {
				var line string
				if line, err = a.next(); err != nil {
					break
				}
				got = append(got, line)
			}
			if tt.want != nil && strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines = %q; want %q", got, tt.want)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("end = %v; want %v", err, tt.wantErr)
			}
			var ae *AnswersError
			if tt.wantErr != io.EOF && !errors.As(err, &ae) {
				t.Errorf("end = %T; want *AnswersError", err)
			}
		})
	}
}

func TestAnswerReaderDirectory(t *testing.T) {
	f, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = newAnswerReader(f).next()
	var ae *AnswersError
	if !errors.As(err, &ae) {
		t.Errorf("next() on a folder = %v; want an *AnswersError, not the end of the answers", err)
	}
}

// FuzzAnswers: any bytes give lines, then io.EOF or an *AnswersError;
// never a panic, never a line over the limit, never an endless loop.
func FuzzAnswers(f *testing.F) {
	f.Add([]byte("1\n2\r\nyes\n"))
	f.Add([]byte(strings.Repeat("x", maxAnswerLine+5)))
	f.Add([]byte("\n\n\n"))
	f.Add([]byte{0xff, 0x00, '\n'})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := newAnswerReader(strings.NewReader(string(data)))
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("%d lines from %d bytes", i, len(data))
			}
			line, err := a.next()
			if err != nil {
				var ae *AnswersError
				if err != io.EOF && !errors.As(err, &ae) {
					t.Fatalf("next() = %v; want io.EOF or *AnswersError", err)
				}
				return
			}
			if len(line) > maxAnswerLine {
				t.Fatalf("line of %d bytes; limit %d", len(line), maxAnswerLine)
			}
		}
	})
}
