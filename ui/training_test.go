package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// trainingAt is a GUI on the test driver whose history file is db, showing
// the Training screen in lang.
func trainingAt(t *testing.T, db *store.DB, lang string, opts Options) (*env, *trainingView) {
	t.Helper()
	// The app makes its daily backup in the background; made now, it is
	// not due then, so nothing writes into the temporary folder while the
	// test's cleanup removes it.
	if db != nil {
		if _, err := db.BackupIfDue(time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	fa := test.NewTempApp(t)
	q := newQueue()
	opts.Catalog = catalog(t)
	opts.Version, opts.Commit = "test", "abc"
	opts.SystemLocales = []string{lang}
	opts.DB = db
	if opts.Lister == nil {
		opts.Lister = noPorts{}
	}
	opts.uiDo = q.do
	opts.Screen = "training"
	a := New(fa, opts)
	t.Cleanup(func() {
		a.Close()
		q.drain()
	})
	v := a.training
	if v == nil {
		t.Fatal("the Training screen was not built")
	}
	v.quiz.tapClock = steppingClock(time.Second) // every tap comes well after the last
	return &env{a: a, q: q, db: db}, v
}

// steppingClock returns a clock that moves on by step at every reading.
func steppingClock(step time.Duration) func() time.Time {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		now = now.Add(step)
		return now
	}
}

// trainingEnv is trainingAt with a fresh history file.
func trainingEnv(t *testing.T, lang string, opts Options) (*env, *trainingView) {
	t.Helper()
	db, err := store.Open(filepath.Join(dataDir(t), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return trainingAt(t, db, lang, opts)
}

// dataDir is a temporary folder for a history file. Unlike t.TempDir its
// removal retries until a deadline: the app's background work (the daily
// backup) may still be finishing a file in it when the test ends.
func dataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "posdoctor-training-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			err := os.RemoveAll(dir)
			if err == nil {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("remove %s: %v", dir, err)
				return
			}
			runtime.Gosched()
		}
	})
	return dir
}

// addStaff types name and taps Add, as the owner would.
func addStaff(t *testing.T, v *trainingView, name string) {
	t.Helper()
	v.roster.name.SetText(name)
	test.Tap(v.roster.add)
	if v.staff == nil || v.staff.Staff != name {
		t.Fatalf("after adding %q the staff member training is %v", name, v.staff)
	}
}

// takeQuiz opens the card, starts its quiz and taps an answer for every
// question: the right one unless the question is in wrong.
func takeQuiz(t *testing.T, v *trainingView, id training.CardID, wrong map[training.QuestionID]bool) {
	t.Helper()
	v.cards.show([]training.CardID{id}, 0)
	test.Tap(v.cards.startQuiz)
	if v.page != pageQuiz || v.quiz.attempt == nil {
		t.Fatalf("Start quiz showed page %d, want the quiz", v.page)
	}
	for !v.quiz.attempt.Finished() {
		q, _ := v.quiz.attempt.Current()
		qid := q.ID
		choice := int(q.Correct)
		if wrong[qid] {
			choice = choice%q.Choices + 1
		}
		if len(v.quiz.answers) != q.Choices {
			t.Fatalf("question %s shows %d answers, want %d", qid, len(v.quiz.answers), q.Choices)
		}
		test.Tap(v.quiz.answers[choice-1])
		// Feedback before the next question: right or wrong, the right
		// answer, and the card's explanation. Issue 21.
		tr := v.a.tr
		got := shown(t, v)
		want := tr.T("trainingui.quiz.right")
		if wrong[qid] {
			want = tr.T("trainingui.quiz.wrongone", "answer", tr.T(v.quiz.attempt.Card().AnswerKeys(q)[q.Correct-1]))
		}
		if !contains(got, want) || !contains(got, tr.T(v.quiz.attempt.Card().WhyKey())) || v.quiz.nextQ == nil {
			t.Fatalf("after answering %s the quiz shows %q; want %q, the card's explanation and Next", qid, got, want)
		}
		test.Tap(v.quiz.nextQ)
	}
}

func shown(t *testing.T, v *trainingView) []string {
	t.Helper()
	return texts(t, v.root)
}

// canvasTexts returns every canvas.Text string under o: badges draw those.
func canvasTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *canvas.Text:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestTrainingSwitchesLanguage(t *testing.T) {
	zh, en := catalog(t).Translator("zh-Hans"), catalog(t).Translator("en")
	c := training.Order(mustDeck(t), nil)[2]
	card, _ := mustDeck(t).Card(c)
	q := card.QuestionOrder(training.CardProgress{})[0]
	pages := []struct {
		name     string
		open     func(v *trainingView)
		wantPage trainingPage
		keys     []string // words that must show, in either language
	}{
		{"list", func(v *trainingView) {}, pageTabs,
			[]string{training.KeyBanner, "nav.training", "trainingui.study", card.TitleKey()}},
		{"card", func(v *trainingView) { test.Tap(v.cards.study); test.Tap(v.cards.next); test.Tap(v.cards.next) }, pageCard,
			[]string{training.KeyBanner, card.TitleKey(), card.WhyKey(), training.KeyStartQuiz}},
		{"quiz", func(v *trainingView) {
			test.Tap(v.cards.study)
			test.Tap(v.cards.next)
			test.Tap(v.cards.next)
			test.Tap(v.cards.startQuiz)
		}, pageQuiz,
			[]string{training.KeyBanner, card.QuestionKey(q)}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			e, v := trainingEnv(t, "zh-Hans", Options{})
			addStaff(t, v, "Amy")
			p.open(v)
			got := shown(t, v)
			for _, k := range p.keys {
				if !contains(got, zh.T(k)) {
					t.Errorf("Chinese shows %q; want %q", got, zh.T(k))
				}
			}
			e.a.setLanguage("en")
			e.a.show("training")
			if v.page != p.wantPage {
				t.Fatalf("after switching language the page is %d; want %d", v.page, p.wantPage)
			}
			got = shown(t, v)
			for _, k := range p.keys {
				if !contains(got, en.T(k)) {
					t.Errorf("English shows %q; want %q", got, en.T(k))
				}
			}
			for _, s := range got {
				if hasHan(s) {
					t.Errorf("English %s still shows Chinese: %q", p.name, s)
				}
			}
		})
	}
}

func mustDeck(t *testing.T) *training.Deck {
	t.Helper()
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestTrainingPagesFitTheSmallestWindow: every training page fits 800×600
// in both languages and with large text; long content scrolls.
func TestTrainingPagesFitTheSmallestWindow(t *testing.T) {
	pages := []struct {
		name string
		open func(t *testing.T, v *trainingView)
	}{
		{"cards", func(t *testing.T, v *trainingView) {}},
		{"card", func(t *testing.T, v *trainingView) { test.Tap(v.cards.study) }},
		{"quiz", func(t *testing.T, v *trainingView) { test.Tap(v.cards.study); test.Tap(v.cards.startQuiz) }},
		{"result", func(t *testing.T, v *trainingView) {
			takeQuiz(t, v, v.deck.Cards[1].ID, map[training.QuestionID]bool{"1": true, "2": true, "3": true})
		}},
		{"rehearsals", func(t *testing.T, v *trainingView) { v.tabs.SelectIndex(int(tabRehearsals)) }},
		{"table", func(t *testing.T, v *trainingView) { v.tabs.SelectIndex(int(tabTable)) }},
	}
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, large := range []bool{false, true} {
			e, v := trainingEnv(t, lang, Options{})
			e.a.setBool(prefLargeText, large)
			e.a.show("training")
			addStaff(t, v, "Amy")
			for _, p := range pages {
				t.Run(fmt.Sprintf("%s-%s-large=%v", p.name, lang, large), func(t *testing.T) {
					v.showList()
					p.open(t, v)
					if min := e.a.win.Content().MinSize(); min.Width > 800 || min.Height > 600 {
						t.Errorf("needs %v, more than 800×600", min)
					}
				})
			}
		}
	}
}

// TestTrainingMarkup keeps golden renderings of the training pages in both
// languages (testdata/training/*.xml; a mismatch writes testdata/failed/).
func TestTrainingMarkup(t *testing.T) {
	at := time.Date(2026, 11, 2, 15, 4, 0, 0, time.UTC)
	pages := []struct {
		name string
		open func(t *testing.T, v *trainingView)
	}{
		{"cards", func(t *testing.T, v *trainingView) {}},
		{"card", func(t *testing.T, v *trainingView) { test.Tap(v.cards.study) }},
		{"quiz", func(t *testing.T, v *trainingView) {
			test.Tap(v.cards.study)
			test.Tap(v.cards.startQuiz)
		}},
		{"result", func(t *testing.T, v *trainingView) {
			takeQuiz(t, v, v.deck.Cards[0].ID, map[training.QuestionID]bool{"2": true})
		}},
		{"rehearsals", func(t *testing.T, v *trainingView) { v.tabs.SelectIndex(int(tabRehearsals)) }},
		{"table", func(t *testing.T, v *trainingView) { v.tabs.SelectIndex(int(tabTable)) }},
	}
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, p := range pages {
			t.Run(p.name+"-"+lang, func(t *testing.T) {
				e, v := trainingEnv(t, lang, Options{})
				v.now = func() time.Time { return at }
				done := &training.Progress{Staff: "阿明", Cards: map[training.CardID]training.CardProgress{}}
				for _, c := range v.deck.Cards {
					done.Cards[c.ID] = training.CardProgress{Attempts: 1, BestScore: 100, LastScore: 100, PassedAt: at}
				}
				if err := e.db.PutStaff(journal.ProgressToStore(done)); err != nil {
					t.Fatal(err)
				}
				addStaff(t, v, "Lee")
				p.open(t, v)
				e.a.win.Resize(fyne.NewSize(1024, 700))
				test.AssertRendersToMarkup(t, "training/"+p.name+"-"+lang+".xml", e.a.win.Canvas())
			})
		}
	}
}
