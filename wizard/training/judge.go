package training

import "fmt"

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
