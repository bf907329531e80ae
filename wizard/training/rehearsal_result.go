package training

import (
	"hash/fnv"
	"slices"
	"time"
)

// CauseChoices are the causes (finding IDs) a trainee chooses from at the
// end of rehearsal r, before being told the result: r's own finding and up
// to n-1 plausible others — the findings of the other rehearsals of the
// same flow first, then of any flow — without repeats. The order is fixed
// for a rehearsal but differs between rehearsals, so the right cause is not
// always in the same place.
func CauseChoices(r Rehearsal, all []Rehearsal, n int) []string {
	if n < 1 {
		n = 1
	}
	out := []string{r.Finding}
	add := func(sameFlow bool) {
		for _, o := range all {
			if len(out) == n {
				return
			}
			if (o.Flow == r.Flow) == sameFlow && !slices.Contains(out, o.Finding) {
				out = append(out, o.Finding)
			}
		}
	}
	add(true)
	add(false)
	rank := func(f string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(r.ID + "\x00" + f))
		return h.Sum64()
	}
	slices.SortStableFunc(out, func(a, b string) int {
		ra, rb := rank(a), rank(b)
		switch {
		case ra < rb:
			return -1
		case ra > rb:
			return 1
		}
		return 0
	})
	return out
}

// RehearsalResult is how a rehearsal went: what the trainee did — the
// findings their wizard session reached and the cause they named — set
// against what the rehearsal expected: its finding reached and named. It
// is a result of its own, not a quiz score.
type RehearsalResult struct {
	// Rehearsal is the rehearsal's ID.
	Rehearsal string
	// Expected is the finding the rehearsal stages.
	Expected string
	// Found are the findings the session collected, in the order found.
	Found []string
	// Named is the cause the trainee named at the end; empty if none.
	Named string
	// Card is the training card to study after a miss; empty if none.
	Card CardID
}

// Judge sets what the trainee did against what r expects: found are the
// findings the wizard session collected (their IDs, as the session's
// Summary lists them), named is the cause the trainee named.
func (r Rehearsal) Judge(found []string, named string) RehearsalResult {
	return RehearsalResult{Rehearsal: r.ID, Expected: r.Finding, Found: slices.Clone(found), Named: named, Card: r.Card}
}

// Reached reports whether the session collected the expected finding.
func (res RehearsalResult) Reached() bool { return slices.Contains(res.Found, res.Expected) }

// NamedRight reports whether the trainee named the expected cause.
func (res RehearsalResult) NamedRight() bool { return res.Named != "" && res.Named == res.Expected }

// Passed reports whether the rehearsal was won: the wizard walked to the
// expected cause and the trainee knew it.
func (res RehearsalResult) Passed() bool { return res.Reached() && res.NamedRight() }

// rehearsalKey is the key of a rehearsal's record among a Progress's card
// records. Card IDs cannot hold a dot, so it never meets a real card; the
// functions that read cards (Order, Certified, Table's card counts) ignore
// records of cards not in the deck. The key is stored: never change it.
func rehearsalKey(id string) CardID { return CardID("rehearsal." + id) }

// RecordRehearsal adds one run of a rehearsal, finished at at: it counts
// the run and notes the first time the rehearsal was passed. A rehearsal
// once passed stays passed. No score or wrong questions are kept: a
// rehearsal has none. It returns ErrNoRehearsal if res names no rehearsal.
func (p *Progress) RecordRehearsal(res RehearsalResult, at time.Time) error {
	if res.Rehearsal == "" {
		return ErrNoRehearsal
	}
	if p.Cards == nil {
		p.Cards = map[CardID]CardProgress{}
	}
	k := rehearsalKey(res.Rehearsal)
	cp := p.Cards[k]
	cp.Attempts++
	cp.LastWrong = nil // written by older versions, which scored a run as a quiz
	if res.Passed() && cp.PassedAt.IsZero() {
		cp.PassedAt = at.UTC()
	}
	p.Cards[k] = cp
	return nil
}

// Rehearsal returns the staff member's record of the rehearsal: runs in
// Attempts, the first pass in PassedAt; the zero value if never run. p may
// be nil (nobody chosen).
func (p *Progress) Rehearsal(id string) CardProgress {
	if p == nil {
		return CardProgress{}
	}
	return p.Cards[rehearsalKey(id)]
}

// RehearsalsDone counts the rehearsals of d that p has ever passed.
func (p *Progress) RehearsalsDone(d *Deck) int {
	n := 0
	for _, r := range d.Rehearsals {
		if p.Rehearsal(r.ID).Passed() {
			n++
		}
	}
	return n
}
