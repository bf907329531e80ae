package training_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

// validCard is a card that passes validation, as JSON.
const validCard = `{"id": "pin-entry", "icon": "warning", "topics": ["pin"], "steps": 2, "mistakes": 1,
 "quiz": [{"id": "1", "choices": 3, "correct": 2}, {"id": "2", "choices": 2, "correct": 1}, {"id": "3", "choices": 4, "correct": 4}]}`

func deckJSON(cards ...string) string {
	return `{"version": 1, "cards": [` + strings.Join(cards, ",") + `]}`
}

func TestParseCardsValid(t *testing.T) {
	d, err := training.ParseCards([]byte(deckJSON(validCard)))
	if err != nil {
		t.Fatalf("ParseCards(valid) error: %v", err)
	}
	c, ok := d.Card("pin-entry")
	if !ok {
		t.Fatalf("Card(pin-entry) not found")
	}
	want := []string{
		"training.card.pin-entry.title",
		"training.card.pin-entry.why",
		"training.card.pin-entry.step.1",
		"training.card.pin-entry.step.2",
		"training.card.pin-entry.mistake.1",
		"training.card.pin-entry.quiz.1.q",
		"training.card.pin-entry.quiz.1.a.1",
		"training.card.pin-entry.quiz.1.a.2",
		"training.card.pin-entry.quiz.1.a.3",
		"training.card.pin-entry.quiz.2.q",
		"training.card.pin-entry.quiz.2.a.1",
		"training.card.pin-entry.quiz.2.a.2",
		"training.card.pin-entry.quiz.3.q",
		"training.card.pin-entry.quiz.3.a.1",
		"training.card.pin-entry.quiz.3.a.2",
		"training.card.pin-entry.quiz.3.a.3",
		"training.card.pin-entry.quiz.3.a.4",
	}
	if diff := cmp.Diff(want, c.Keys()); diff != "" {
		t.Errorf("Keys() mismatch (-want +got):\n%s", diff)
	}
	if _, ok := d.Card("nope"); ok {
		t.Errorf("Card(nope) found; want not found")
	}
	if len(d.Cards) != 1 || d.Cards[0].ID != "pin-entry" {
		t.Errorf("Cards = %+v; want the one card pin-entry", d.Cards)
	}
}

func TestParseCardsInvalid(t *testing.T) {
	other := strings.Replace(validCard, `"pin-entry"`, `"amount"`, 1)
	tests := []struct {
		name  string
		input string
		want  error  // sentinel the error must wrap; nil: any error
		field string // field a *ContentError must name
	}{
		{"not json", `{`, nil, ""},
		{"trailing data", deckJSON(validCard) + `{}`, nil, ""},
		{"unknown field", deckJSON(strings.Replace(validCard, `"steps"`, `"colour": 1, "steps"`, 1)), nil, ""},
		{"wrong version", `{"version": 2, "cards": [` + validCard + `]}`, training.ErrVersion, "version"},
		{"no cards", `{"version": 1, "cards": []}`, training.ErrMissing, "cards"},
		{"empty id", deckJSON(strings.Replace(validCard, `"pin-entry"`, `""`, 1)), training.ErrMissing, "id"},
		{"bad id", deckJSON(strings.Replace(validCard, `"pin-entry"`, `"Pin Entry"`, 1)), training.ErrMalformed, "id"},
		{"duplicate id", deckJSON(validCard, validCard), training.ErrDuplicate, "id"},
		{"no icon", deckJSON(strings.Replace(validCard, `"warning"`, `""`, 1)), training.ErrMissing, "icon"},
		{"unknown icon", deckJSON(strings.Replace(validCard, `"warning"`, `"unicorn"`, 1)), training.ErrUnknown, "icon"},
		{"no topics", deckJSON(strings.Replace(validCard, `["pin"]`, `[]`, 1)), training.ErrMissing, "topics"},
		{"unknown topic", deckJSON(strings.Replace(validCard, `["pin"]`, `["knitting"]`, 1)), training.ErrUnknown, "topics"},
		{"repeated topic", deckJSON(strings.Replace(validCard, `["pin"]`, `["pin", "pin"]`, 1)), training.ErrDuplicate, "topics"},
		{"no steps", deckJSON(strings.Replace(validCard, `"steps": 2`, `"steps": 0`, 1)), training.ErrOutOfRange, "steps"},
		{"too many mistakes", deckJSON(strings.Replace(validCard, `"mistakes": 1`, `"mistakes": 11`, 1)), training.ErrOutOfRange, "mistakes"},
		{"two questions", deckJSON(strings.Replace(validCard, `, {"id": "3", "choices": 4, "correct": 4}`, ``, 1)), training.ErrOutOfRange, "quiz"},
		{"five questions", deckJSON(strings.Replace(validCard, `{"id": "1"`, `{"id": "8", "choices": 2, "correct": 1}, {"id": "9", "choices": 2, "correct": 1}, {"id": "1"`, 1)), training.ErrOutOfRange, "quiz"},
		{"duplicate question", deckJSON(strings.Replace(validCard, `"id": "2"`, `"id": "1"`, 1)), training.ErrDuplicate, "id"},
		{"empty question id", deckJSON(strings.Replace(validCard, `"id": "2"`, `"id": ""`, 1)), training.ErrMissing, "quiz id"},
		{"bad question id", deckJSON(strings.Replace(validCard, `"id": "2"`, `"id": "q 2"`, 1)), training.ErrMalformed, "quiz id"},
		{"one choice", deckJSON(strings.Replace(validCard, `"choices": 2, "correct": 1`, `"choices": 1, "correct": 1`, 1)), training.ErrOutOfRange, "choices"},
		{"correct beyond choices", deckJSON(strings.Replace(validCard, `"choices": 3, "correct": 2`, `"choices": 3, "correct": 4`, 1)), training.ErrOutOfRange, "correct"},
		{"correct zero", deckJSON(strings.Replace(validCard, `"choices": 3, "correct": 2`, `"choices": 3, "correct": 0`, 1)), training.ErrOutOfRange, "correct"},
		{"second card bad", deckJSON(validCard, strings.Replace(other, `"steps": 2`, `"steps": -1`, 1)), training.ErrOutOfRange, "steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := training.ParseCards([]byte(tt.input))
			if err == nil {
				t.Fatalf("ParseCards(%s) = %v, nil; want an error", tt.name, d)
			}
			if d != nil {
				t.Errorf("ParseCards(%s) deck = %v; want nil with an error", tt.name, d)
			}
			if tt.want == nil {
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("ParseCards(%s) error = %v; want it to wrap %v", tt.name, err, tt.want)
			}
			if !hasField(err, tt.field) {
				t.Errorf("ParseCards(%s) error = %v; want a *ContentError for field %q", tt.name, err, tt.field)
			}
		})
	}
}

// hasField reports whether err holds a *ContentError naming field.
func hasField(err error, field string) bool {
	var ce *training.ContentError
	if errors.As(err, &ce) && ce.Field == field {
		return true
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if hasField(e, field) {
				return true
			}
		}
	}
	return false
}

func TestParseCardsReportsEveryProblem(t *testing.T) {
	bad := strings.NewReplacer(`"warning"`, `"unicorn"`, `"steps": 2`, `"steps": 0`).Replace(validCard)
	_, err := training.ParseCards([]byte(deckJSON(bad)))
	for _, field := range []string{"icon", "steps"} {
		if !hasField(err, field) {
			t.Errorf("ParseCards error = %v; want a problem for %q too", err, field)
		}
	}
}

func TestMissingKeys(t *testing.T) {
	d, err := training.ParseCards([]byte(deckJSON(validCard)))
	if err != nil {
		t.Fatalf("ParseCards: %v", err)
	}
	have := map[string]bool{}
	for _, k := range d.Keys() {
		have[k] = true
	}
	delete(have, "training.card.pin-entry.quiz.2.a.2")
	delete(have, training.KeyBanner)
	got := d.MissingKeys(func(k string) bool { return have[k] })
	want := []string{training.KeyBanner, "training.card.pin-entry.quiz.2.a.2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MissingKeys mismatch (-want +got):\n%s", diff)
	}
}

func TestUncovered(t *testing.T) {
	d, err := training.ParseCards([]byte(deckJSON(validCard)))
	if err != nil {
		t.Fatalf("ParseCards: %v", err)
	}
	got := d.Uncovered()
	if len(got) != len(training.Topics())-1 {
		t.Errorf("Uncovered() has %d topics; want %d", len(got), len(training.Topics())-1)
	}
	for _, tp := range got {
		if tp == training.TopicPIN {
			t.Errorf("Uncovered() lists %q, which the card covers", tp)
		}
	}
}

func TestIsIcon(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"warning", true}, {"info", true}, {"help", true}, {"confirm", true}, {"cancel", true},
		{"mediaPlay", true}, {"computer", true}, {"storage", true}, {"search", true},
		{"settings", true}, {"account", true}, {"document", true}, {"history", true},
		{"Warning", false}, {"", false}, {"mail", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := training.IsIcon(tt.name); got != tt.want {
				t.Errorf("IsIcon(%q) = %v; want %v", tt.name, got, tt.want)
			}
		})
	}
}
