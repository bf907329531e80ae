package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/i18n"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// seedStaff saves progress records into env's data folder.
func seedStaff(t *testing.T, env *Env, staff ...*training.Progress) {
	t.Helper()
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range staff {
		if err := db.PutStaff(journal.ProgressToStore(p)); err != nil {
			t.Fatal(err)
		}
	}
}

// passCards records a perfect quiz on the first n cards of d.
func passCards(t *testing.T, d *training.Deck, p *training.Progress, n int, at time.Time) {
	t.Helper()
	for _, c := range d.Cards[:n] {
		ans := training.Answers{}
		for _, q := range c.Quiz {
			ans[q.ID] = q.Correct
		}
		s, err := c.Grade(ans)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Record(s, at); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTrainingCards(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	for _, locale := range []string{"zh-Hans", "en"} {
		t.Run(locale, func(t *testing.T) {
			env, out, errb := storeEnv(t, locale)
			if code := Run(context.Background(), env, []string{"training"}); code != ExitOK {
				t.Fatalf("training = %d; want %d; stderr: %s", code, ExitOK, errb)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != len(d.Cards) {
				t.Errorf("training printed %d lines; want %d", len(lines), len(d.Cards))
			}
			if title := env.Tr.T(d.Cards[0].TitleKey()); !strings.Contains(lines[0], title) {
				t.Errorf("first line %q; want the first card's title %q", lines[0], title)
			}
			for _, k := range []string{"training.cli.summary", "training.cli.usage", "training.cli.card",
				"training.cli.nostaff", "training.cli.invalid", "training.cli.missing"} {
				if !env.Tr.Has(k) {
					t.Errorf("%s lacks %q", locale, k)
				}
			}
		})
	}
}

func TestTrainingCardsJSON(t *testing.T) {
	env, out, _ := storeEnv(t, "en")
	if code := Run(context.Background(), env, []string{"training", "cards", "--json"}); code != ExitOK {
		t.Fatalf("training cards --json = %d; want %d", code, ExitOK)
	}
	var got []cardJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) < 24 || got[0].Title == "" || got[0].Questions < 3 {
		t.Errorf("cards --json = %d cards, first %+v; want at least 24 with titles and quizzes", len(got), got[0])
	}
}

func TestTrainingStaff(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ann, _ := training.NewProgress("Ann")
	passCards(t, d, ann, len(d.Cards), at)
	bo, _ := training.NewProgress("小王")
	passCards(t, d, bo, 2, at)
	third := d.Cards[2]
	s, _ := third.Grade(training.Answers{})
	if err := bo.Record(s, at); err != nil {
		t.Fatal(err)
	}

	env, out, errb := storeEnv(t, "en")
	seedStaff(t, env, bo, ann)
	if code := Run(context.Background(), env, []string{"training", "staff", "--json"}); code != ExitOK {
		t.Fatalf("training staff --json = %d; want %d; stderr: %s", code, ExitOK, errb)
	}
	var got []rowJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	n := len(d.Cards)
	want := []rowJSON{
		{Staff: "Ann", Passed: n, Total: n, Percent: 100, Attempts: n, Certified: true, CertifiedAt: &at},
		{Staff: "小王", Passed: 2, Total: n, Percent: 200 / n, Attempts: 3, Retake: []training.CardID{third.ID}, Next: third.ID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("training staff --json mismatch (-want +got):\n%s", diff)
	}

	out.Reset()
	if code := Run(context.Background(), env, []string{"training", "staff"}); code != ExitOK {
		t.Fatalf("training staff = %d; want %d", code, ExitOK)
	}
	text := out.String()
	for _, w := range []string{"Ann", "小王", "Fully trained", env.Tr.T(third.TitleKey())} {
		if !strings.Contains(text, w) {
			t.Errorf("training staff output lacks %q:\n%s", w, text)
		}
	}
}

func TestTrainingStaffEmpty(t *testing.T) {
	env, out, _ := storeEnv(t, "zh-Hans")
	if code := Run(context.Background(), env, []string{"training", "staff"}); code != ExitOK {
		t.Fatalf("training staff = %d; want %d", code, ExitOK)
	}
	if got, want := strings.TrimSpace(out.String()), env.Tr.T("training.cli.nostaff"); got != want {
		t.Errorf("training staff with nobody = %q; want %q", got, want)
	}
}

func TestTrainingUsage(t *testing.T) {
	for _, args := range [][]string{{"training", "dance"}, {"training", "--bogus"}, {"training", "staff", "extra"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			env, _, errb := storeEnv(t, "en")
			if code := Run(context.Background(), env, args); code != ExitUsage {
				t.Errorf("%v = %d; want %d", args, code, ExitUsage)
			}
			if !strings.Contains(errb.String(), "posdoctor training") {
				t.Errorf("%v stderr = %q; want the usage", args, errb)
			}
		})
	}
}

func TestProgressStoreRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p := &training.Progress{Staff: "Ann", Cards: map[training.CardID]training.CardProgress{
		"a": {Attempts: 2, BestScore: 100, LastScore: 66, LastWrong: []training.QuestionID{"2"}, PassedAt: at},
		"b": {Attempts: 1, BestScore: 33, LastScore: 33, LastWrong: []training.QuestionID{"1", "3"}},
	}}
	if diff := cmp.Diff(p, journal.ProgressFromStore(journal.ProgressToStore(p))); diff != "" {
		t.Errorf("store round trip mismatch (-want +got):\n%s", diff)
	}
}

// answersFor is Stdin for a quiz on c asked in the order order: the right
// answer's number to every question, except a wrong one to those in wrong.
func answersFor(c training.Card, order []training.QuestionID, wrong map[training.QuestionID]bool) string {
	var b strings.Builder
	for _, id := range order {
		q, _ := c.Question(id)
		ch := int(q.Correct)
		if wrong[id] {
			ch = ch%q.Choices + 1
		}
		fmt.Fprintf(&b, "%d\n", ch)
	}
	return b.String()
}

func TestTrainingQuiz(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	card := d.Cards[0]
	inOrder := card.QuestionOrder(training.CardProgress{})
	second := inOrder[1]
	tests := []struct {
		name      string
		staff     string
		stdin     string
		wantCode  int
		wantAgain bool // the answer is asked again
		wantSaved *store.CardProgress
	}{
		{
			name: "all right passes and is recorded", staff: "小王",
			stdin: answersFor(card, inOrder, nil), wantCode: ExitOK,
			wantSaved: &store.CardProgress{Attempts: 1, Best: 100, Last: 100, Passed: fixedNow()},
		},
		{
			name: "one wrong fails, shows the right answer and is recorded", staff: "Ann",
			stdin: answersFor(card, inOrder, map[training.QuestionID]bool{second: true}), wantCode: ExitProblem,
			wantSaved: &store.CardProgress{Attempts: 1, Best: 100 * (len(inOrder) - 1) / len(inOrder),
				Last: 100 * (len(inOrder) - 1) / len(inOrder), Wrong: []string{string(second)}},
		},
		{
			name:  "without --staff nothing is recorded",
			stdin: answersFor(card, inOrder, nil), wantCode: ExitOK,
		},
		{
			name: "an answer that is no number or not offered is asked again", staff: "Ann",
			stdin: "x\n9\n" + answersFor(card, inOrder, nil), wantCode: ExitOK,
			wantAgain: true,
			wantSaved: &store.CardProgress{Attempts: 1, Best: 100, Last: 100, Passed: fixedNow()},
		},
		{
			name: "input ending early saves nothing", staff: "Ann",
			stdin: answersFor(card, inOrder[:1], nil), wantCode: ExitUsage,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := storeEnv(t, "en")
			env.Stdin = strings.NewReader(tt.stdin)
			args := []string{"training", "quiz", string(card.ID)}
			if tt.staff != "" {
				args = append(args, "--staff", tt.staff)
			}
			if code := Run(context.Background(), env, args); code != tt.wantCode {
				t.Fatalf("%v = %d; want %d; stderr: %s", args, code, tt.wantCode, errb)
			}
			text := out.String()
			tr := env.Tr
			first, _ := card.Question(inOrder[0])
			if again := tr.T("training.cli.quiz.again", "max", first.Choices); strings.Count(text, again) != map[bool]int{true: 2}[tt.wantAgain] {
				t.Errorf("output asks again %d times; want %v:\n%s", strings.Count(text, again), tt.wantAgain, text)
			}
			if tt.wantCode == ExitUsage {
				if got := errb.String(); !strings.Contains(got, tr.T("training.cli.quiz.stopped")) {
					t.Errorf("stderr = %q; want %q", got, tr.T("training.cli.quiz.stopped"))
				}
			} else {
				want := []string{tr.T("trainingui.quiz.title", "title", tr.T(card.TitleKey()))}
				if tt.wantCode == ExitOK {
					want = append(want, tr.T(training.KeyPassed, "pass", training.PassPercent))
				} else {
					q, _ := card.Question(second)
					right := tr.T(card.AnswerKeys(q)[q.Correct-1])
					want = append(want, tr.T(training.KeyFailed, "pass", training.PassPercent),
						tr.T("trainingui.quiz.wrongone", "answer", right), tr.T("trainingui.quiz.wrong"),
						tr.T(training.KeyRightAnswer, "answer", right))
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("output lacks %q:\n%s", w, text)
					}
				}
			}

			db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			list, err := db.StaffList()
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantSaved == nil {
				if len(list) != 0 {
					t.Errorf("stored %+v; want nothing", list)
				}
				return
			}
			if len(list) != 1 || list[0].Name != tt.staff {
				t.Fatalf("stored %+v; want one record for %s", list, tt.staff)
			}
			if diff := cmp.Diff(*tt.wantSaved, list[0].Cards[string(card.ID)]); diff != "" {
				t.Errorf("stored record (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrainingQuizMissedFirst: a staff member's missed question is asked
// first next time, as in the GUI.
func TestTrainingQuizMissedFirst(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	card := d.Cards[1]
	last := card.Quiz[len(card.Quiz)-1].ID
	p, _ := training.NewProgress("Ann")
	s, _ := card.Grade(training.Answers{})
	if err := p.Record(s, fixedNow()); err != nil {
		t.Fatal(err)
	}
	p.Cards[card.ID] = training.CardProgress{Attempts: 1, LastWrong: []training.QuestionID{last}}
	env, out, errb := storeEnv(t, "zh-Hans")
	seedStaff(t, env, p)
	order := card.QuestionOrder(p.Card(card.ID))
	env.Stdin = strings.NewReader(answersFor(card, order, nil))
	if code := Run(context.Background(), env, []string{"training", "quiz", string(card.ID), "--staff", "Ann"}); code != ExitOK {
		t.Fatalf("quiz = %d; want %d; stderr: %s", code, ExitOK, errb)
	}
	text := out.String()
	first, other := strings.Index(text, env.Tr.T(card.QuestionKey(last))), strings.Index(text, env.Tr.T(card.QuestionKey(card.Quiz[0].ID)))
	if first < 0 || other < 0 || first > other {
		t.Errorf("question %s asked at %d, question %s at %d; want the missed one first:\n%s", last, first, card.Quiz[0].ID, other, text)
	}
}

func TestTrainingQuizUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"training", "quiz"}, "training.cli.usage"},
		{[]string{"training", "quiz", "no-such-card"}, "training.cli.quiz.nocard"},
		{[]string{"training", "quiz", "--staff", "Ann"}, "training.cli.usage"},
		{[]string{"training", "staff", "--staff", "Ann"}, "training.cli.usage"},
		{[]string{"training", "cards", "--staff", "Ann"}, "training.cli.usage"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			env, out, errb := storeEnv(t, "en")
			env.Stdin = strings.NewReader("1\n1\n1\n1\n")
			if code := Run(context.Background(), env, tt.args); code != ExitUsage {
				t.Errorf("%v = %d; want %d", tt.args, code, ExitUsage)
			}
			want := env.Tr.T(tt.want, "id", "no-such-card")
			if !strings.Contains(errb.String(), want) || out.Len() != 0 {
				t.Errorf("%v: stdout %q, stderr %q; want only %q on stderr", tt.args, out, errb, want)
			}
		})
	}
	t.Run("an invalid staff name", func(t *testing.T) {
		env, _, errb := storeEnv(t, "en")
		env.Stdin = strings.NewReader("")
		args := []string{"training", "quiz", "sign-in", "--staff", " "}
		if code := Run(context.Background(), env, args); code != ExitUsage {
			t.Errorf("%v = %d; want %d", args, code, ExitUsage)
		}
		if want := env.Tr.T(training.KeyStaffInvalid, "max", training.MaxStaffName); !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q; want %q", errb, want)
		}
	})
}

// FuzzTrainingQuizInput feeds any text as a trainee's answers: the quiz
// never panics, and it ends with a score (passed or not) or, when the
// input runs out first, with ExitUsage.
func FuzzTrainingQuizInput(f *testing.F) {
	d, err := training.Load(assets.Training())
	if err != nil {
		f.Fatal(err)
	}
	card := d.Cards[0]
	f.Add(answersFor(card, card.QuestionOrder(training.CardProgress{}), nil))
	f.Add("1\n2\n3\n4\n")
	f.Add("x\n\n-1\n99999999999999999999\n 2 \r\n")
	f.Add("")
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		f.Fatal(err)
	}
	tr := cat.Translator("en")
	f.Fuzz(func(t *testing.T, stdin string) {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Tr: tr, DataDir: t.TempDir(), Now: fixedNow}
		code := Run(context.Background(), env, []string{"training", "quiz", string(card.ID)})
		scored := strings.Contains(out.String(), tr.T(training.KeyPassed, "pass", training.PassPercent)) ||
			strings.Contains(out.String(), tr.T(training.KeyFailed, "pass", training.PassPercent))
		switch code {
		case ExitOK, ExitProblem:
			if !scored {
				t.Errorf("exit %d without a score:\n%s", code, out.String())
			}
		case ExitUsage:
			if scored || !strings.Contains(errb.String(), tr.T("training.cli.quiz.stopped")) {
				t.Errorf("exit %d: scored %v, stderr %q; want no score and the quiz stopped", code, scored, errb.String())
			}
		default:
			t.Errorf("exit %d; want 0, 1 or 2", code)
		}
	})
}
