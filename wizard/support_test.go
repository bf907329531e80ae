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

func TestMinimumFor(t *testing.T) {
	s := ParseSupport([]byte(`{"lakala":{"phone":"1"},"firmware_minimums":{"models":[{"model":"A8","min_firmware":"V1.2","source":"x","date":"2026-12-01"}]}}`))
	if m, ok := s.MinimumFor("a8"); !ok || m.Firmware != "V1.2" {
		t.Errorf("MinimumFor(a8) = %+v, %v; want V1.2", m, ok)
	}
	for _, model := range []string{"", "A9"} {
		if _, ok := s.MinimumFor(model); ok {
			t.Errorf("MinimumFor(%q) found a row", model)
		}
	}
	for _, m := range ParseSupport(assets.Support).Minimums {
		if m.Model == "" || m.Source == "" || m.Date == "" || (m.Firmware == "" && m.App == "") {
			t.Errorf("shipped firmware row %+v lacks a model, a version, its source or its date", m)
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
