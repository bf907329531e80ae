package report

import (
	"bytes"
	"testing"
)

// BenchmarkPDF renders the PDF of one session (the expired-card scenario,
// Chinese, with the bundled CJK font subset-embedded). Goal: at most 300 ms
// and 200 KB; the size is reported as bytes/pdf.
func BenchmarkPDF(b *testing.B) {
	in := testInput(b, "zh-Hans", scenarios[0].name)
	var size int
	for b.Loop() {
		r, err := Build(in)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.WritePDF(&buf); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// BenchmarkBuildJSON builds the report of all scenarios and encodes its JSON.
func BenchmarkBuildJSON(b *testing.B) {
	in := testInput(b, "en")
	for b.Loop() {
		r, err := Build(in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.JSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScrubLog scrubs a 1 MB log with card data on every tenth line.
func BenchmarkScrubLog(b *testing.B) {
	var log bytes.Buffer
	for i := 0; log.Len() < 1<<20; i++ {
		if i%10 == 0 {
			log.WriteString("2026-11-25 09:28:01 sale reply 39=54 pan=" + testPAN + " trace 000123\n")
		} else {
			log.WriteString("2026-11-25 09:28:01 link: status ok, signal 80 %, rtt 35 ms\n")
		}
	}
	s := log.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Scrub(s)
	}
}
