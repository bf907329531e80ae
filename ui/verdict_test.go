package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"posdoctor/wizard"
)

// fakeChecks passes every check the flows use; the last transaction is
// not readable.
func fakeChecks() *wizard.Registry {
	reg := wizard.NewRegistry()
	for _, f := range wizard.Flows() {
		for _, st := range f.Steps {
			for _, id := range st.Checks {
				reg.Register(id, func(context.Context) (wizard.Result, error) {
					if id == wizard.CheckTerminalLastTxn {
						return wizard.Result{Outcome: wizard.Skipped, Summary: "check.terminal.none"}, nil
					}
					return wizard.Result{Outcome: wizard.Pass, Summary: "check.terminal.status.pass"}, nil
				})
			}
		}
	}
	return reg
}

func shownText(t *testing.T, e *env) string {
	return strings.Join(texts(t, e.a.win.Content()), "\n")
}

// TestEndScreenHoldsMoneyAndSaysHowSure: a comms failure leaves the sale
// unknown, so a card verdict leads with "do not charge again yet", says
// it is the most likely cause with what would confirm it, lists what was
// checked, and quotes nothing it does not know.
func TestEndScreenHoldsMoneyAndSaysHowSure(t *testing.T) {
	e := newEnv(t, Options{SystemLocales: []string{"en"}})
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.a.openWizard(s, fakeChecks(), nil, nil, false)
	got := e.walk(t, map[wizard.StepID]string{"m.screen": "comms", "m.every": "one-card", "m.card": "funds"})
	if f := got.Findings()[0]; f.ID != "card.insufficient" || f.Grade != wizard.GradeInferred || f.Hold == "" {
		t.Fatalf("finding %s grade %s hold %q; want card.insufficient, inferred, held", f.ID, f.Grade, f.Hold)
	}
	shown := shownText(t, e)
	tr := e.a.tr
	for _, want := range []string{tr.T("verdict.hold.pending"), tr.T("verdict.grade.inferred"), tr.T("verdict.confirm.title"),
		tr.T("verdict.checked"), tr.T(wizard.CheckTerminalLastTxn.TitleKey()) + " " + tr.T(wizard.Skipped.Key())} {
		if !strings.Contains(shown, want) {
			t.Errorf("end screen lacks %q:\n%s", want, shown)
		}
	}
}

// TestScreenSearchJumps: typing what the terminal's screen said ("MAC")
// goes straight to the keys finding, reported by the terminal.
func TestScreenSearchJumps(t *testing.T) {
	e := newEnv(t, Options{SystemLocales: []string{"en"}})
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := e.a.openWizard(s, fakeChecks(), nil, nil, false)
	e.q.until(t, "the screen question", 10*time.Second, func() bool { return v.sess.Current().ID == "m.screen" || (v.finished() && tapNext(v)) })
	if v.search == nil {
		t.Fatal("no search box at the screen question")
	}
	test.Type(v.search, "MAC")
	v.search.OnSubmitted(v.search.Text)
	e.q.drain()
	f := v.sess.Findings()
	if len(f) == 0 || f[0].ID != "sw.keys" || f[0].Grade != wizard.GradeReported {
		t.Fatalf("after typing MAC: findings %v; want sw.keys, reported", f)
	}
	if shown := shownText(t, e); !strings.Contains(shown, e.a.tr.T("verdict.lakala.title")) {
		t.Errorf("keys finding does not say what to quote to Lakala:\n%s", shown)
	}
}

// tapNext continues a finished check step; it reports false so the wait
// goes on.
func tapNext(v *wizardView) bool {
	if v.next != nil && v.sess.Current().Kind == wizard.KindCheck {
		test.Tap(v.next)
	}
	return false
}

// TestLakalaNumberFromSettings: a shop served by an agent sets its own
// support number, which the end screen then quotes without the
// "not verified" note.
func TestLakalaNumberFromSettings(t *testing.T) {
	e := newEnv(t, Options{SystemLocales: []string{"en"}})
	e.a.fyne.Preferences().SetString(prefLakalaPhone, "400-000-0000")
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := e.a.openWizard(s, fakeChecks(), nil, nil, false)
	e.q.until(t, "the screen question", 10*time.Second, func() bool { return v.sess.Current().ID == "m.screen" || (v.finished() && tapNext(v)) })
	if err := v.sess.Input("x"); err == nil {
		t.Fatal("typed input accepted at a choice question")
	}
	test.Type(v.search, "96")
	v.search.OnSubmitted(v.search.Text)
	e.q.drain()
	shown := shownText(t, e)
	if !strings.Contains(shown, e.a.tr.T("verdict.lakala.phone", "phone", "400-000-0000")) || strings.Contains(shown, e.a.tr.T("verdict.lakala.unverified")) {
		t.Errorf("end screen does not quote the shop's own number as set:\n%s", shown)
	}
	if !strings.Contains(shown, e.a.tr.T("verdict.note.cutover")) {
		t.Errorf("a 96 outage does not mention the cut-over:\n%s", shown)
	}
}

// TestEndScreenSaysWhoseProblemOnce: the sentence naming the layer ("…不是您
// 的机器问题") stands once above the findings, not again on the card.
func TestEndScreenSaysWhoseProblemOnce(t *testing.T) {
	e := newEnv(t, Options{})
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.a.openWizard(s, fakeChecks(), nil, nil, false)
	got := e.walk(t, map[wizard.StepID]string{"m.screen": "comms", "m.every": "one-card", "m.card": "funds"})
	layer := got.Findings()[0].Layer
	if layer == wizard.LayerNone {
		t.Fatal("the finding names no layer")
	}
	sentence := e.a.tr.T(layer.Key())
	if n := strings.Count(shownText(t, e), sentence); n != 1 {
		t.Errorf("%q shown %d times; want once", sentence, n)
	}
}
