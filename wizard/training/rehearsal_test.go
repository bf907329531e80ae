package training_test

import (
	"errors"
	"strings"
	"testing"

	"posdoctor/wizard/training"
)

const validRehearsal = `{"id": "expired-card", "scenario": "healthy", "code": "54", "flow": "main", "finding": "card.expired", "card": "pin-entry"}`

func rehearsalsJSON(rs ...string) string {
	return `{"version": 1, "rehearsals": [` + strings.Join(rs, ",") + `]}`
}

func TestParseRehearsals(t *testing.T) {
	d, err := training.ParseCards([]byte(deckJSON(validCard)))
	if err != nil {
		t.Fatalf("ParseCards: %v", err)
	}
	rs, err := training.ParseRehearsals([]byte(rehearsalsJSON(validRehearsal)), d)
	if err != nil {
		t.Fatalf("ParseRehearsals(valid): %v", err)
	}
	want := training.Rehearsal{ID: "expired-card", Scenario: "healthy", Code: "54", Flow: "main", Finding: "card.expired", Card: "pin-entry"}
	if len(rs) != 1 || rs[0] != want {
		t.Errorf("ParseRehearsals = %+v; want [%+v]", rs, want)
	}
	if got, want := rs[0].TitleKey(), "training.rehearsal.expired-card.title"; got != want {
		t.Errorf("TitleKey() = %q; want %q", got, want)
	}
	if got, want := rs[0].BriefKey(), "training.rehearsal.expired-card.brief"; got != want {
		t.Errorf("BriefKey() = %q; want %q", got, want)
	}

	tests := []struct {
		name  string
		input string
		want  error
		field string
	}{
		{"not json", `[`, nil, ""},
		{"unknown field", rehearsalsJSON(strings.Replace(validRehearsal, `"flow"`, `"pan": "6222", "flow"`, 1)), nil, ""},
		{"wrong version", `{"version": 0, "rehearsals": []}`, training.ErrVersion, "version"},
		{"no id", rehearsalsJSON(strings.Replace(validRehearsal, `"expired-card"`, `""`, 1)), training.ErrMissing, "id"},
		{"bad id", rehearsalsJSON(strings.Replace(validRehearsal, `"expired-card"`, `"Expired"`, 1)), training.ErrMalformed, "id"},
		{"duplicate id", rehearsalsJSON(validRehearsal, validRehearsal), training.ErrDuplicate, "id"},
		{"no scenario", rehearsalsJSON(strings.Replace(validRehearsal, `"healthy"`, `""`, 1)), training.ErrMissing, "scenario"},
		{"bad scenario", rehearsalsJSON(strings.Replace(validRehearsal, `"healthy"`, `"He althy"`, 1)), training.ErrMalformed, "scenario"},
		{"no flow", rehearsalsJSON(strings.Replace(validRehearsal, `"main"`, `""`, 1)), training.ErrMissing, "flow"},
		{"no finding", rehearsalsJSON(strings.Replace(validRehearsal, `"card.expired"`, `""`, 1)), training.ErrMissing, "finding"},
		{"bad host", rehearsalsJSON(strings.Replace(validRehearsal, `"flow"`, `"host": "Slow!", "flow"`, 1)), training.ErrMalformed, "host"},
		{"bad code", rehearsalsJSON(strings.Replace(validRehearsal, `"54"`, `"5"`, 1)), training.ErrMalformed, "code"},
		{"lower-case code", rehearsalsJSON(strings.Replace(validRehearsal, `"54"`, `"a0"`, 1)), training.ErrMalformed, "code"},
		{"unknown card", rehearsalsJSON(strings.Replace(validRehearsal, `"pin-entry"`, `"nope"`, 1)), training.ErrUnknown, "card"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := training.ParseRehearsals([]byte(tt.input), d)
			if err == nil {
				t.Fatalf("ParseRehearsals(%s) = %+v, nil; want an error", tt.name, rs)
			}
			if tt.want == nil {
				return
			}
			if !errors.Is(err, tt.want) || !hasField(err, tt.field) {
				t.Errorf("ParseRehearsals(%s) error = %v; want %v on field %q", tt.name, err, tt.want, tt.field)
			}
		})
	}
}

func TestCheckRehearsals(t *testing.T) {
	rs := []training.Rehearsal{
		{ID: "a", Scenario: "healthy", Flow: "main", Finding: "card.expired"},
		{ID: "b", Scenario: "on-fire", Flow: "main", Finding: "card.gone"},
	}
	set := func(names ...string) func(string) bool {
		return func(s string) bool {
			for _, n := range names {
				if n == s {
					return true
				}
			}
			return false
		}
	}
	err := training.CheckRehearsals(rs, set("healthy"), set("main"), set("card.expired"))
	if !errors.Is(err, training.ErrUnknown) || !hasField(err, "scenario") || !hasField(err, "finding") || hasField(err, "flow") {
		t.Errorf("CheckRehearsals = %v; want unknown scenario and finding of b only", err)
	}
	if err := training.CheckRehearsals(rs, nil, nil, nil); err != nil {
		t.Errorf("CheckRehearsals(nil predicates) = %v; want nil", err)
	}
}
