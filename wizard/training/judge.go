package training

import (
	"fmt"
	"hash/fnv"
	"slices"
)

// Feedback is what a quiz says right after one answer: whether it was
// right, the right choice, and the card's explanation to read.
type Feedback struct {
	Question QuestionID
	Chosen   Choice
	Right    Choice
	Correct  bool
	// ExplainKey is the translation key of the card's "why it matters",
	// shown under every answer, right or wrong.
	ExplainKey string
}

// Check judges one answer to question q. It returns ErrUnknownQuestion if
// the card has no such question and ErrBadChoice if ch is not offered.
func (c Card) Check(q QuestionID, ch Choice) (Feedback, error) {
	question, ok := c.Question(q)
	if !ok {
		return Feedback{}, fmt.Errorf("check %s question %s: %w", c.ID, q, ErrUnknownQuestion)
	}
	if ch < 1 || int(ch) > question.Choices {
		return Feedback{}, fmt.Errorf("check %s question %s answer %d: %w", c.ID, q, ch, ErrBadChoice)
	}
	return Feedback{Question: q, Chosen: ch, Right: question.Correct, Correct: ch == question.Correct,
		ExplainKey: c.WhyKey()}, nil
}

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

// RehearsalResult is how a rehearsal went.
type RehearsalResult struct {
	// Reached: the wizard session collected the expected finding.
	Reached bool
	// Named: the trainee named the expected cause.
	Named bool
	// Passed needs both: walking the wizard to the cause and knowing it.
	Passed bool
	// Right is the expected cause (a finding ID), to show after a miss.
	Right string
	// Card is the training card to study after a miss; empty if none.
	Card CardID
}

// Judge decides a rehearsal from the findings the session collected and
// the cause the trainee named.
func (r Rehearsal) Judge(findings []string, named string) RehearsalResult {
	res := RehearsalResult{Reached: r.Reached(findings), Named: named == r.Finding, Right: r.Finding, Card: r.Card}
	res.Passed = res.Reached && res.Named
	return res
}

// Score is the result as a one-question quiz score of card id, for the
// staff member's progress.
func (res RehearsalResult) Score(id CardID) Score {
	s := Score{Card: id, Total: 1}
	if res.Passed {
		s.Correct, s.Percent, s.Passed = 1, 100, true
	} else {
		s.Wrong = []QuestionID{"1"}
	}
	return s
}
