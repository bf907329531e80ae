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
// history, as the GUI's Home does (journal.RecordStatus). record only
// notes each status, so the history never delays a check; close writes
// them once the checks are done. A check that never reached a terminal
// leaves the history alone, and a history another process holds (the
// window, which records the terminal itself) is skipped without a word.
type statusRecorder struct {
	env  *Env
	port string

	mu   sync.Mutex
	seen []seenStatus
}

type seenStatus struct {
	st device.Status
	at time.Time
}

// record notes a status; it runs on the checks' goroutines.
func (r *statusRecorder) record(st device.Status, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, seenStatus{st, at})
}

// close writes the statuses noted to the history and tells, on Stderr,
// what opening it found (a damaged file replaced, records set aside) and
// a status that could not be written. Call it once, after the checks.
func (r *statusRecorder) close() {
	r.mu.Lock()
	seen := r.seen
	r.seen = nil
	r.mu.Unlock()
	if len(seen) == 0 {
		return
	}
	path, err := storePath(r.env)
	if err != nil {
		return
	}
	db, err := store.Open(path)
	if err != nil {
		return
	}
	defer db.Close()
	if rec := db.Recovery(); rec != nil {
		printRecovery(r.env.Stderr, r.env, rec)
	}
	if n := db.Quarantined(); n > 0 {
		fmt.Fprintln(r.env.Stderr, r.env.Tr.T("storebranch.quarantined", "count", n))
	}
	if db.ReadOnly() {
		return
	}
	for _, s := range seen {
		if _, err := journal.RecordStatus(db, "", r.port, s.st, s.at); err != nil {
			fmt.Fprintln(r.env.Stderr, storeError(r.env, err))
			return
		}
	}
}
