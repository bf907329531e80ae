package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

func TestTrainingQuiz(t *testing.T) {
	tests := []struct {
		name        string
		wrong       map[training.QuestionID]bool
		wantPercent int
		wantPassed  bool
	}{
		{"all right passes", nil, 100, true},
		{"one wrong of three is below 80 %", map[training.QuestionID]bool{"2": true}, 66, false},
		{"all wrong", map[training.QuestionID]bool{"1": true, "2": true, "3": true}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, v := trainingEnv(t, "zh-Hans", Options{})
			tr := e.a.tr
			addStaff(t, v, "小王")
			card := v.deck.Cards[3]
			takeQuiz(t, v, card.ID, tt.wrong)
			if v.page != pageQuiz || !v.quiz.attempt.Finished() {
				t.Fatalf("after the last answer the page is %d; want the result", v.page)
			}
			var wantWrong []training.QuestionID
			for _, q := range card.Quiz {
				if tt.wrong[q.ID] {
					wantWrong = append(wantWrong, q.ID)
				}
			}
			got := shown(t, v)
			want := []string{tr.T(training.KeyResult, "correct", len(card.Quiz)-len(wantWrong), "total", len(card.Quiz), "percent", tt.wantPercent)}
			if tt.wantPassed {
				want = append(want, tr.T(training.KeyPassed, "pass", training.PassPercent))
			} else {
				want = append(want, tr.T(training.KeyFailed, "pass", training.PassPercent), tr.T("trainingui.quiz.wrong"))
			}
			for _, qid := range wantWrong {
				q, _ := card.Question(qid)
				want = append(want, tr.T(card.QuestionKey(qid)),
					tr.T(training.KeyRightAnswer, "answer", tr.T(card.AnswerKeys(q)[q.Correct-1])))
			}
			for _, w := range want {
				if !contains(got, w) {
					t.Errorf("result shows %q; want %q among them", got, w)
				}
			}
			if tt.wantPassed && contains(got, tr.T("trainingui.quiz.wrong")) {
				t.Errorf("a quiz with no mistakes lists missed questions: %q", got)
			}

			s, err := e.db.Staff("小王")
			if err != nil {
				t.Fatal(err)
			}
			cp := s.Cards[string(card.ID)]
			var gotWrong []training.QuestionID
			for _, w := range cp.Wrong {
				gotWrong = append(gotWrong, training.QuestionID(w))
			}
			if cp.Attempts != 1 || cp.Last != tt.wantPercent || cp.Passed.IsZero() != !tt.wantPassed {
				t.Errorf("stored %+v; want 1 attempt, last %d%%, passed %v", cp, tt.wantPercent, tt.wantPassed)
			}
			if diff := cmp.Diff(wantWrong, gotWrong); diff != "" {
				t.Errorf("stored wrong questions (-want +got):\n%s", diff)
			}

			if !tt.wantPassed {
				test.Tap(v.quiz.retry)
				if q, _ := v.quiz.attempt.Current(); q.ID != wantWrong[0] {
					t.Errorf("retry asks %s first; want the missed question %s", q.ID, wantWrong[0])
				}
				test.Tap(v.quiz.stop)
				test.Tap(v.cards.toList)
				if got := training.Order(v.deck, v.staff)[0]; got != card.ID {
					t.Errorf("study order starts with %s; want the missed card %s", got, card.ID)
				}
				if got := canvasTexts(t, v.root); !contains(got, tr.T(training.KeyTableRetake)) {
					t.Errorf("card list shows %q; want a retake badge", got)
				}
			}
		})
	}
}

func TestTrainingQuizIgnoresADoubleClick(t *testing.T) {
	_, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	var now time.Time
	v.quiz.tapClock = func() time.Time { return now }
	v.cards.show([]training.CardID{v.deck.Cards[0].ID}, 0)
	test.Tap(v.cards.startQuiz)
	taps := []struct {
		name     string
		after    time.Duration
		next     bool // tap Next (else the first answer)
		wantPos  int
		wantFeed bool
	}{
		{"a tap as the question appears is too early", answerPause / 3, false, 0, false},
		{"a tap after a pause answers", answerPause, false, 0, true},
		{"the double click's second tap does not skip the feedback", answerPause / 3, true, 0, true},
		{"Next after a pause goes on", answerPause, true, 1, false},
		{"a double click on Next does not answer the next question", answerPause / 3, false, 1, false},
		{"a later tap answers the next question", 2 * answerPause, false, 1, true},
	}
	for _, tt := range taps {
		t.Run(tt.name, func(t *testing.T) {
			now = now.Add(tt.after)
			if tt.next {
				test.Tap(v.quiz.nextQ)
			} else {
				test.Tap(v.quiz.answers[0])
			}
			pos, _ := v.quiz.attempt.Position()
			if _, feed := v.quiz.attempt.Feedback(); pos != tt.wantPos || feed != tt.wantFeed {
				t.Errorf("after the tap the quiz is at question %d, feedback %v; want %d, %v", pos, feed, tt.wantPos, tt.wantFeed)
			}
		})
	}
}

// TestTrainingQuizAnswersByNumber: number keys answer the question on
// screen, Enter goes on after the feedback; keys in the staff name field
// never answer. Issue 21.
func TestTrainingQuizAnswersByNumber(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	e.a.show("training")
	v.cards.show([]training.CardID{v.deck.Cards[0].ID}, 0)
	test.Tap(v.cards.startQuiz)
	c := e.a.win.Canvas()
	q, _ := v.quiz.attempt.Current()
	typeOnWindow(c, string(optionKey(int(q.Correct)-1)))
	if fb, ok := v.quiz.attempt.Feedback(); !ok || !fb.Correct {
		t.Fatalf("typing the right answer's number gave feedback %+v, %v; want right", fb, ok)
	}
	typeOnWindow(c, "1") // keys do nothing while the feedback is shown
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	pos, _ := v.quiz.attempt.Position()
	if _, feed := v.quiz.attempt.Feedback(); pos != 1 || feed {
		t.Errorf("Enter after the feedback: question %d, feedback %v; want question 2 unanswered", pos+1, feed)
	}
	v.showList()
	if v.roster.name == nil {
		t.Fatal("no staff name field")
	}
	c.Focus(v.roster.name)
	typeOnWindow(c, "12")
	if v.roster.name.Text != "12" {
		t.Errorf("name field = %q; want the typed 12", v.roster.name.Text)
	}
}

func TestTrainingCertifiedWhenEveryQuizPassed(t *testing.T) {
	e, v := trainingEnv(t, "en", Options{})
	addStaff(t, v, "Amy")
	at := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	v.now = func() time.Time { return at }
	for i, c := range v.deck.Cards {
		takeQuiz(t, v, c.ID, nil)
		if last := i == len(v.deck.Cards)-1; v.quiz.certified != last {
			t.Fatalf("after card %d of %d certified = %v", i+1, len(v.deck.Cards), v.quiz.certified)
		}
	}
	want := e.a.tr.T(training.KeyCertified, "date", at.Local().Format(time.DateOnly))
	if got := shown(t, v); !contains(got, want) {
		t.Errorf("last result shows %q; want %q", got, want)
	}
}
