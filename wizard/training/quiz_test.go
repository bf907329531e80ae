package training_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

// quizCard has four questions whose correct answers are 2, 1, 3, 1.
var quizCard = training.Card{
	ID: "amount", Icon: "info", Topics: []training.Topic{training.TopicAmount}, Steps: 1, Mistakes: 1,
	Quiz: []training.Question{
		{ID: "1", Choices: 3, Correct: 2},
		{ID: "2", Choices: 3, Correct: 1},
		{ID: "3", Choices: 4, Correct: 3},
		{ID: "4", Choices: 2, Correct: 1},
	},
}

func TestPasses(t *testing.T) {
	tests := []struct {
		name           string
		correct, total int
		want           bool
	}{
		{"all of three", 3, 3, true},
		{"two of three (66 %)", 2, 3, false},
		{"three of four (75 %)", 3, 4, false},
		{"four of five (exactly 80 %)", 4, 5, true},
		{"seven of nine (77 %)", 7, 9, false},
		{"eight of ten", 8, 10, true},
		{"none", 0, 4, false},
		{"no questions", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := training.Passes(tt.correct, tt.total); got != tt.want {
				t.Errorf("Passes(%d, %d) = %v; want %v", tt.correct, tt.total, got, tt.want)
			}
		})
	}
}

func TestGrade(t *testing.T) {
	tests := []struct {
		name    string
		answers training.Answers
		want    training.Score
	}{
		{
			name:    "all right",
			answers: training.Answers{"1": 2, "2": 1, "3": 3, "4": 1},
			want:    training.Score{Card: "amount", Correct: 4, Total: 4, Percent: 100, Passed: true},
		},
		{
			name:    "one wrong fails at 75 %",
			answers: training.Answers{"1": 2, "2": 1, "3": 1, "4": 1},
			want:    training.Score{Card: "amount", Correct: 3, Total: 4, Percent: 75, Wrong: []training.QuestionID{"3"}},
		},
		{
			name:    "unanswered count as wrong",
			answers: training.Answers{"2": 1},
			want:    training.Score{Card: "amount", Correct: 1, Total: 4, Percent: 25, Wrong: []training.QuestionID{"1", "3", "4"}},
		},
		{
			name:    "nothing answered",
			answers: nil,
			want:    training.Score{Card: "amount", Total: 4, Wrong: []training.QuestionID{"1", "2", "3", "4"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := quizCard.Grade(tt.answers)
			if err != nil {
				t.Fatalf("Grade(%v) error: %v", tt.answers, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Grade(%v) mismatch (-want +got):\n%s", tt.answers, diff)
			}
		})
	}
}

func TestGradeErrors(t *testing.T) {
	tests := []struct {
		name    string
		answers training.Answers
		want    error
	}{
		{"unknown question", training.Answers{"9": 1}, training.ErrUnknownQuestion},
		{"choice zero", training.Answers{"1": 0}, training.ErrBadChoice},
		{"choice beyond", training.Answers{"4": 3}, training.ErrBadChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := quizCard.Grade(tt.answers)
			if !errors.Is(err, tt.want) {
				t.Errorf("Grade(%v) = %+v, %v; want error %v", tt.answers, got, err, tt.want)
			}
		})
	}
}

func TestQuestionOrder(t *testing.T) {
	tests := []struct {
		name string
		last training.CardProgress
		want []training.QuestionID
	}{
		{"never tried", training.CardProgress{}, []training.QuestionID{"1", "2", "3", "4"}},
		{"wrong come first", training.CardProgress{Attempts: 1, LastWrong: []training.QuestionID{"4", "2"}}, []training.QuestionID{"2", "4", "1", "3"}},
		{"stale ID ignored", training.CardProgress{Attempts: 1, LastWrong: []training.QuestionID{"9", "3"}}, []training.QuestionID{"3", "1", "2", "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quizCard.QuestionOrder(tt.last)); diff != "" {
				t.Errorf("QuestionOrder(%+v) mismatch (-want +got):\n%s", tt.last, diff)
			}
		})
	}
}
