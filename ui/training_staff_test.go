package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/google/go-cmp/cmp"

	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

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
			v.roster.name.SetText(tt.typed)
			test.Tap(v.roster.add)
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
			if v.staff == nil || v.staff.Staff != tt.wantStored || v.roster.choose.Selected != tt.wantStored {
				t.Errorf("training %v, selected %q; want %q", v.staff, v.roster.choose.Selected, tt.wantStored)
			}
		})
	}
}

func TestTrainingDeletesAStaffMember(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	addStaff(t, v, "阿明")
	if v.roster.remove == nil {
		t.Fatal("no Remove button for the staff member chosen")
	}
	v.roster.removeStaff("阿明")
	list, err := e.db.StaffList()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "小王" {
		t.Errorf("after removing 阿明 the store holds %+v; want only 小王", list)
	}
	if v.staff != nil || v.roster.remove != nil {
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
	if v.roster.name != nil || v.roster.choose != nil {
		t.Error("staff can be added without a history file")
	}
	test.Tap(v.cards.study)
	if v.page != pageCard || !v.cards.startQuiz.Disabled() {
		t.Errorf("without a history file: page %d, quiz disabled %v; want the card readable and no quiz", v.page, v.cards.startQuiz.Disabled())
	}
	if got := texts(t, v.tabs.Items[tabTable].Content); !contains(got, tr.T("trainingui.staff.nodb")) {
		t.Errorf("table shows %q; want the missing file explained", got)
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
	v2.roster.choose.SetSelected("小王")
	if v2.staff == nil {
		t.Fatal("picking 小王 after the restart chose nobody")
	}
	if got := v2.cards.state(passed); got != cardPassed {
		t.Errorf("card %s after restart: state %d; want passed", passed, got)
	}
	if got := v2.cards.state(missed); got != cardRetake {
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
	r0 := v.deck.Rehearsals[0]
	if err := all.RecordRehearsal(r0.Judge([]string{r0.Finding}, r0.Finding), at); err != nil {
		t.Fatal(err)
	}
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
