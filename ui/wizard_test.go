package ui

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"posdoctor/store"
	"posdoctor/wizard"
)

func TestWizardAgainstTheSimulator(t *testing.T) {
	if testing.Short() {
		t.Skip("talks to the simulated terminal and host")
	}
	tests := []struct {
		name, sim   string
		script      map[wizard.StepID]string
		wantFinding wizard.FindingID
		wantLayer   wizard.Layer
	}{
		{"healthy terminal, void after the cut-off", "healthy",
			map[wizard.StepID]string{"m.sale.approved": "earlier", "m.screen": "invalid", "m.txn": "void", "m.void": "settled"}, "op.void-after-cutoff", wizard.LayerOperator},
		{"not signed in", "not-signed-in", nil, "sw.not-signed-in", wizard.LayerTerminalSW},
		{"code 55", "code=55", nil, "op.pin-wrong", wizard.LayerOperator},
		{"host down", "host-refuse", map[wizard.StepID]string{"m.sale.approved": "earlier", "m.screen": "comms"}, "net.host-unreachable", wizard.LayerAcquirerHost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := simEnv(t, tt.sim)
			e.a.startWizard(wizard.MainFlow.ID)
			s := e.walk(t, tt.script)
			found := s.Findings()
			if len(found) == 0 {
				t.Fatal("no finding")
			}
			t.Logf("%s: findings %v, layer %s", tt.sim, s.Summary().Findings, s.Summary().Layer)
			if tt.wantFinding != "" && found[0].ID != tt.wantFinding {
				t.Errorf("first finding = %s, want %s", found[0].ID, tt.wantFinding)
			}
			if tt.wantLayer != "" && found[0].Layer != tt.wantLayer {
				t.Errorf("layer = %s, want %s", found[0].Layer, tt.wantLayer)
			}
			// The history has it, finished, with the same findings.
			var lastState string
			defer func() {
				if t.Failed() {
					t.Log(lastState)
				}
			}()
			e.q.until(t, "the session saved as finished", 5*time.Second, func() bool {
				open, _ := e.db.Unfinished()
				page, _ := e.db.Sessions(store.Query{})
				lastState = fmt.Sprintf("open %v, saved %v", open, page.Sessions)
				return len(open) == 0 && len(page.Sessions) == 1
			})
			page, _ := e.db.Sessions(store.Query{})
			if got := page.Sessions[0]; got.Flow != "main" || len(got.Findings) == 0 || got.Findings[0] != string(found[0].ID) {
				t.Errorf("history record = %+v, want flow main and first finding %s", got, found[0].ID)
			}
			// The terminal and its status were recorded for Home.
			if ts, _ := e.db.Terminals(); len(ts) == 0 {
				t.Error("the terminal's status was not recorded")
			} else if note := e.a.terminalNote(""); note == "" {
				t.Error("Home has nothing to say about the terminal after a status read")
			}
			test.Tap(e.a.wizard.leave)
			if e.a.wizard != nil {
				t.Fatal("leaving did not return to the navigation")
			}
			e.a.show("history")
			got := texts(t, e.a.tabs.Selected().Content)
			if !containsPrefix(got, page.Sessions[0].Started.Local().Format("2006-01-02 15:04")) {
				t.Errorf("History shows %q, want the session", got)
			}
			e.a.show("home")
			noKeys(t, append(got, texts(t, e.a.tabs.Selected().Content)...))
		})
	}
}

func containsPrefix(list []string, p string) bool {
	for _, s := range list {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}

// TestTapWhileACheckHangs proves the window stays responsive: a check that
// never returns does not stop the owner from leaving the session.
func TestTapWhileACheckHangs(t *testing.T) {
	e := newEnv(t, Options{CheckTimeout: time.Minute})
	release := make(chan struct{})
	started := make(chan struct{}, 16)
	reg := wizard.NewRegistry()
	for _, id := range []wizard.CheckID{wizard.CheckTerminalFound, wizard.CheckTerminalPort} {
		reg.Register(id, func(ctx context.Context) (wizard.Result, error) {
			started <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
			}
			return wizard.Result{Outcome: wizard.Pass, Summary: "x"}, nil
		})
	}
	defer close(release)
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := e.a.openWizard(s, reg, nil, nil, false)
	<-started
	if v.finished() {
		t.Fatal("checks finished although they hang")
	}
	test.Tap(v.leave)
	if e.a.wizard != nil {
		t.Fatal("the tap on Leave was not handled while a check was in flight")
	}
	if e.a.win.Content() != e.a.tabs {
		t.Error("the navigation is not back on screen")
	}
}

func TestCheckBadgesMoveFromRunningToOutcome(t *testing.T) {
	e := newEnv(t, Options{CheckTimeout: time.Minute})
	gate := make(chan struct{})
	reg := wizard.NewRegistry()
	reg.Register(wizard.CheckTerminalFound, func(ctx context.Context) (wizard.Result, error) {
		return wizard.Result{Outcome: wizard.Fail, Summary: "check.error"}, nil
	})
	reg.Register(wizard.CheckTerminalPort, func(ctx context.Context) (wizard.Result, error) {
		<-gate
		return wizard.Result{Outcome: wizard.Pass, Summary: "check.error"}, nil
	})
	s, _ := wizard.Start(wizard.MainFlow, nil)
	v := e.a.openWizard(s, reg, nil, nil, false)
	e.q.until(t, "the first result", 5*time.Second, func() bool { return v.states[wizard.CheckTerminalFound] == stateDone })
	if got := v.states[wizard.CheckTerminalPort]; got != stateRunning {
		t.Fatalf("port check state = %v, want running", got)
	}
	if v.next != nil && v.sess.Current().Kind == wizard.KindCheck {
		t.Error("Continue offered while a check still runs")
	}
	close(gate)
	e.q.until(t, "both results", 5*time.Second, v.finished)
	if v.next == nil {
		t.Fatal("a failed check shows no Continue button")
	}
	if got := v.results[wizard.CheckTerminalFound].Outcome; got != wizard.Fail {
		t.Errorf("found = %v, want fail", got)
	}
	test.Tap(v.next)
	if len(v.sess.Trail()) != 1 {
		t.Errorf("Continue did not submit the results: trail %v", v.sess.Trail())
	}
}

// keyLike matches a translation key shown instead of its words.
var keyLike = regexp.MustCompile(`\b[a-z]+\.[a-z0-9-]+\.[a-z0-9.-]*[a-z]\b`)

// noKeys fails on any text that shows a raw translation key.
func noKeys(t *testing.T, shown []string) {
	t.Helper()
	for _, s := range shown {
		if k := keyLike.FindString(s); k != "" {
			t.Errorf("screen shows the key %q in %q", k, s)
		}
	}
}
