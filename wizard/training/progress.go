package training

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxStaffName is the longest display name, in characters.
const MaxStaffName = 32

// CardProgress is one staff member's record for one card. Its fields map
// one to one onto the store's per-staff, per-card training record
// (store.CardProgress: Attempts, Best, Last, Wrong, Passed), and its JSON is
// the same, so either side can decode the other's.
type CardProgress struct {
	Attempts  int `json:"attempts"`
	BestScore int `json:"best"` // percent, 0–100
	LastScore int `json:"last"` // percent, 0–100
	// LastWrong lists the questions missed in the latest attempt.
	LastWrong []QuestionID `json:"wrong,omitempty"`
	// PassedAt is when the quiz was first passed; zero if never.
	PassedAt time.Time `json:"passed,omitzero"`
}

// Passed reports whether the quiz has ever been passed.
func (p CardProgress) Passed() bool { return !p.PassedAt.IsZero() }

// Progress is one staff member's training record: a display name and a
// record per card. It maps onto store.Staff (Name, Cards) with the same
// JSON. It holds no other personal data. The zero Cards map is
// valid; Record creates it.
type Progress struct {
	Staff string                  `json:"name"`
	Cards map[CardID]CardProgress `json:"cards,omitempty"`
}

// ValidStaffName returns nil if name can be a display name: not blank, at
// most MaxStaffName characters, valid UTF-8, no control characters, no
// spaces at either end. Otherwise it returns ErrStaffName, wrapped.
func ValidStaffName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("staff name is blank: %w", ErrStaffName)
	case !utf8.ValidString(name):
		return fmt.Errorf("staff name is not UTF-8: %w", ErrStaffName)
	case utf8.RuneCountInString(name) > MaxStaffName:
		return fmt.Errorf("staff name longer than %d characters: %w", MaxStaffName, ErrStaffName)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("staff name %q has spaces at an end: %w", name, ErrStaffName)
	case strings.ContainsFunc(name, unicode.IsControl):
		return fmt.Errorf("staff name %q has control characters: %w", name, ErrStaffName)
	}
	return nil
}

// NewProgress returns an empty record for the staff member. It returns
// ErrStaffName (wrapped) if the name is not valid.
func NewProgress(staff string) (*Progress, error) {
	if err := ValidStaffName(staff); err != nil {
		return nil, err
	}
	return &Progress{Staff: staff, Cards: map[CardID]CardProgress{}}, nil
}

// Card returns the record for the card; the zero value if never tried. p
// may be nil (nobody chosen).
func (p *Progress) Card(id CardID) CardProgress {
	if p == nil {
		return CardProgress{}
	}
	return p.Cards[id]
}

// Record adds one quiz attempt, finished at at: it counts the attempt, keeps
// the best and the last score and the questions missed, and notes the first
// time the quiz was passed. A card once passed stays passed. It returns
// ErrNoCard if s names no card.
func (p *Progress) Record(s Score, at time.Time) error {
	if s.Card == "" {
		return ErrNoCard
	}
	if p.Cards == nil {
		p.Cards = map[CardID]CardProgress{}
	}
	cp := p.Cards[s.Card]
	cp.Attempts++
	cp.LastScore = s.Percent
	cp.BestScore = max(cp.BestScore, s.Percent)
	cp.LastWrong = slices.Clone(s.Wrong)
	if s.Passed && cp.PassedAt.IsZero() {
		cp.PassedAt = at.UTC()
	}
	p.Cards[s.Card] = cp
	return nil
}

// Certified reports whether the staff member has passed every card of the
// deck, and since when: the time the last of them was first passed.
// Records of cards no longer in the deck are ignored.
func (p *Progress) Certified(d *Deck) (bool, time.Time) {
	var since time.Time
	for _, c := range d.Cards {
		cp, ok := p.Cards[c.ID]
		if !ok || !cp.Passed() {
			return false, time.Time{}
		}
		if cp.PassedAt.After(since) {
			since = cp.PassedAt
		}
	}
	return len(d.Cards) > 0, since
}

// Order returns the deck's card IDs in the order to study them next:
//  1. cards whose latest attempt had wrong answers, most wrong first;
//  2. cards never tried;
//  3. the rest (latest attempt all correct);
//
// each group keeping the deck's order. p may be nil (nobody has started).
func Order(d *Deck, p *Progress) []CardID {
	type entry struct {
		id    CardID
		group int
		wrong int
		pos   int
	}
	entries := make([]entry, len(d.Cards))
	for i, c := range d.Cards {
		e := entry{id: c.ID, pos: i, group: 1}
		if p != nil {
			if cp, ok := p.Cards[c.ID]; ok && cp.Attempts > 0 {
				e.wrong = len(cp.LastWrong)
				if e.wrong > 0 {
					e.group = 0
				} else {
					e.group = 2
				}
			}
		}
		entries[i] = e
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		if a.group != b.group {
			return a.group - b.group
		}
		if a.wrong != b.wrong {
			return b.wrong - a.wrong
		}
		return a.pos - b.pos
	})
	ids := make([]CardID, len(entries))
	for i, e := range entries {
		ids[i] = e.id
	}
	return ids
}
