// Package pantest holds the shared masking corpus that every caller of the
// one masking rule runs in its tests: one reader, one file (cases.tsv:
// name, input, masked; "#" starts a comment). Test code only.
package pantest

import (
	_ "embed"
	"strings"
	"testing"
)

//go:embed cases.tsv
var corpus string

// Cases returns the corpus rows as name, input, masked. A malformed row
// fails the test.
func Cases(t testing.TB) [][3]string {
	t.Helper()
	var out [][3]string
	for _, l := range strings.Split(corpus, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			t.Fatalf("cases.tsv: %q: want 3 tab-separated columns", l)
		}
		out = append(out, [3]string{f[0], f[1], f[2]})
	}
	return out
}
