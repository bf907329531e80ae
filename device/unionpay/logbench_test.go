package unionpay

import (
	"io"
	"runtime"
	"strings"
	"testing"
)

// repeatReader yields text again and again up to n bytes, so a 100 MB log
// needs no 100 MB in memory.
type repeatReader struct {
	text string
	off  int
	left int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.text[r.off:])
		n += c
		r.off = (r.off + c) % len(r.text)
	}
	r.left -= int64(n)
	return n, nil
}

// mixedLog is every layout of the constructed session, with the ordinary
// lines a payment app writes between the dumps (four for each message).
func mixedLog(tb testing.TB) string {
	t, ok := tb.(*testing.T)
	if !ok {
		t = &testing.T{}
	}
	msgs := logSession(t)
	var w strings.Builder
	for _, l := range logLayouts {
		l.write(&w, msgs)
		for range 4 * len(msgs) {
			w.WriteString("2026-11-25 14:03:26.400 INFO  [main] c.l.pos.TransService - query order status=PAYING, retry in 500 ms\n")
		}
	}
	return w.String()
}

// BenchmarkReadLog100MB reads a 100 MB log of every layout with text in
// between (goal: a few seconds, memory bounded by the limits, not by the
// input). It reports MB/s, the messages found, and the heap the runtime
// holds at the end.
func BenchmarkReadLog100MB(b *testing.B) {
	text := mixedLog(b)
	const size = 100 << 20
	b.SetBytes(size)
	var found int
	for b.Loop() {
		lg, err := ReadLog(&repeatReader{text: text, left: size}, LogLimits{MaxEntries: 5000})
		if err != nil {
			b.Fatal(err)
		}
		found = len(lg.Entries) + lg.Dropped
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(found), "messages")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
}

// TestReadLogMemoryBounded reads 50 MB and checks that the heap the
// runtime holds stays far below the input size (issue 19 §4: bounded
// memory).
func TestReadLogMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 50 MB")
	}
	text := mixedLog(t)
	const size = 50 << 20
	runtime.GC()
	lg, err := ReadLog(&repeatReader{text: text, left: size}, LogLimits{MaxEntries: 2000})
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if lg.Bytes != size || len(lg.Entries) != 2000 || lg.Dropped == 0 {
		t.Errorf("read %d bytes, kept %d, dropped %d; want %d, 2000, > 0", lg.Bytes, len(lg.Entries), lg.Dropped, size)
	}
	if ms.HeapSys > 64<<20 {
		t.Errorf("heap held %d MB after reading 50 MB; want under 64 MB", ms.HeapSys>>20)
	}
}
