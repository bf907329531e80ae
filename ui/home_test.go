package ui

import (
	"strings"
	"testing"
	"time"

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
