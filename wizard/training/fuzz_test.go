package training_test

import (
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"posdoctor/assets"
	"posdoctor/wizard/training"
)

// FuzzParseCards feeds arbitrary bytes to the cards loader. It must never
// panic, and whatever it accepts must satisfy the deck's invariants: unique
// translation keys, every card findable, a perfect quiz passes, and the
// cards survive an encode/parse round trip. Seeds: testdata/fuzz and the
// shipped cards.json.
func FuzzParseCards(f *testing.F) {
	if data, err := fs.ReadFile(assets.Training(), training.CardsFile); err == nil {
		f.Add(data)
	}
	f.Add([]byte(deckJSON(validCard)))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := training.ParseCards(data)
		if err != nil {
			if d != nil {
				t.Fatalf("ParseCards returned a deck with error %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, k := range d.Keys() {
			if seen[k] {
				t.Fatalf("key %q appears twice", k)
			}
			seen[k] = true
		}
		for _, c := range d.Cards {
			if got, ok := d.Card(c.ID); !ok || got.ID != c.ID {
				t.Fatalf("Card(%q) = %v, %v", c.ID, got.ID, ok)
			}
			perfect := training.Answers{}
			for _, q := range c.Quiz {
				perfect[q.ID] = q.Correct
			}
			s, err := c.Grade(perfect)
			if err != nil || !s.Passed {
				t.Fatalf("Grade(perfect) on %s = %+v, %v; want passed", c.ID, s, err)
			}
		}
		out, err := json.Marshal(map[string]any{"version": 1, "cards": d.Cards})
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		d2, err := training.ParseCards(out)
		if err != nil {
			t.Fatalf("ParseCards(re-encoded %s): %v", out, err)
		}
		if diff := cmp.Diff(d.Cards, d2.Cards, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip mismatch (-first +second):\n%s", diff)
		}
	})
}

// FuzzParseRehearsals feeds arbitrary bytes to the rehearsals loader: no
// panic, and an accepted file has unique IDs and keys.
func FuzzParseRehearsals(f *testing.F) {
	if data, err := fs.ReadFile(assets.Training(), training.RehearsalsFile); err == nil {
		f.Add(data)
	}
	f.Add([]byte(rehearsalsJSON(validRehearsal)))
	d, err := training.ParseCards([]byte(deckJSON(validCard)))
	if err != nil {
		f.Fatalf("ParseCards: %v", err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := training.ParseRehearsals(data, d)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range rs {
			if seen[r.ID] {
				t.Fatalf("rehearsal %q accepted twice", r.ID)
			}
			seen[r.ID] = true
			if r.Scenario == "" || r.Flow == "" || r.Finding == "" {
				t.Fatalf("rehearsal %+v accepted with an empty required field", r)
			}
			if r.Card != "" {
				if _, ok := d.Card(r.Card); !ok {
					t.Fatalf("rehearsal %+v names an unknown card", r)
				}
			}
		}
	})
}
