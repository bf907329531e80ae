package wizard

import (
	"encoding/json"
	"testing"
)

// BenchmarkValidate measures validating every built-in flow, as main.go does
// at start.
func BenchmarkValidate(b *testing.B) {
	reg := allChecks()
	for b.Loop() {
		for _, f := range Flows() {
			if err := f.Validate(reg); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStep measures one answer: the engine's cost per click.
func BenchmarkStep(b *testing.B) {
	s, _ := Start(MainFlow, clockAt(fixedNow))
	if err := s.Submit(nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := s.Answer("pin"); err != nil {
			b.Fatal(err)
		}
		if err := s.Back(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveResume measures the JSON round trip the store does after
// every step.
func BenchmarkSaveResume(b *testing.B) {
	s, _ := Start(MainFlow, clockAt(fixedNow))
	_ = s.Submit(nil)
	for _, a := range []string{"funds", "unknown"} {
		_ = s.Answer(a)
	}
	_ = s.Input("12/30")
	_ = s.Input("4111111111111111")
	flows := Flows()
	for b.Loop() {
		data, err := json.Marshal(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Resume(data, flows, nil); err != nil {
			b.Fatal(err)
		}
	}
}
