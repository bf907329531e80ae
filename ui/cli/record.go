package cli

import (
	"fmt"
	"sync"
	"time"

	"posdoctor/device"
	"posdoctor/store"
	"posdoctor/ui/journal"
)

// statusRecorder keeps what the terminal reports during `check` in the
// history, as the GUI's Home does (journal.RecordStatus). It opens the
// history at the first status, so a check that never reaches a terminal
// leaves it alone, and keeps it open until close. A history it cannot open
// is skipped: the window that holds it records the terminal itself. Its
// record method runs on the checks' goroutines.
type statusRecorder struct {
	env  *Env
	port string

	mu     sync.Mutex
	db     *store.DB
	opened bool // Open was tried
	err    error
}

func (r *statusRecorder) record(st device.Status, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.opened {
		r.opened = true
		if path, err := storePath(r.env); err == nil {
			r.db, _ = store.Open(path)
		}
	}
	if r.db == nil || r.db.ReadOnly() {
		return
	}
	if _, err := journal.RecordStatus(r.db, "", r.port, st, at); err != nil && r.err == nil {
		r.err = err
	}
}

// close closes the history and tells, on Stderr, what opening it found
// (a damaged file replaced, records set aside) and a status that could
// not be recorded. Call it once the checks are done.
func (r *statusRecorder) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.db == nil {
		return
	}
	if rec := r.db.Recovery(); rec != nil {
		printRecovery(r.env.Stderr, r.env, rec)
	}
	if n := r.db.Quarantined(); n > 0 {
		fmt.Fprintln(r.env.Stderr, r.env.Tr.T("storebranch.quarantined", "count", n))
	}
	if r.err != nil {
		fmt.Fprintln(r.env.Stderr, storeError(r.env, r.err))
	}
	r.db.Close()
	r.db = nil
}
