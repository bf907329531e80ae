package training

import (
	"slices"
	"strings"
	"time"
)

// Row is one line of the owner's staff table.
type Row struct {
	Staff     string
	Passed    int // cards passed
	Total     int // cards in the deck
	Percent   int // Passed / Total in whole percent, rounded down
	Attempted int // cards tried at least once
	Attempts  int // quiz attempts in all
	// Rehearsals counts the deck's rehearsals passed (RehearsalsDone).
	Rehearsals int
	Certified  bool
	// CertifiedAt is when the last card was first passed; zero unless
	// Certified.
	CertifiedAt time.Time
	// Retake lists the cards whose latest attempt had wrong answers, in the
	// order Order gives.
	Retake []CardID
	// Next is the card to study next: the first of Order that is not yet
	// passed, or the first to retake; empty when nothing is left.
	Next CardID
}

// Table computes the owner's table: one row per staff member, sorted by
// name. Records of cards no longer in the deck are ignored.
func Table(d *Deck, staff []*Progress) []Row {
	rows := make([]Row, 0, len(staff))
	for _, p := range staff {
		if p == nil {
			continue
		}
		r := Row{Staff: p.Staff, Total: len(d.Cards)}
		for _, c := range d.Cards {
			cp, ok := p.Cards[c.ID]
			if !ok {
				continue
			}
			if cp.Attempts > 0 {
				r.Attempted++
				r.Attempts += cp.Attempts
			}
			if cp.Passed() {
				r.Passed++
			}
		}
		if r.Total > 0 {
			r.Percent = r.Passed * 100 / r.Total
		}
		r.Rehearsals = p.RehearsalsDone(d)
		r.Certified, r.CertifiedAt = p.Certified(d)
		for _, id := range Order(d, p) {
			cp := p.Cards[id]
			if len(cp.LastWrong) > 0 {
				r.Retake = append(r.Retake, id)
			}
			if r.Next == "" && (!cp.Passed() || len(cp.LastWrong) > 0) {
				r.Next = id
			}
		}
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b Row) int { return strings.Compare(a.Staff, b.Staff) })
	return rows
}
