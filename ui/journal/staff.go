package journal

import (
	"posdoctor/store"
	"posdoctor/wizard/training"
)

// ProgressFromStore maps the store's record of a staff member onto the
// training engine's progress; the two have the same fields.
func ProgressFromStore(s store.Staff) *training.Progress {
	p := &training.Progress{Staff: s.Name, Cards: make(map[training.CardID]training.CardProgress, len(s.Cards))}
	for id, c := range s.Cards {
		wrong := make([]training.QuestionID, len(c.Wrong))
		for i, w := range c.Wrong {
			wrong[i] = training.QuestionID(w)
		}
		if len(wrong) == 0 {
			wrong = nil
		}
		p.Cards[training.CardID(id)] = training.CardProgress{
			Attempts: c.Attempts, BestScore: c.Best, LastScore: c.Last, LastWrong: wrong, PassedAt: c.Passed,
		}
	}
	return p
}

// ProgressToStore is the inverse of ProgressFromStore, for saving a quiz
// result.
func ProgressToStore(p *training.Progress) store.Staff {
	s := store.Staff{Name: p.Staff, Cards: make(map[string]store.CardProgress, len(p.Cards))}
	for id, c := range p.Cards {
		var wrong []string
		for _, w := range c.LastWrong {
			wrong = append(wrong, string(w))
		}
		s.Cards[string(id)] = store.CardProgress{
			Attempts: c.Attempts, Best: c.BestScore, Last: c.LastScore, Wrong: wrong, Passed: c.PassedAt,
		}
	}
	return s
}
