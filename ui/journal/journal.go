// Package journal keeps a troubleshooting session in the local history: it
// maps the wizard's session onto the store's index record and saves both
// after every step, so a crash loses at most the step in flight. It also
// records the terminal a session or check read (RecordStatus: the terminal,
// and a snapshot of its versions, clock and sign-in) and builds a report's
// input from the history (ReportSession, ReportSessions). The GUI and the
// command line share it; it imports no Fyne.
//
// A Journal is used from one goroutine at a time, like the wizard.Session it
// records, except its RecordStatus, which a check's goroutine may call
// while the session runs. Training rehearsals never get a Journal: they
// write to training progress, never to the history.
package journal

import (
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"time"

	"posdoctor/device"
	"posdoctor/store"
	"posdoctor/wizard"
)

// Journal records one session under a stable ID.
type Journal struct {
	db *store.DB
	id string

	mu       sync.Mutex // guards terminal: RecordStatus runs on a check's goroutine
	terminal string
}

// New starts a journal for a new session examined on terminal (a
// store.TerminalKey, or "" when none was found).
func New(db *store.DB, terminal string, now time.Time) *Journal {
	return &Journal{db: db, id: NewID(now), terminal: terminal}
}

// Reopen continues the journal of a saved session, to resume it.
func Reopen(db *store.DB, rec store.Session) *Journal {
	return &Journal{db: db, id: rec.ID, terminal: rec.Terminal}
}

// ID returns the session's ID in the history.
func (j *Journal) ID() string { return j.id }

// RecordStatus records what the terminal on port reported (see the
// function RecordStatus), keyed by the terminal the journal already
// names, else by the reported serial number; from then on the session is
// saved under that terminal. A nil Journal records nothing.
func (j *Journal) RecordStatus(port string, st device.Status, at time.Time) error {
	if j == nil || j.db == nil {
		return nil
	}
	j.mu.Lock()
	known := j.terminal
	j.mu.Unlock()
	key, err := RecordStatus(j.db, known, port, st, at)
	if key != "" && known == "" {
		j.mu.Lock()
		j.terminal = key
		j.mu.Unlock()
	}
	return err
}

// terminalKey returns the key of the terminal the session is saved under,
// or "" while none is known.
func (j *Journal) terminalKey() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.terminal
}

// Save writes the session's index record and JSON document. Returns the
// store's error (store.ErrInUse, a write error) wrapped with the session ID.
func (j *Journal) Save(s *wizard.Session) error {
	if j == nil || j.db == nil {
		return nil
	}
	doc, err := s.MarshalJSON()
	if err != nil {
		return fmt.Errorf("journal %s: %w", j.id, err)
	}
	return j.db.SaveSession(Index(j.id, j.terminalKey(), s.Summary()), doc)
}

// Index maps a wizard summary onto the store's index record.
func Index(id, terminal string, sum wizard.Summary) store.Session {
	rec := store.Session{
		ID: id, Started: sum.Started, Finished: sum.Finished, Terminal: terminal,
		Flow: string(sum.Flow), Outcome: sum.Outcome, Layer: string(sum.Layer),
		Code: sum.Code, Card: sum.Card,
	}
	for _, f := range sum.Findings {
		rec.Findings = append(rec.Findings, string(f))
	}
	return rec
}

// NewID returns a session ID that sorts by time and is unique in practice:
// the start time to the second and 4 random base-32 characters,
// "20261125-184512-K7Q3".
func NewID(now time.Time) string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" // no 0/O, 1/I: read over the phone
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	var sb strings.Builder
	for _, x := range b {
		sb.WriteByte(alphabet[int(x)%len(alphabet)])
	}
	return now.Format("20060102-150405") + "-" + sb.String()
}
