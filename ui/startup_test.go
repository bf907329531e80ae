package ui

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkStartup starts POS Doctor and a Fyne hello-world built the same
// way (ui/testdata/hello) one after the other, times each from exec to its
// first frame, and reads each one's resident memory after 2 s idle.
// Goals (issue 18): start-up ≤ 1.25× and idle memory ≤ 1.3× the
// hello-world's. Needs a display: `make bench` runs it under Xvfb.
func BenchmarkStartup(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("needs a display; make bench runs one under Xvfb")
	}
	dir := b.TempDir()
	pd, hello := filepath.Join(dir, "posdoctor"), filepath.Join(dir, "hello")
	for _, c := range [][]string{{"-o", pd, "posdoctor"}, {"-o", hello, "./testdata/hello"}} {
		if out, err := exec.Command("go", append([]string{"build", "-ldflags=-s -w"}, c...)...).CombinedOutput(); err != nil {
			b.Fatalf("build: %v\n%s", err, out)
		}
	}
	env := append(os.Environ(), "HOME="+dir, "POSDOCTOR_DATA="+filepath.Join(dir, "data"), "IDLE=2s")
	var pdMS, helloMS, pdRSS, helloRSS []float64
	b.ResetTimer()
	for range b.N {
		ms, rss := probe(b, env, pd, "--startup-probe", "--idle-probe=2s")
		pdMS, pdRSS = append(pdMS, ms), append(pdRSS, rss)
		ms, rss = probe(b, env, hello)
		helloMS, helloRSS = append(helloMS, ms), append(helloRSS, rss)
	}
	b.StopTimer()
	p, h := median(pdMS), median(helloMS)
	b.ReportMetric(p, "posdoctor-ms")
	b.ReportMetric(h, "hello-ms")
	b.ReportMetric(p/h, "startup-ratio")
	b.ReportMetric(median(pdRSS)/1024, "posdoctor-MB")
	b.ReportMetric(median(helloRSS)/1024, "hello-MB")
	b.ReportMetric(median(pdRSS)/median(helloRSS), "rss-ratio")
}

// probe runs bin and returns the milliseconds until it printed its first
// frame's line, and the resident KiB it reported when idle.
func probe(b *testing.B, env []string, bin string, args ...string) (ms, rssKB float64) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "startup_ms="):
			ms = float64(time.Since(start).Microseconds()) / 1000
		case strings.HasPrefix(line, "rss_kb="):
			rssKB, _ = strconv.ParseFloat(strings.TrimPrefix(line, "rss_kb="), 64)
		}
	}
	if err := cmd.Wait(); err != nil || ms == 0 {
		b.Fatalf("%s: %v (no first frame reported)\n%s", bin, err, stderr.String())
	}
	return ms, rssKB
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}
