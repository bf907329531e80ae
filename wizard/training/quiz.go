package training

import (
	"fmt"
	"slices"
)

// PassPercent is the share of correct answers, in percent, that passes a
// quiz. With 3 or 4 questions it means every answer must be right.
const PassPercent = 80

// Answers maps each answered question to the chosen answer number.
type Answers map[QuestionID]Choice

// Score is the result of one quiz attempt.
type Score struct {
	Card    CardID
	Correct int
	Total   int
	// Percent is Correct / Total in whole percent, rounded down.
	Percent int
	// Wrong lists the questions answered wrongly or not at all, in quiz
	// order.
	Wrong  []QuestionID
	Passed bool
}

// Passes reports whether correct answers out of total pass a quiz: at least
// PassPercent percent, computed without rounding. A quiz with no questions
// never passes.
func Passes(correct, total int) bool {
	return total > 0 && correct*100 >= PassPercent*total
}

// Grade scores answers against the card's quiz. A question without an answer
// counts as wrong. It returns ErrUnknownQuestion if answers names a question
// the card does not have, and ErrBadChoice if a choice is not offered.
func (c Card) Grade(answers Answers) (Score, error) {
	for id, ch := range answers {
		q, ok := c.Question(id)
		if !ok {
			return Score{}, fmt.Errorf("grade %s question %s: %w", c.ID, id, ErrUnknownQuestion)
		}
		if ch < 1 || int(ch) > q.Choices {
			return Score{}, fmt.Errorf("grade %s question %s answer %d: %w", c.ID, id, ch, ErrBadChoice)
		}
	}
	s := Score{Card: c.ID, Total: len(c.Quiz)}
	for _, q := range c.Quiz {
		if answers[q.ID] == q.Correct {
			s.Correct++
		} else {
			s.Wrong = append(s.Wrong, q.ID)
		}
	}
	if s.Total > 0 {
		s.Percent = s.Correct * 100 / s.Total
	}
	s.Passed = Passes(s.Correct, s.Total)
	return s, nil
}

// QuestionOrder returns the card's question IDs in the order to ask them:
// the questions answered wrongly last time first, then the others, each
// group in quiz order.
func (c Card) QuestionOrder(last CardProgress) []QuestionID {
	first := make([]QuestionID, 0, len(c.Quiz))
	var rest []QuestionID
	for _, q := range c.Quiz {
		if slices.Contains(last.LastWrong, q.ID) {
			first = append(first, q.ID)
		} else {
			rest = append(rest, q.ID)
		}
	}
	return append(first, rest...)
}

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
