package wizard

import (
	"testing"

	"posdoctor/assets"
)

func TestParseSupport(t *testing.T) {
	got := ParseSupport(assets.Support)
	if got.Phone == "" || got.Source == "" {
		t.Errorf("ParseSupport(support.json) = %+v; want a number with its source", got)
	}
	for _, bad := range []string{"", "{", `{"lakala":{}}`} {
		if got := ParseSupport([]byte(bad)); got.Phone != DefaultLakalaPhone || got.Verified {
			t.Errorf("ParseSupport(%q) = %+v; want the default, not verified", bad, got)
		}
	}
}

func FuzzParseSupport(f *testing.F) {
	f.Add(assets.Support)
	f.Add([]byte(`{"lakala":{"phone":"1","verified":true}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if ParseSupport(b).Phone == "" {
			t.Error("empty phone")
		}
	})
}
