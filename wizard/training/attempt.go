package training

import "fmt"

// Attempt is one quiz attempt on a card, one question at a time: the
// questions in the order asked, each answer judged at once (Feedback), Next
// to go on, and after the last question the score and a review of the
// mistakes. The zero Attempt is not usable; call NewAttempt. An Attempt is
// not safe for concurrent use.
type Attempt struct {
	card    Card
	order   []QuestionID
	pos     int
	answers Answers
	fb      *Feedback // the current question's answer, until Next
	score   *Score    // set when the last question is past
}

// NewAttempt starts a quiz on c, asking the questions missed in last (the
// staff member's record of c) first; see Card.QuestionOrder.
func NewAttempt(c Card, last CardProgress) *Attempt {
	return &Attempt{card: c, order: c.QuestionOrder(last), answers: Answers{}}
}

// Card returns the card whose quiz this is.
func (a *Attempt) Card() Card { return a.card }

// Position returns the number of the question on view, counting from 0 (len
// of Order once finished), and how many questions there are.
func (a *Attempt) Position() (n, total int) { return a.pos, len(a.order) }

// Current returns the question to answer or, after an answer, the question
// whose feedback is on view. It returns false once the attempt is finished.
func (a *Attempt) Current() (Question, bool) {
	if a.pos >= len(a.order) {
		return Question{}, false
	}
	return a.card.Question(a.order[a.pos])
}

// Last reports whether the question on view is the last one.
func (a *Attempt) Last() bool { return a.pos == len(a.order)-1 }

// Answer answers question q, which must be the current one and not yet
// answered, with choice ch, and returns the feedback to show. It returns
// ErrOutOfTurn (wrapped) when q is not the question waiting for an answer —
// a late or repeated tap — and ErrBadChoice when ch is not offered.
func (a *Attempt) Answer(q QuestionID, ch Choice) (Feedback, error) {
	cur, ok := a.Current()
	if !ok || cur.ID != q || a.fb != nil {
		return Feedback{}, fmt.Errorf("answer %s question %s: %w", a.card.ID, q, ErrOutOfTurn)
	}
	fb, err := a.card.Check(q, ch)
	if err != nil {
		return Feedback{}, err
	}
	a.answers[q] = ch
	a.fb = &fb
	return fb, nil
}

// Feedback returns the current question's feedback, and whether it has
// been answered.
func (a *Attempt) Feedback() (Feedback, bool) {
	if a.fb == nil {
		return Feedback{}, false
	}
	return *a.fb, true
}

// Next leaves an answered question for the next one; after the last it
// scores the attempt, and Finished reports true. It returns ErrOutOfTurn
// (wrapped) when the current question has not been answered or the attempt
// is finished.
func (a *Attempt) Next() error {
	if a.fb == nil || a.score != nil {
		return fmt.Errorf("next question of %s: %w", a.card.ID, ErrOutOfTurn)
	}
	a.fb = nil
	a.pos++
	if a.pos < len(a.order) {
		return nil
	}
	s, err := a.card.Grade(a.answers)
	if err != nil { // cannot happen: every answer was checked
		return err
	}
	a.score = &s
	return nil
}

// Finished reports whether every question has been answered and the
// attempt scored.
func (a *Attempt) Finished() bool { return a.score != nil }

// Score returns the attempt's score, and whether it is finished.
func (a *Attempt) Score() (Score, bool) {
	if a.score == nil {
		return Score{}, false
	}
	return *a.score, true
}

// Mistake is one question of an attempt answered wrongly: the question, the
// answer chosen and the right one.
type Mistake struct {
	Question Question
	Chosen   Choice
	Right    Choice
}

// Review returns the mistakes of a finished attempt, in the order of the
// card's quiz (as Score.Wrong lists them); nil before the attempt is
// finished or when every answer was right.
func (a *Attempt) Review() []Mistake {
	if a.score == nil {
		return nil
	}
	var out []Mistake
	for _, id := range a.score.Wrong {
		q, _ := a.card.Question(id)
		out = append(out, Mistake{Question: q, Chosen: a.answers[id], Right: q.Correct})
	}
	return out
}
