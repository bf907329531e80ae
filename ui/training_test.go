package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"posdoctor/device"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
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
	v := a.trainingState()
	v.tapClock = steppingClock(time.Second) // every tap comes well after the last
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
	v.nameEntry.SetText(name)
	test.Tap(v.addStaff)
	if v.staff == nil || v.staff.Staff != name {
		t.Fatalf("after adding %q the staff member training is %v", name, v.staff)
	}
}

// takeQuiz opens the card, starts its quiz and taps an answer for every
// question: the right one unless the question is in wrong.
func takeQuiz(t *testing.T, v *trainingView, id training.CardID, wrong map[training.QuestionID]bool) {
	t.Helper()
	v.openCard([]training.CardID{id}, 0)
	test.Tap(v.startQuiz)
	if v.page != pageQuiz {
		t.Fatalf("Start quiz showed page %d, want the quiz", v.page)
	}
	for v.page == pageQuiz {
		qid := v.quiz.order[v.quiz.pos]
		q, _ := v.quiz.card.Question(qid)
		choice := int(q.Correct)
		if wrong[qid] {
			choice = choice%q.Choices + 1
		}
		if len(v.answers) != q.Choices {
			t.Fatalf("question %s shows %d answers, want %d", qid, len(v.answers), q.Choices)
		}
		test.Tap(v.answers[choice-1])
		// Feedback before the next question: right or wrong, the right
		// answer, and the card's explanation. Issue 21.
		tr := v.a.tr
		got := shown(t, v)
		want := tr.T("trainingui.quiz.right")
		if wrong[qid] {
			want = tr.T("trainingui.quiz.wrongone", "answer", tr.T(v.quiz.card.AnswerKeys(q)[q.Correct-1]))
		}
		if !contains(got, want) || !contains(got, tr.T(v.quiz.card.WhyKey())) || v.nextQ == nil {
			t.Fatalf("after answering %s the quiz shows %q; want %q, the card's explanation and Next", qid, got, want)
		}
		test.Tap(v.nextQ)
	}
}

func shown(t *testing.T, v *trainingView) []string {
	t.Helper()
	return texts(t, v.root)
}

func TestCardIconsAreThemeIcons(t *testing.T) {
	test.NewTempApp(t)
	deck, err := loadDeck()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range deck.Cards {
		if _, ok := cardIcons[c.Icon]; !ok {
			t.Errorf("card %s: icon %q has no entry in cardIcons", c.ID, c.Icon)
		}
	}
	for name, icon := range cardIcons {
		t.Run(name, func(t *testing.T) {
			if !training.IsIcon(name) {
				t.Errorf("training.IsIcon(%q) = false; a card cannot name it", name)
			}
			got, want := icon(), theme.Icon(fyne.ThemeIconName(name))
			if got == nil || want == nil || got.Name() != want.Name() {
				t.Errorf("cardIcons[%q]() = %v; want the theme's %q icon %v", name, got, name, want)
			}
		})
	}
}

func TestTrainingFlipsCards(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	tr := e.a.tr
	order := training.Order(v.deck, nil)
	title := func(id training.CardID) string {
		c, _ := v.deck.Card(id)
		return tr.T(c.TitleKey())
	}
	test.Tap(v.study)
	steps := []struct {
		name   string
		tap    func() fyne.Tappable
		wantAt int
	}{
		{"start shows the first card", nil, 0},
		{"next", func() fyne.Tappable { return v.next }, 1},
		{"next again", func() fyne.Tappable { return v.next }, 2},
		{"previous", func() fyne.Tappable { return v.prev }, 1},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.tap != nil {
				test.Tap(st.tap())
			}
			if v.page != pageCard || v.pos != st.wantAt {
				t.Fatalf("page %d at %d; want the card page at %d", v.page, v.pos, st.wantAt)
			}
			got := shown(t, v)
			c, _ := v.deck.Card(order[st.wantAt])
			for _, want := range []string{title(order[st.wantAt]), tr.T(training.KeyWhy), tr.T(training.KeySteps),
				tr.T(training.KeyMistakes), "1. " + tr.T(c.StepKeys()[0]), "✖ " + tr.T(c.MistakeKeys()[0]),
				tr.T("trainingui.card.position", "n", st.wantAt+1, "total", len(order))} {
				if !contains(got, want) {
					t.Errorf("card shows %q; want %q among them", got, want)
				}
			}
		})
	}
	t.Run("no quiz without a staff member", func(t *testing.T) {
		if !v.startQuiz.Disabled() {
			t.Error("Start quiz is enabled with nobody chosen")
		}
		if got := shown(t, v); !contains(got, tr.T("trainingui.quiz.needstaff")) {
			t.Errorf("card shows %q; want the hint to choose a staff member", got)
		}
	})
	t.Run("ends of the deck", func(t *testing.T) {
		test.Tap(v.toList)
		test.Tap(v.cards[order[len(order)-1]])
		if v.pos != len(order)-1 || !v.next.Disabled() || v.prev.Disabled() {
			t.Errorf("last card: pos %d, next disabled %v, prev disabled %v; want %d, true, false",
				v.pos, v.next.Disabled(), v.prev.Disabled(), len(order)-1)
		}
		test.Tap(v.toList)
		test.Tap(v.study)
		if v.pos != 0 || !v.prev.Disabled() {
			t.Errorf("first card: pos %d, prev disabled %v; want 0, true", v.pos, v.prev.Disabled())
		}
	})
	t.Run("back to the list", func(t *testing.T) {
		test.Tap(v.toList)
		if v.page != pageTabs {
			t.Errorf("page = %d after All cards; want the list", v.page)
		}
	})
}

func TestTrainingStaffNames(t *testing.T) {
	tests := []struct {
		name, typed string
		wantOK      bool
		wantStored  string
	}{
		{"a first name", "小王", true, "小王"},
		{"spaces around are dropped", "  Amy ", true, "Amy"},
		{"blank", "   ", false, ""},
		{"too long", strings.Repeat("长", training.MaxStaffName+1), false, ""},
		{"control character", "a\tb", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, v := trainingEnv(t, "zh-Hans", Options{})
			v.nameEntry.SetText(tt.typed)
			test.Tap(v.addStaff)
			list, err := e.db.StaffList()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, s := range list {
				names = append(names, s.Name)
			}
			invalid := e.a.tr.T(training.KeyStaffInvalid, "max", training.MaxStaffName)
			if !tt.wantOK {
				if len(names) != 0 || v.staff != nil {
					t.Errorf("stored %q, training %v; want nothing", names, v.staff)
				}
				if got := shown(t, v); !contains(got, invalid) {
					t.Errorf("screen shows %q; want %q", got, invalid)
				}
				return
			}
			if diff := cmp.Diff([]string{tt.wantStored}, names); diff != "" {
				t.Errorf("stored names (-want +got):\n%s", diff)
			}
			if v.staff == nil || v.staff.Staff != tt.wantStored || v.staffSel.Selected != tt.wantStored {
				t.Errorf("training %v, selected %q; want %q", v.staff, v.staffSel.Selected, tt.wantStored)
			}
		})
	}
}

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
			if v.page != pageResult {
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
				test.Tap(v.retry)
				if v.quiz.order[0] != wantWrong[0] {
					t.Errorf("retry asks %v; want the missed question %s first", v.quiz.order, wantWrong[0])
				}
				test.Tap(v.stopQuiz)
				test.Tap(v.toList)
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
	v.tapClock = func() time.Time { return now }
	v.openCard([]training.CardID{v.deck.Cards[0].ID}, 0)
	test.Tap(v.startQuiz)
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
				test.Tap(v.nextQ)
			} else {
				test.Tap(v.answers[0])
			}
			if v.quiz.pos != tt.wantPos || (v.quiz.fb != nil) != tt.wantFeed {
				t.Errorf("after the tap the quiz is at question %d, feedback %v; want %d, %v", v.quiz.pos, v.quiz.fb != nil, tt.wantPos, tt.wantFeed)
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
	v.openCard([]training.CardID{v.deck.Cards[0].ID}, 0)
	test.Tap(v.startQuiz)
	c := e.a.win.Canvas()
	q, _ := v.quiz.card.Question(v.quiz.order[0])
	typeOnWindow(c, string(optionKey(int(q.Correct)-1)))
	if v.quiz.fb == nil || !v.quiz.fb.Correct {
		t.Fatalf("typing the right answer's number gave feedback %+v; want right", v.quiz.fb)
	}
	typeOnWindow(c, "1") // keys do nothing while the feedback is shown
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.quiz.pos != 1 || v.quiz.fb != nil {
		t.Errorf("Enter after the feedback: question %d, feedback %v; want question 2 unanswered", v.quiz.pos+1, v.quiz.fb != nil)
	}
	v.quiz, v.page = nil, pageTabs
	v.refresh()
	if v.nameEntry == nil {
		t.Fatal("no staff name field")
	}
	c.Focus(v.nameEntry)
	typeOnWindow(c, "12")
	if v.nameEntry.Text != "12" {
		t.Errorf("name field = %q; want the typed 12", v.nameEntry.Text)
	}
}

func TestTrainingDeletesAStaffMember(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	addStaff(t, v, "阿明")
	if v.delStaff == nil {
		t.Fatal("no Remove button for the staff member chosen")
	}
	v.deleteStaff("阿明")
	list, err := e.db.StaffList()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "小王" {
		t.Errorf("after removing 阿明 the store holds %+v; want only 小王", list)
	}
	if v.staff != nil || v.delStaff != nil {
		t.Errorf("after removing, training %v; want nobody chosen", v.staff)
	}
	if got := e.a.fyne.Preferences().String(prefTrainingStaff); got != "" {
		t.Errorf("remembered staff = %q; want none", got)
	}
}

func TestTrainingWithoutHistoryFile(t *testing.T) {
	e, v := trainingAt(t, nil, "zh-Hans", Options{DBErr: store.ErrInUse})
	tr := e.a.tr
	got := shown(t, v)
	want := e.a.errorMessage(store.ErrInUse) + " " + tr.T("trainingui.staff.nodb")
	if !contains(got, want) {
		t.Errorf("screen shows %q; want %q", got, want)
	}
	if v.nameEntry != nil || v.staffSel != nil {
		t.Error("staff can be added without a history file")
	}
	test.Tap(v.study)
	if v.page != pageCard || !v.startQuiz.Disabled() {
		t.Errorf("without a history file: page %d, quiz disabled %v; want the card readable and no quiz", v.page, v.startQuiz.Disabled())
	}
	if got := texts(t, v.tabs.Items[tabTable].Content); !contains(got, tr.T("trainingui.staff.nodb")) {
		t.Errorf("table shows %q; want the missing file explained", got)
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

func TestTrainingProgressSurvivesRestart(t *testing.T) {
	path := filepath.Join(dataDir(t), "history.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, v := trainingAt(t, db, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	passed, missed := v.deck.Cards[0].ID, v.deck.Cards[5].ID
	takeQuiz(t, v, passed, nil)
	takeQuiz(t, v, missed, map[training.QuestionID]bool{"1": true})
	e.a.Close()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	_, v2 := trainingAt(t, db2, "zh-Hans", Options{})
	if v2.staff != nil {
		t.Fatalf("a new app already trains %v", v2.staff)
	}
	v2.staffSel.SetSelected("小王")
	if v2.staff == nil {
		t.Fatal("picking 小王 after the restart chose nobody")
	}
	if got := v2.cardState(passed); got != cardPassed {
		t.Errorf("card %s after restart: state %d; want passed", passed, got)
	}
	if got := v2.cardState(missed); got != cardRetake {
		t.Errorf("card %s after restart: state %d; want retake", missed, got)
	}
	if got := training.Order(v2.deck, v2.staff)[0]; got != missed {
		t.Errorf("study order after restart starts with %s; want the missed card %s", got, missed)
	}
}

func TestTrainingOwnersTable(t *testing.T) {
	e, v := trainingEnv(t, "en", Options{})
	tr := e.a.tr
	at := time.Date(2026, 5, 6, 9, 0, 0, 0, time.UTC)
	all := &training.Progress{Staff: "Amy", Cards: map[training.CardID]training.CardProgress{}}
	for _, c := range v.deck.Cards {
		all.Cards[c.ID] = training.CardProgress{Attempts: 1, BestScore: 100, LastScore: 100, PassedAt: at}
	}
	all.Cards[rehearsalCard(v.deck.Rehearsals[0].ID)] = training.CardProgress{Attempts: 1, BestScore: 100, LastScore: 100, PassedAt: at}
	some := &training.Progress{Staff: "Bo", Cards: map[training.CardID]training.CardProgress{
		v.deck.Cards[0].ID: {Attempts: 2, BestScore: 100, LastScore: 100, PassedAt: at},
		v.deck.Cards[1].ID: {Attempts: 1, BestScore: 33, LastScore: 33, LastWrong: []training.QuestionID{"1", "2"}},
	}}
	for _, p := range []*training.Progress{some, all} {
		if err := e.db.PutStaff(journal.ProgressToStore(p)); err != nil {
			t.Fatal(err)
		}
	}
	v.tabs.SelectIndex(int(tabTable))
	got := texts(t, v.tabs.Items[tabTable].Content)
	n := len(v.deck.Cards)
	c1, _ := v.deck.Card(v.deck.Cards[1].ID)
	want := []string{
		tr.T(training.KeyTableStaff), tr.T(training.KeyTablePassed), tr.T(training.KeyTableAttempts),
		tr.T(training.KeyTableRetake), tr.T("trainingui.table.rehearsals"), tr.T(training.KeyTableStatus),
		"Amy", fmt.Sprintf("%d/%d (100%%)", n, n), fmt.Sprint(n), "-", fmt.Sprintf("1/%d", len(v.deck.Rehearsals)),
		tr.T(training.KeyCertified, "date", at.Local().Format(time.DateOnly)),
		"Bo", fmt.Sprintf("1/%d (%d%%)", n, 100/n), "3", tr.T(c1.TitleKey()), fmt.Sprintf("0/%d", len(v.deck.Rehearsals)),
		tr.T(training.KeyNotCertified, "passed", 1, "total", n),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("owner's table (-want +got):\n%s", diff)
	}
}

func TestTrainingTableEmpty(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	if got, want := texts(t, v.tabs.Items[tabTable].Content), e.a.tr.T("trainingui.table.empty"); !contains(got, want) {
		t.Errorf("table shows %q; want %q", got, want)
	}
}

// failLister fails the test when a rehearsal looks for real ports.
type failLister struct{ t *testing.T }

func (f failLister) Ports() ([]device.PortInfo, error) {
	f.t.Error("a rehearsal listed the real serial ports")
	return nil, errors.New("no")
}

func TestTrainingRehearsalOnTheSimulator(t *testing.T) {
	if testing.Short() {
		t.Skip("talks to the simulated terminal and host")
	}
	if d, err := sim.Start("healthy"); err != nil {
		t.Skipf("simulator not available here: %v", err)
	} else {
		d.Close()
	}
	tests := []struct {
		name    string
		id      string
		finding string // overrides the rehearsal's expected finding when set
		other   bool   // the trainee names a cause other than the expected one
		wantOK  bool
	}{
		{"the expected cause is found and named", "not-signed-in", "", false, true},
		{"another cause is recorded as a miss", "not-signed-in", "net.host-unreachable", false, false},
		{"the cause reached but another named is a miss", "not-signed-in", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var ports, demos []string
			opts := Options{CheckTimeout: 2 * time.Second, tuneChecks: func(c *checks.Config) {
				c.Lister = failLister{t}
				mu.Lock()
				ports = append(ports, c.Port)
				mu.Unlock()
			}}
			e, v := trainingEnv(t, "zh-Hans", opts)
			tr := e.a.tr
			v.startDemo = func(spec string) (*sim.World, error) {
				d, err := sim.Start(spec)
				if err == nil {
					demos = append(demos, d.Port())
				}
				return d, err
			}
			addStaff(t, v, "小王")
			var r training.Rehearsal
			for _, x := range v.deck.Rehearsals {
				if x.ID == tt.id {
					r = x
				}
			}
			if tt.finding != "" {
				r.Finding = tt.finding
			}
			v.startRehearsal(r)
			w := e.a.wizard
			if w == nil || !w.training {
				t.Fatalf("the rehearsal opened %+v; want the wizard in training mode", w)
			}
			if got := texts(t, e.a.win.Content()); !contains(got, tr.T(training.KeyBanner)) {
				t.Errorf("the rehearsal shows %q; want the training banner", got)
			}
			start := time.Now()
			s := e.walk(t, nil)
			t.Logf("rehearsal %s: findings %v in %v", r.ID, s.Summary().Findings, time.Since(start))
			e.q.drain()
			// Before any result the trainee names the cause. Issue 21.
			w = e.a.wizard
			if w == nil || w.onCause == nil || len(w.causes) < 2 {
				t.Fatalf("the rehearsal ended without asking for the cause among several (%v)", w)
			}
			if got := texts(t, e.a.win.Content()); contains(got, tr.T("wizard.verdict."+s.Summary().Outcome)) {
				t.Errorf("the verdict %q shows before the trainee names the cause", tr.T("wizard.verdict."+s.Summary().Outcome))
			}
			named := r.Finding
			for _, c := range w.causes {
				if tt.other && c != r.Finding {
					named = c
				}
			}
			if w.answers[named] == nil {
				t.Fatalf("no button for cause %s among %v", named, w.causes)
			}
			test.Tap(w.answers[named])
			e.q.drain()
			if !tt.wantOK {
				got := texts(t, e.a.win.Canvas().Overlays().Top())
				if want := tr.T("trainingui.rehearsal.right", "cause", e.a.findingTitle(r.Finding)); !contains(got, want) {
					t.Errorf("the miss dialog shows %q; want %q", got, want)
				}
				if c, ok := v.deck.Card(r.Card); ok && !contains(got, tr.T("trainingui.rehearsal.study", "title", tr.T(c.TitleKey()))) {
					t.Errorf("the miss dialog shows %q; want a way to the card %s", got, c.ID)
				}
			}

			rec, err := e.db.Staff("小王")
			if err != nil {
				t.Fatal(err)
			}
			cp := rec.Cards[string(rehearsalCard(r.ID))]
			if cp.Attempts != 1 || cp.Passed.IsZero() != !tt.wantOK {
				t.Errorf("recorded %+v; want 1 attempt, passed %v", cp, tt.wantOK)
			}
			page, err := e.db.Sessions(store.Query{})
			if err != nil {
				t.Fatal(err)
			}
			open, _ := e.db.Unfinished()
			if len(page.Sessions) != 0 || len(open) != 0 {
				t.Errorf("history holds %d sessions and %d unfinished; a rehearsal must write none", len(page.Sessions), len(open))
			}
			mu.Lock()
			if len(demos) != 1 || len(ports) != 1 || ports[0] != demos[0] {
				t.Errorf("the checks used ports %q; want only the simulator's %q", ports, demos)
			}
			mu.Unlock()

			// The result dialog's "Back to training" leaves the wizard for
			// the rehearsals.
			back := findButton(t, e.a.win.Canvas().Overlays().Top(), tr.T("trainingui.rehearsal.back"))
			if back == nil {
				t.Fatal("no result dialog with a way back to training")
			}
			test.Tap(back)
			if e.a.wizard != nil || e.a.current != "training" {
				t.Fatalf("after Back to training: wizard %v, screen %q; want the Training screen", e.a.wizard != nil, e.a.current)
			}
			// Leaving stops the simulator: its pseudo-terminal goes away.
			e.q.until(t, "the simulator stopped", 5*time.Second, func() bool {
				_, err := os.Stat(demos[0])
				return err != nil
			})
			result, badge := tr.T(training.KeyRehearsalMiss), tr.T("trainingui.rehearsal.missed")
			if tt.wantOK {
				result, badge = tr.T(training.KeyRehearsalOK), tr.T("trainingui.rehearsal.done")
			}
			want := tr.T("trainingui.rehearsal.outcome", "title", tr.T(r.TitleKey()), "result", result)
			if v.tab != tabRehearsals {
				t.Errorf("back in training the tab is %d; want the rehearsals", v.tab)
			}
			got := texts(t, v.tabs.Items[tabRehearsals].Content)
			if !contains(got, want) {
				t.Errorf("rehearsals show %q; want %q", got, want)
			}
			if texts := canvasTexts(t, v.tabs.Items[tabRehearsals].Content); !contains(texts, badge) {
				t.Errorf("rehearsal badges %q; want %q", texts, badge)
			}
		})
	}
}

// TestEveryRehearsalCanBeWon walks every rehearsal of the content through
// the GUI against the simulator, answering the questions as a well-trained
// staff member would, and expects its finding: a rehearsal nobody can win
// would only teach frustration.
func TestEveryRehearsalCanBeWon(t *testing.T) {
	if testing.Short() {
		t.Skip("talks to the simulated terminal and host")
	}
	if d, err := sim.Start("healthy"); err != nil {
		t.Skipf("simulator not available here: %v", err)
	} else {
		d.Close()
	}
	// The answers the staff member must choose; any other step takes the
	// first choice.
	scripts := map[string]map[wizard.StepID]string{
		"void-after-cutoff": {"m.screen": "invalid", "m.txn": "void", "m.void": "settled"},
		"network-down":      {"m.sale.approved": "earlier", "m.screen": "comms"},
	}
	for _, r := range mustDeck(t).Rehearsals {
		t.Run(r.ID, func(t *testing.T) {
			e, v := trainingEnv(t, "zh-Hans", Options{CheckTimeout: 2 * time.Second}) // the rehearsal's own network
			addStaff(t, v, "小王")
			v.startRehearsal(r)
			s := e.walk(t, scripts[r.ID])
			if w := e.a.wizard; w == nil || w.answers[r.Finding] == nil {
				t.Errorf("rehearsal %s does not offer its cause %s to name", r.ID, r.Finding)
			}
			var found []string
			for _, f := range s.Summary().Findings {
				found = append(found, string(f))
			}
			if !r.Reached(found) {
				t.Errorf("rehearsal %s ended on %v; want %s", r.ID, found, r.Finding)
			}
		})
	}
}

// findButton returns the button labelled text under o, or nil.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	if o == nil {
		return nil
	}
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var children []fyne.CanvasObject
	switch w := o.(type) {
	case *fyne.Container:
		children = w.Objects
	case fyne.Widget:
		children = test.TempWidgetRenderer(t, w).Objects()
	}
	for _, c := range children {
		if b := findButton(t, c, text); b != nil {
			return b
		}
	}
	return nil
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

func TestTrainingRehearsalWithoutSimulator(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	v.startDemo = func(string) (*sim.World, error) { return nil, errors.New("no pseudo-terminal here") }
	v.tabs.SelectIndex(int(tabRehearsals))
	test.Tap(v.rehearse[v.deck.Rehearsals[0].ID])
	if e.a.wizard != nil {
		t.Fatal("a rehearsal opened the wizard without a simulator")
	}
	if got, want := texts(t, v.tabs.Items[tabRehearsals].Content), e.a.tr.T("trainingui.rehearsal.nosim"); !contains(got, want) {
		t.Errorf("rehearsals show %q; want %q", got, want)
	}
	rec, _ := e.db.Staff("小王")
	if len(rec.Cards) != 0 {
		t.Errorf("recorded %v for a rehearsal that never ran", rec.Cards)
	}
}

func TestTrainingRehearsalsNeedAStaffMember(t *testing.T) {
	_, v := trainingEnv(t, "zh-Hans", Options{})
	for id, b := range v.rehearse {
		if !b.Disabled() {
			t.Errorf("rehearsal %s can start with nobody chosen", id)
		}
	}
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
		{"card", func(v *trainingView) { test.Tap(v.study); test.Tap(v.next); test.Tap(v.next) }, pageCard,
			[]string{training.KeyBanner, card.TitleKey(), card.WhyKey(), training.KeyStartQuiz}},
		{"quiz", func(v *trainingView) { test.Tap(v.study); test.Tap(v.next); test.Tap(v.next); test.Tap(v.startQuiz) }, pageQuiz,
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
	d, err := loadDeck()
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
		{"card", func(t *testing.T, v *trainingView) { test.Tap(v.study) }},
		{"quiz", func(t *testing.T, v *trainingView) { test.Tap(v.study); test.Tap(v.startQuiz) }},
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
		{"card", func(t *testing.T, v *trainingView) { test.Tap(v.study) }},
		{"quiz", func(t *testing.T, v *trainingView) {
			test.Tap(v.study)
			test.Tap(v.startQuiz)
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
