package journal_test

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestRecordStatus(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	st := device.Status{Model: "A910", Serial: "82012345", Firmware: "1.2", AppVersion: "3.4",
		Clock: at.Add(2 * time.Minute), LastSignIn: at.Add(-time.Hour), Keys: device.KeysBad}
	tests := []struct {
		name    string
		key     string
		st      device.Status
		wantKey string
	}{
		{"keyed by the serial it reports", "", st, "82012345"},
		{"keyed by the detected terminal", "2FB8:2205", st, "2FB8:2205"},
		{"no serial, no key: nothing stored", "", device.Status{Model: "A910"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			key, err := journal.RecordStatus(db, tt.key, "/dev/ttyACM0", tt.st, at)
			if err != nil || key != tt.wantKey {
				t.Fatalf("RecordStatus = %q, %v; want %q, nil", key, err, tt.wantKey)
			}
			if key == "" {
				if ts, _ := db.Terminals(); len(ts) != 0 {
					t.Errorf("terminals = %+v; want none", ts)
				}
				return
			}
			term, err := db.Terminal(key)
			if err != nil || term.Model != "A910" || term.Serial != "82012345" || term.Port != "/dev/ttyACM0" || !term.LastSeen.Equal(at) {
				t.Errorf("terminal = %+v, %v; want model, serial, port and time recorded", term, err)
			}
			snaps, err := db.Snapshots(key, 0)
			if err != nil || len(snaps) != 1 {
				t.Fatalf("snapshots = %+v, %v; want one", snaps, err)
			}
			s := snaps[0]
			if s.KeyState != "bad" || s.ClockOffset != 2*time.Minute || !s.LastSignIn.Equal(at.Add(-time.Hour)) ||
				s.Versions["firmware"] != "1.2" || s.Versions["app"] != "3.4" {
				t.Errorf("snapshot = %+v; want keys bad, clock +2m, sign-in an hour ago, versions 1.2/3.4", s)
			}
		})
	}
}

func TestRecordStatusNilAndClosed(t *testing.T) {
	if key, err := journal.RecordStatus(nil, "", "", device.Status{Serial: "X"}, time.Now()); key != "" || err != nil {
		t.Errorf("RecordStatus(nil db) = %q, %v; want nothing", key, err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := journal.RecordStatus(db, "", "", device.Status{Serial: "X"}, time.Now()); err == nil {
		t.Error("RecordStatus on a closed history = nil error")
	} else if errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordStatus on a closed history = %v; want the store's write error", err)
	}
}

// TestJournalRecordStatus: a session started before the terminal was
// known is saved under the terminal once it reports its status, from a
// check's goroutine while the session goes on.
func TestJournalRecordStatus(t *testing.T) {
	db := openDB(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s, err := wizard.Start(wizard.SelfTestFlow, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	j := journal.New(db, "", now)
	if err := j.Save(s); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 { // several checks read the status at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := j.RecordStatus("COM3", device.Status{Model: "A910", Serial: "82012345"}, now); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := j.Save(s); err != nil {
		t.Fatal(err)
	}
	rec, _, err := db.Session(j.ID())
	if err != nil || rec.Terminal != "82012345" {
		t.Errorf("session = %+v, %v; want it under terminal 82012345", rec, err)
	}
	if term, err := db.Terminal("82012345"); err != nil || term.Port != "COM3" {
		t.Errorf("terminal = %+v, %v; want it on COM3", term, err)
	}

	// A terminal named at the start stays the session's terminal.
	j = journal.New(db, "2FB8:2205", now)
	if err := j.RecordStatus("", device.Status{Serial: "OTHER"}, now); err != nil {
		t.Fatal(err)
	}
	if err := j.Save(s); err != nil {
		t.Fatal(err)
	}
	if rec, _, _ := db.Session(j.ID()); rec.Terminal != "2FB8:2205" {
		t.Errorf("session terminal = %q; want the one named at the start", rec.Terminal)
	}

	var none *journal.Journal
	if err := none.RecordStatus("", device.Status{Serial: "X"}, now); err != nil {
		t.Errorf("nil Journal.RecordStatus = %v; want nil", err)
	}
}

func TestKeyOf(t *testing.T) {
	term := func(kind device.Kind, vid, pid, serial string) device.Candidate {
		return device.Candidate{Kind: kind, Port: device.PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: vid, PID: pid, Serial: serial}}
	}
	tests := []struct {
		name  string
		cands []device.Candidate
		want  string
	}{
		{"nothing found", nil, ""},
		{"a terminal with a USB serial", []device.Candidate{term(device.KindTerminal, "11CA", "0220", "SN1")}, "SN1"},
		{"a terminal without one", []device.Candidate{term(device.KindTerminal, "11CA", "0220", "")}, "11CA:0220"},
		{"the user's chosen port", []device.Candidate{term(device.KindChosen, "1A86", "7523", "")}, "1A86:7523"},
		{"a cable first, then the terminal", []device.Candidate{term(device.KindCable, "1A86", "7523", "C1"), term(device.KindTerminal, "11CA", "0220", "SN2")}, "SN2"},
		{"only a terminal without a driver", []device.Candidate{term(device.KindNoDriver, "11CA", "0220", "SN3")}, ""},
	}
	for _, tc := range tests {
		if got := journal.KeyOf(tc.cands); got != tc.want {
			t.Errorf("%s: KeyOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}
