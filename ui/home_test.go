package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"posdoctor/device"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

// TestSignInByCalendarDay: "last sign-in" counts midnights, not 24-hour
// periods: 20:00 yesterday read at 09:00 is yesterday. Issue 21.
func TestSignInByCalendarDay(t *testing.T) {
	e := newEnv(t, Options{})
	e.a.setLanguage("en")
	zone := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, zone)
	for _, tt := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"earlier today", time.Date(2026, 12, 2, 0, 5, 0, 0, zone), "Signed in today at 00:05"},
		{"20:00 yesterday", time.Date(2026, 12, 1, 20, 0, 0, 0, zone), "Signed in yesterday at 20:00; not signed in today"},
		{"23:59 three days before", time.Date(2026, 11, 29, 23, 59, 0, 0, zone), "Last sign-in 3 days ago; not signed in today"},
		{"yesterday in UTC, today in China", time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC), "Signed in today at 01:00"},
		{"across a month end", time.Date(2026, 11, 30, 12, 0, 0, 0, zone), "Last sign-in 2 days ago; not signed in today"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.a.signInText(tt.at, now); got != tt.want {
				t.Errorf("signInText(%v, %v) = %q; want %q", tt.at, now, got, tt.want)
			}
		})
	}
}

// TestHomeNoteFollowsAStatusRead: a status read during a session updates
// Home's note at once, not after a restart. Issue 21.
func TestHomeNoteFollowsAStatusRead(t *testing.T) {
	e := newEnv(t, Options{})
	e.a.setLanguage("en")
	if n := e.a.terminal.noteText(); n != "" {
		t.Fatalf("note before any status = %q; want none", n)
	}
	now := time.Now()
	e.a.recordStatus(device.Status{Serial: "N8-0001", Model: "A8", LastSignIn: now}, now)
	e.q.drain()
	want := e.a.signInText(now, time.Now())
	if n := e.a.terminal.noteText(); !strings.Contains(n, want) {
		t.Errorf("note after a status read = %q; want %q", n, want)
	}
}

// TestHistoryFiltersSelfTests: the History screen can show only the
// shift-start self-tests. Issue 21.
func TestHistoryFiltersSelfTests(t *testing.T) {
	e := newEnv(t, Options{})
	for i, f := range []*wizard.Flow{wizard.MainFlow, wizard.SelfTestFlow, wizard.MainFlow} {
		at := time.Now().Add(time.Duration(i-10) * time.Minute)
		s, err := wizard.Start(f, func() time.Time { return at })
		if err != nil {
			t.Fatal(err)
		}
		doc, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SaveSession(journal.Index(journal.New(e.db, "", at).ID(), "", s.Summary()), doc); err != nil {
			t.Fatal(err)
		}
	}
	e.a.show("history")
	h := e.a.history
	if got, want := h.count.Text, e.a.tr.T("history.count", "n", 3); got != want {
		t.Fatalf("History says %q; want %q", got, want)
	}
	h.flowSel.SetSelected(e.a.tr.T(wizard.SelfTestFlow.Title))
	if got, want := h.count.Text, e.a.tr.T("history.count", "n", 1); got != want {
		t.Errorf("History filtered to self-tests says %q; want %q", got, want)
	}
	if len(h.sessions) != 1 || h.sessions[0].Flow != string(wizard.SelfTestFlow.ID) {
		t.Errorf("History filtered to self-tests lists %v; want the one self-test", h.sessions)
	}
}

// TestHomeButtonsOpenTheirFlows: each of Home's buttons starts its own
// troubleshooting flow, and leaving brings Home back.
func TestHomeButtonsOpenTheirFlows(t *testing.T) {
	e := newEnv(t, Options{})
	for _, tt := range []struct {
		name   string
		button func(*homeScreen) *widget.Button
		want   wizard.FlowID
	}{
		{"something went wrong", func(h *homeScreen) *widget.Button { return h.start }, wizard.MainFlow.ID},
		{"waiting", func(h *homeScreen) *widget.Button { return h.waiting }, wizard.WaitingFlow.ID},
		{"money", func(h *homeScreen) *widget.Button { return h.money }, wizard.MoneyFlow.ID},
		{"self-test", func(h *homeScreen) *widget.Button { return h.selftest }, wizard.SelfTestFlow.ID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e.a.show("home")
			test.Tap(tt.button(e.a.home))
			v := e.a.wizard
			if v == nil {
				t.Fatal("no session on screen")
			}
			if got := v.sess.Flow().ID; got != tt.want {
				t.Errorf("flow = %s; want %s", got, tt.want)
			}
			test.Tap(v.leave)
			if e.a.wizard != nil || e.a.current != "home" {
				t.Errorf("after leaving: wizard %v, screen %q; want Home", e.a.wizard, e.a.current)
			}
		})
	}
}

// TestRecentSessionOpensOnHistory: a tap on one of Home's recent sessions
// shows its trail on History, whatever History's date filter was.
func TestRecentSessionOpensOnHistory(t *testing.T) {
	e := newEnv(t, Options{})
	at := time.Now().AddDate(0, -2, 0) // older than History's default 30 days
	s, err := wizard.Start(wizard.MainFlow, func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	id := journal.New(e.db, "", at).ID()
	if err := e.db.SaveSession(journal.Index(id, "", s.Summary()), doc); err != nil {
		t.Fatal(err)
	}
	e.a.refresh("home") // as after a session
	if n := len(e.a.home.sessions); n != 1 {
		t.Fatalf("Home lists %d recent sessions; want 1", n)
	}
	test.Tap(e.a.home.sessions[0])
	h := e.a.history
	if e.a.current != "history" || h.filter.selected != id {
		t.Fatalf("screen %q, selected %q; want History showing %s", e.a.current, h.filter.selected, id)
	}
	if len(h.sessions) != 1 {
		t.Errorf("History lists %d sessions; want the one opened", len(h.sessions))
	}
	if got := texts(t, h.detail); !contains(got, e.a.tr.T("history.trail")) {
		t.Errorf("History's detail shows %q; want the session's trail", got)
	}
}
