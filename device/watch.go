package device

import (
	"context"
	"sync"
	"time"
)

// EventKind says what changed.
type EventKind int

// Watch events.
const (
	Attached   EventKind = iota // a port appeared
	Detached                    // a port went away
	Moved                       // a port came back under another name ("same terminal, new port")
	ListFailed                  // listing failed; Err tells
)

// String returns "attached", "detached", "moved" or "listfailed".
func (k EventKind) String() string {
	switch k {
	case Attached:
		return "attached"
	case Detached:
		return "detached"
	case Moved:
		return "moved"
	}
	return "listfailed"
}

// Event is one change the Watcher saw. For Moved, OldPath is the name the
// device had before.
type Event struct {
	Kind      EventKind
	Candidate Candidate
	OldPath   string
	At        time.Time
	Err       error
}

// DefaultWatchInterval is how often a Watcher lists ports: a change is seen
// within this interval plus the listing time (goal: under 1.5 s).
const DefaultWatchInterval = 500 * time.Millisecond

// Watcher polls a Lister and reports attach, detach and rename events.
// It runs one goroutine, which exits when ctx is done or Close is called;
// Close waits for it. Events is closed when the goroutine exits.
type Watcher struct {
	events chan Event
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// Watch starts a Watcher over l, polling every interval (0 means
// DefaultWatchInterval). The first poll reports every present port as
// Attached. chosen are the user's picks, passed to Detect. A device keeps
// its identity (VID:PID:serial, or its path when it has none) across
// polls, so a detach then attach under another name gives Moved.
func Watch(ctx context.Context, l Lister, interval time.Duration, chosen ...Preference) *Watcher {
	if interval <= 0 {
		interval = DefaultWatchInterval
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{events: make(chan Event, 32), cancel: cancel, done: make(chan struct{})}
	go w.run(ctx, l, interval, chosen)
	return w
}

// Events returns the channel of events. Read it promptly: when it is full
// the watcher waits (and stops on Close).
func (w *Watcher) Events() <-chan Event { return w.events }

// Close stops the watcher and waits for its goroutine to exit.
func (w *Watcher) Close() error {
	w.once.Do(w.cancel)
	<-w.done
	return nil
}

func (w *Watcher) run(ctx context.Context, l Lister, interval time.Duration, chosen []Preference) {
	defer close(w.done)
	defer close(w.events)
	present := map[string]Candidate{} // identity → candidate now present
	lastPath := map[string]string{}   // identity → last path seen, kept after detach
	t := time.NewTicker(interval)
	defer t.Stop()
	failed := false
	for {
		cands, err := Detect(ctx, l, chosen...)
		now := time.Now()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if !failed && !w.send(ctx, Event{Kind: ListFailed, Err: err, At: now}) {
				return
			}
			failed = true
		} else {
			failed = false
			seen := map[string]bool{}
			for _, c := range cands {
				if c.Port.Name == "" { // no-driver devices have no port to watch
					continue
				}
				id := identity(c.Port)
				if seen[id] { // two identical devices without serial numbers
					id += "|" + c.Port.Name
				}
				seen[id] = true
				old, had := present[id]
				present[id] = c
				prev := lastPath[id]
				lastPath[id] = c.Port.Name
				switch {
				case had && old.Port.Name == c.Port.Name:
					continue
				case prev != "" && prev != c.Port.Name:
					if !w.send(ctx, Event{Kind: Moved, Candidate: c, OldPath: prev, At: now}) {
						return
					}
				default:
					if !w.send(ctx, Event{Kind: Attached, Candidate: c, At: now}) {
						return
					}
				}
			}
			for id, c := range present {
				if !seen[id] {
					delete(present, id)
					if !w.send(ctx, Event{Kind: Detached, Candidate: c, At: now}) {
						return
					}
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (w *Watcher) send(ctx context.Context, e Event) bool {
	select {
	case w.events <- e:
		return true
	case <-ctx.Done():
		return false
	}
}

// identity names a port across renames: VID:PID:serial for USB, else its
// path.
func identity(p PortInfo) string {
	if p.IsUSB && p.VID != "" {
		return "usb:" + upperHex(p.VID) + ":" + upperHex(p.PID) + ":" + p.Serial
	}
	return "path:" + p.Name
}
