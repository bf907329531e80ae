package pan

import (
	"testing"

	"posdoctor/wizard/pan/pantest"
)

func TestMask(t *testing.T) {
	for _, c := range pantest.Cases(t) {
		t.Run(c[0], func(t *testing.T) {
			if got := Mask(c[1]); got != c[2] {
				t.Errorf("Mask(%q) = %q; want %q", c[1], got, c[2])
			}
			if again := Mask(c[2]); again != c[2] {
				t.Errorf("Mask(%q) = %q; want it unchanged (idempotent)", c[2], again)
			}
		})
	}
}

func TestKeep(t *testing.T) {
	for n, want := range map[int][2]int{0: {0, 0}, 10: {0, 0}, 12: {0, 0}, 13: {6, 4}, 19: {6, 4}, 25: {6, 4}} {
		if h, tl := Keep(n); h != want[0] || tl != want[1] {
			t.Errorf("Keep(%d) = %d, %d; want %d, %d", n, h, tl, want[0], want[1])
		}
	}
}

func TestLuhnAndRange(t *testing.T) {
	for d, want := range map[string]bool{"6222021234567890128": true, "6222021234567890124": false, "4111111111111111": true, "0": true, "": false} {
		if got := Luhn(d); got != want {
			t.Errorf("Luhn(%q) = %v; want %v", d, got, want)
		}
	}
	for d, want := range map[string]bool{"6222": true, "4111": true, "8983": false, "2026": false, "2221": true} {
		if got := OnRange(d); got != want {
			t.Errorf("OnRange(%q) = %v; want %v", d, got, want)
		}
	}
}

func FuzzMask(f *testing.F) {
	for _, s := range []string{"6222021234567890128", "6222 0212 3456 7890 128", "1234", "", "６２２２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		if Mask(m) != m {
			t.Fatalf("Mask(Mask(%q)) = %q; want %q", s, Mask(m), m)
		}
		n, shown := 0, 0
		for _, r := range m {
			n++
			if r != '*' {
				shown++
			}
		}
		if shown > Head+Tail || (n < MinLen && shown > 0) {
			t.Fatalf("Mask(%q) = %q shows %d characters", s, m, shown)
		}
	})
}
