package report

import (
	"fmt"
	"regexp"
	"testing"
)

var refPattern = regexp.MustCompile(`^PD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`)

func TestRefCode(t *testing.T) {
	seen := map[string]string{}
	for i := range 5000 {
		id := fmt.Sprintf("20261125-0930%02d-K%03d", i%60, i)
		got := RefCode(id)
		if !refPattern.MatchString(got) {
			t.Fatalf("RefCode(%q) = %q; want PD-XXXX-XXXX without 0, O, 1 or I", id, got)
		}
		if again := RefCode(id); again != got {
			t.Fatalf("RefCode(%q) = %q, then %q; want the same code every time", id, got, again)
		}
		if prev, ok := seen[got]; ok {
			t.Fatalf("RefCode(%q) = RefCode(%q) = %q; want distinct codes", id, prev, got)
		}
		seen[got] = id
	}
}

func TestGroupRef(t *testing.T) {
	if got, want := groupRef([]string{"a"}), RefCode("a"); got != want {
		t.Errorf("groupRef(one) = %q; want the session's own code %q", got, want)
	}
	ab, ba := groupRef([]string{"a", "b"}), groupRef([]string{"b", "a"})
	if ab == RefCode("a") || ab == ba {
		t.Errorf("groupRef(a,b) = %q, groupRef(b,a) = %q; want codes of their own", ab, ba)
	}
}

func ExampleRefCode() {
	fmt.Println(RefCode("20261125-093000-K7Q3"))
	fmt.Println(RefCode("20261125-093000-K7Q3") == RefCode("20261125-093000-K7Q3"))
	// Output:
	// PD-FVX5-AUD3
	// true
}
