package training_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

// step is one action on an Attempt: answer (Choice > 0) the question on
// view, or Next (Choice 0).
type step struct {
	q      training.QuestionID // the question answered; "" for the one on view
	choice training.Choice
}

func next() step                     { return step{} }
func answer(ch training.Choice) step { return step{choice: ch} }

// run plays steps on a fresh attempt of quizCard (right answers 2, 1, 3, 1)
// and returns it with the error of the last step.
func run(t *testing.T, last training.CardProgress, steps []step) (*training.Attempt, error) {
	t.Helper()
	a := training.NewAttempt(quizCard, last)
	var err error
	for _, s := range steps {
		if s.choice == 0 {
			err = a.Next()
			continue
		}
		q := s.q
		if q == "" {
			cur, ok := a.Current()
			if !ok {
				t.Fatalf("no question on view to answer")
			}
			q = cur.ID
		}
		_, err = a.Answer(q, s.choice)
	}
	return a, err
}

func TestAttempt(t *testing.T) {
	tests := []struct {
		name       string
		last       training.CardProgress
		steps      []step
		wantOrder  []training.QuestionID
		wantPos    int
		wantFb     bool
		wantScore  *training.Score
		wantReview []training.Mistake
	}{
		{
			name:      "a fresh attempt asks the first question",
			wantOrder: []training.QuestionID{"1", "2", "3", "4"},
		},
		{
			name:      "missed questions come first",
			last:      training.CardProgress{Attempts: 1, LastWrong: []training.QuestionID{"3"}},
			wantOrder: []training.QuestionID{"3", "1", "2", "4"},
		},
		{
			name:      "an answer shows feedback and stays on the question",
			steps:     []step{answer(2)},
			wantOrder: []training.QuestionID{"1", "2", "3", "4"},
			wantFb:    true,
		},
		{
			name:      "Next goes on",
			steps:     []step{answer(2), next()},
			wantOrder: []training.QuestionID{"1", "2", "3", "4"},
			wantPos:   1,
		},
		{
			name:      "all right",
			steps:     []step{answer(2), next(), answer(1), next(), answer(3), next(), answer(1), next()},
			wantOrder: []training.QuestionID{"1", "2", "3", "4"},
			wantPos:   4,
			wantScore: &training.Score{Card: "amount", Correct: 4, Total: 4, Percent: 100, Passed: true},
		},
		{
			name: "mistakes are reviewed in quiz order, whatever the order asked",
			last: training.CardProgress{Attempts: 1, LastWrong: []training.QuestionID{"4"}},
			// asked 4, 1, 2, 3: wrong on 4 (2 for 1) and 2 (3 for 1)
			steps:     []step{answer(2), next(), answer(2), next(), answer(3), next(), answer(3), next()},
			wantOrder: []training.QuestionID{"4", "1", "2", "3"},
			wantPos:   4,
			wantScore: &training.Score{Card: "amount", Correct: 2, Total: 4, Percent: 50, Wrong: []training.QuestionID{"2", "4"}},
			wantReview: []training.Mistake{
				{Question: quizCard.Quiz[1], Chosen: 3, Right: 1},
				{Question: quizCard.Quiz[3], Chosen: 2, Right: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := run(t, tt.last, tt.steps)
			if err != nil {
				t.Fatalf("last step: %v", err)
			}
			if n, total := a.Position(); n != tt.wantPos || total != len(quizCard.Quiz) {
				t.Errorf("Position() = %d, %d; want %d, %d", n, total, tt.wantPos, len(quizCard.Quiz))
			}
			cur, onView := a.Current()
			if wantOnView := tt.wantPos < len(tt.wantOrder); onView != wantOnView || (onView && cur.ID != tt.wantOrder[tt.wantPos]) {
				t.Errorf("Current() = %v, %v; want question %d of %v", cur.ID, onView, tt.wantPos, tt.wantOrder)
			}
			if _, got := a.Feedback(); got != tt.wantFb {
				t.Errorf("Feedback() shown = %v; want %v", got, tt.wantFb)
			}
			s, finished := a.Score()
			if finished != (tt.wantScore != nil) || a.Finished() != finished {
				t.Fatalf("Score() finished = %v, Finished() = %v; want %v", finished, a.Finished(), tt.wantScore != nil)
			}
			if tt.wantScore != nil {
				if diff := cmp.Diff(*tt.wantScore, s); diff != "" {
					t.Errorf("Score() (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantReview, a.Review()); diff != "" {
				t.Errorf("Review() (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAttemptOrder walks whole attempts: the questions missed last time
// are asked first, the rest in quiz order.
func TestAttemptOrder(t *testing.T) {
	tests := []struct {
		name string
		last training.CardProgress
		want []training.QuestionID
	}{
		{"never tried", training.CardProgress{}, []training.QuestionID{"1", "2", "3", "4"}},
		{"all right last time", training.CardProgress{Attempts: 1}, []training.QuestionID{"1", "2", "3", "4"}},
		{"two missed", training.CardProgress{Attempts: 2, LastWrong: []training.QuestionID{"4", "2"}}, []training.QuestionID{"2", "4", "1", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := training.NewAttempt(quizCard, tt.last)
			var got []training.QuestionID
			for !a.Finished() {
				q, ok := a.Current()
				if !ok {
					t.Fatal("Current() = false before the attempt is finished")
				}
				got = append(got, q.ID)
				if _, err := a.Answer(q.ID, q.Correct); err != nil {
					t.Fatal(err)
				}
				if err := a.Next(); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("questions asked (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAttemptFeedback(t *testing.T) {
	tests := []struct {
		name   string
		choice training.Choice
		want   training.Feedback
	}{
		{"right", 2, training.Feedback{Question: "1", Chosen: 2, Right: 2, Correct: true, ExplainKey: quizCard.WhyKey()}},
		{"wrong names the right one", 3, training.Feedback{Question: "1", Chosen: 3, Right: 2, ExplainKey: quizCard.WhyKey()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := training.NewAttempt(quizCard, training.CardProgress{})
			got, err := a.Answer("1", tt.choice)
			if err != nil {
				t.Fatal(err)
			}
			shown, ok := a.Feedback()
			if got != tt.want || !ok || shown != tt.want {
				t.Errorf("Answer(1, %d) = %+v, Feedback() = %+v, %v; want %+v", tt.choice, got, shown, ok, tt.want)
			}
		})
	}
}

// TestAttemptOutOfTurn: late and repeated taps are refused and change
// nothing.
func TestAttemptOutOfTurn(t *testing.T) {
	allRight := []step{answer(2), next(), answer(1), next(), answer(3), next(), answer(1), next()}
	tests := []struct {
		name    string
		steps   []step
		wantErr error
		wantPos int
	}{
		{"Next before answering", []step{next()}, training.ErrOutOfTurn, 0},
		{"a second answer to the same question", []step{answer(2), answer(1)}, training.ErrOutOfTurn, 0},
		{"an answer to a question not on view", []step{{q: "2", choice: 1}}, training.ErrOutOfTurn, 0},
		{"a late answer to the previous question", []step{answer(2), next(), {q: "1", choice: 2}}, training.ErrOutOfTurn, 1},
		{"a double Next", []step{answer(2), next(), next()}, training.ErrOutOfTurn, 1},
		{"an answer not offered", []step{answer(9)}, training.ErrBadChoice, 0},
		{"an answer after the end", append(allRight[:len(allRight):len(allRight)], step{q: "4", choice: 1}), training.ErrOutOfTurn, 4},
		{"Next after the end", append(allRight[:len(allRight):len(allRight)], next()), training.ErrOutOfTurn, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := run(t, training.CardProgress{}, tt.steps)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("last step: error %v; want %v", err, tt.wantErr)
			}
			if n, _ := a.Position(); n != tt.wantPos {
				t.Errorf("Position() = %d; want %d", n, tt.wantPos)
			}
		})
	}
	t.Run("a refused tap keeps the first answer", func(t *testing.T) {
		a, _ := run(t, training.CardProgress{}, []step{answer(3), answer(2)})
		if fb, _ := a.Feedback(); fb.Chosen != 3 || fb.Correct {
			t.Errorf("Feedback() = %+v; want the first answer, 3 (wrong)", fb)
		}
	})
}
