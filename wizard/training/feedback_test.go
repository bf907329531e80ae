package training

import (
	"errors"
	"testing"
)

func TestCardCheck(t *testing.T) {
	c := Card{ID: "refund", Quiz: []Question{{ID: "1", Choices: 3, Correct: 1}, {ID: "2", Choices: 4, Correct: 3}}}
	for _, tt := range []struct {
		name    string
		q       QuestionID
		ch      Choice
		correct bool
		right   Choice
	}{
		{"right answer", "1", 1, true, 1},
		{"wrong answer names the right one", "2", 1, false, 3},
		{"last choice, right", "2", 3, true, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb, err := c.Check(tt.q, tt.ch)
			if err != nil {
				t.Fatal(err)
			}
			if fb.Correct != tt.correct || fb.Right != tt.right || fb.Chosen != tt.ch || fb.ExplainKey != "training.card.refund.why" {
				t.Errorf("Check(%s, %d) = %+v; want correct %v, right %d, the card's why", tt.q, tt.ch, fb, tt.correct, tt.right)
			}
		})
	}
	for _, tt := range []struct {
		name string
		q    QuestionID
		ch   Choice
		want error
	}{
		{"unknown question", "9", 1, ErrUnknownQuestion},
		{"choice 0", "1", 0, ErrBadChoice},
		{"choice past the last", "1", 4, ErrBadChoice},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.Check(tt.q, tt.ch); !errors.Is(err, tt.want) {
				t.Errorf("Check(%s, %d) error = %v; want %v", tt.q, tt.ch, err, tt.want)
			}
		})
	}
}
