package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"posdoctor/assets"
)

// TestDecodeSaysWhatTheCLISays: the Decode screen describes every shipped
// sample with the same words as `posdoctor decode` (its golden files),
// both being renderings of unionpay.Describe.
func TestDecodeSaysWhatTheCLISays(t *testing.T) {
	names, err := fs.Glob(assets.Samples(), "*.hex")
	if err != nil || len(names) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	e := newEnv(t, Options{})
	e.a.show("decode")
	for _, n := range names {
		data, err := fs.ReadFile(assets.Samples(), n)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("cli", "testdata", "decode_"+strings.TrimSuffix(n, ".hex")+"."+e.a.tr.Locale()+".golden")
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		e.a.decode.decode(string(data))
		got := texts(t, e.a.tabs.Selected().Content)
		summary, _, _ := strings.Cut(string(want), "\n")
		if !slices.Contains(got, summary) || !slices.Contains(got, string(want)) {
			t.Errorf("%s: the screen does not show %s:\n%s", n, golden, strings.Join(got, "\n"))
		}
	}
}
