package cli

import (
	"context"
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
	key  string // the detected terminal's history key (journal.KeyOf), or "": its reported serial

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
	if r.key == "" {
		r.key = detectedKey(r.env, r.port)
	}
	for _, s := range seen {
		if _, err := journal.RecordStatus(db, r.key, r.port, s.st, s.at); err != nil {
			fmt.Fprintln(r.env.Stderr, storeError(r.env, err))
			return
		}
	}
}

// detectedKey keys the terminal as the GUI does (journal.KeyOf): by the
// USB identity of the terminal detection finds, on port when one was
// named; "" when none is found, and the reported serial number keys it.
// Detection only lists ports: it opens none.
func detectedKey(env *Env, port string) string {
	cands, _ := device.Detect(context.Background(), env.lister())
	if port != "" {
		var on []device.Candidate
		for _, c := range cands {
			if c.Port.Name == port {
				on = append(on, c)
			}
		}
		cands = on
	}
	return journal.KeyOf(cands)
}
