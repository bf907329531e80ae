package ui

import (
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"posdoctor/device"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
	"posdoctor/wizard/training"
)

// failLister fails the test when a rehearsal looks for real ports.
type failLister struct{ t *testing.T }

func (f failLister) Ports() ([]device.PortInfo, error) {
	f.t.Error("a rehearsal listed the real serial ports")
	return nil, errors.New("no")
}

func TestTrainingRehearsalOnTheSimulator(t *testing.T) {
	needSimulator(t)
	tests := []struct {
		name    string
		id      string
		finding string // overrides the rehearsal's expected finding when set
		other   bool   // the trainee names a cause other than the expected one
		study   bool   // leave the result by the card to study (else Back to training)
		wantOK  bool
	}{
		{"the expected cause is found and named", "not-signed-in", "", false, false, true},
		{"another cause is recorded as a miss", "not-signed-in", "net.host-unreachable", false, false, false},
		{"the cause reached but another named is a miss", "not-signed-in", "", true, false, false},
		{"after a miss the card to study opens", "not-signed-in", "", true, true, false},
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
			v.rehearsals.run(r)
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
				if c, ok := v.deck.Card(r.Card); ok && (v.rehearsals.study == nil || v.rehearsals.study.Text != tr.T("trainingui.rehearsal.study", "title", tr.T(c.TitleKey()))) {
					t.Errorf("the miss dialog shows %q; want a way to the card %s", got, c.ID)
				}
			}

			rec, err := e.db.Staff("小王")
			if err != nil {
				t.Fatal(err)
			}
			cp := journal.ProgressFromStore(rec).Rehearsal(r.ID)
			if cp.Attempts != 1 || cp.Passed() != tt.wantOK {
				t.Errorf("recorded %+v; want 1 run, passed %v", cp, tt.wantOK)
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
			// the rehearsals; after a miss, "Study the card" for the card.
			back := v.rehearsals.back
			if v.rehearsals.result == nil || back == nil || back.Text != tr.T("trainingui.rehearsal.back") {
				t.Fatal("no result dialog with a way back to training")
			}
			if tt.study {
				test.Tap(v.rehearsals.study)
				if e.a.wizard != nil || e.a.current != "training" || v.page != pageCard || v.cards.current().ID != r.Card {
					t.Fatalf("after Study the card: wizard %v, screen %q, page %d; want the Training screen on card %s",
						e.a.wizard != nil, e.a.current, v.page, r.Card)
				}
				v.showList()
				v.tabs.SelectIndex(int(tabRehearsals))
			} else {
				test.Tap(back)
			}
			if e.a.wizard != nil || e.a.current != "training" {
				t.Fatalf("after leaving the result: wizard %v, screen %q; want the Training screen", e.a.wizard != nil, e.a.current)
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
	needSimulator(t)
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
			v.rehearsals.run(r)
			s := e.walk(t, scripts[r.ID])
			if w := e.a.wizard; w == nil || w.answers[r.Finding] == nil {
				t.Errorf("rehearsal %s does not offer its cause %s to name", r.ID, r.Finding)
			}
			var found []string
			for _, f := range s.Summary().Findings {
				found = append(found, string(f))
			}
			if !r.Judge(found, r.Finding).Reached() {
				t.Errorf("rehearsal %s ended on %v; want %s", r.ID, found, r.Finding)
			}
		})
	}
}

func TestTrainingRehearsalWithoutSimulator(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	addStaff(t, v, "小王")
	v.startDemo = func(string) (*sim.World, error) { return nil, errors.New("no pseudo-terminal here") }
	v.tabs.SelectIndex(int(tabRehearsals))
	test.Tap(v.rehearsals.start[v.deck.Rehearsals[0].ID])
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
	for id, b := range v.rehearsals.start {
		if !b.Disabled() {
			t.Errorf("rehearsal %s can start with nobody chosen", id)
		}
	}
}

// needSimulator skips a test that talks to the simulated terminal and host
// in -short mode or where the simulator cannot start.
func needSimulator(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("talks to the simulated terminal and host")
	}
	d, err := sim.Start("healthy")
	if err != nil {
		t.Skipf("simulator not available here: %v", err)
	}
	d.Close()
}
