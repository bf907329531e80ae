package wizard

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"posdoctor/wizard/outcome"
)

// Outcome is what an automatic check concluded (package wizard/outcome,
// shared with device so that results cross without a mapping).
type Outcome = outcome.Outcome

// The outcomes a check can have. Their order is their severity.
const (
	Skipped = outcome.Skipped // not run: not configured, or nothing to test
	Pass    = outcome.Pass
	Warn    = outcome.Warn
	Fail    = outcome.Fail
)

// CheckID names an automatic check. IDs are stored in history: never rename.
type CheckID string

// TitleKey returns the translation key of the check's display name,
// "check.title.<id>": the one name the GUI, the command line and the
// report show for the check.
func (id CheckID) TitleKey() string { return "check.title." + string(id) }

// The checks the flows use. main.go registers an implementation for each;
// the wizard only knows their IDs.
const (
	// Terminal and its link (package device).
	CheckTerminalFound    CheckID = "terminal.found"    // a known terminal (or a named port) is attached; driver present
	CheckTerminalPort     CheckID = "terminal.port"     // the port opens: not busy, permitted, a serial device
	CheckTerminalStatus   CheckID = "terminal.status"   // the terminal answers a status request; versions
	CheckTerminalSignIn   CheckID = "terminal.signin"   // signed in today; working keys present
	CheckTerminalClock    CheckID = "terminal.clock"    // terminal clock vs PC clock
	CheckTerminalHardware CheckID = "terminal.hardware" // self-test: keypad, screen, card reader, printer, paper, battery
	CheckTerminalNetwork  CheckID = "terminal.network"  // the terminal's own link: type and signal
	CheckTerminalLastTxn  CheckID = "terminal.lasttxn"  // the last transaction: Pass approved, Warn unclear or reversal pending, Fail declined; sets Result.Code
	CheckTerminalFirmware CheckID = "terminal.firmware" // firmware / payment app not outdated

	// The PC's network and the acquirer host (device network checks).
	CheckNetLink    CheckID = "net.link"    // an interface is up with an address
	CheckNetGateway CheckID = "net.gateway" // a default gateway exists and answers
	CheckNetDNS     CheckID = "net.dns"     // a resolver answers; the host name resolves
	CheckHostTCP    CheckID = "host.tcp"    // TCP connects to the acquirer host: latency, jitter, loss
	CheckHostEcho   CheckID = "host.echo"   // ISO 8583 echo (0820/301) round trip
	CheckHostClock  CheckID = "host.clock"  // PC vs terminal vs host time
)

// Fact is one piece of evidence: a translation key naming what was measured
// and its value as plain text (a number, a version, a port name). Values
// never hold a full card number.
type Fact struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Worst returns the most severe outcome among results; Skipped when there
// are none.
func Worst(results map[CheckID]Result) Outcome {
	w := Skipped
	for _, r := range results {
		w = max(w, r.Outcome)
	}
	return w
}

// Result is what one run of a check found.
type Result struct {
	Outcome Outcome `json:"outcome"`
	// Summary is a translation key for one sentence; Args fills its template.
	Summary string            `json:"summary"`
	Args    map[string]string `json:"args,omitempty"`
	// Evidence lists what was measured, in the order to show it.
	Evidence []Fact `json:"evidence,omitempty"`
	// Code is a response code (field 39) the check read, such as "12" from
	// the terminal's last transaction; the session jumps on it. Empty if none.
	Code string `json:"code,omitempty"`
	// Sale is what a last-transaction check read about the sale (approved,
	// declined, pending, or unknown when the terminal could not be read);
	// empty for other checks.
	Sale SaleState `json:"sale,omitempty"`
	// Detail is raw error text for a "details" area and logs; never shown
	// as the main message.
	Detail string `json:"detail,omitempty"`
}

// Check runs one automatic check. It must honour ctx: return soon after ctx
// is done. An error means the check could not run at all; the runner turns it
// into a Fail with the error as Detail.
type Check func(ctx context.Context) (Result, error)

// ActionID names a fix the PC can apply safely (sign in again, reopen the
// port, re-run the echo). No action may ever move money.
type ActionID string

// The actions flows may offer.
const (
	ActionSignIn     ActionID = "action.signin" // ask the terminal to sign in again
	ActionReopenPort ActionID = "action.reopen" // reopen the port after a replug
	ActionEcho       ActionID = "action.echo"   // re-run the host echo
	// ActionRecheck does nothing itself: the owner fixed it by hand (a
	// cable, the clock) and the checks that found the fault run again.
	// Every registry has it.
	ActionRecheck ActionID = "action.recheck"
)

// Action applies a fix. Like Check it honours ctx.
type Action func(ctx context.Context) error

// Registry maps check and action IDs to implementations. Register everything
// before sharing it; after that it is safe for concurrent reads.
type Registry struct {
	checks  map[CheckID]Check
	actions map[ActionID]Action
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{checks: map[CheckID]Check{}, actions: map[ActionID]Action{}}
}

// Register adds or replaces the check for id.
func (r *Registry) Register(id CheckID, c Check) { r.checks[id] = c }

// RegisterAction adds or replaces the action for id.
func (r *Registry) RegisterAction(id ActionID, a Action) { r.actions[id] = a }

// Has reports whether a check is registered for id.
func (r *Registry) Has(id CheckID) bool { _, ok := r.checks[id]; return ok }

// HasAction reports whether an action is registered for id.
func (r *Registry) HasAction(id ActionID) bool {
	_, ok := r.actions[id]
	return ok || id == ActionRecheck
}

// Checks returns the registered check IDs, sorted.
func (r *Registry) Checks() []CheckID {
	ids := make([]CheckID, 0, len(r.checks))
	for id := range r.checks {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Apply runs the action id with ctx. It returns ErrUnknownAction if none is
// registered.
func (r *Registry) Apply(ctx context.Context, id ActionID) error {
	a, ok := r.actions[id]
	if !ok && id == ActionRecheck {
		return nil
	}
	if !ok {
		return fmt.Errorf("%s: %w", id, ErrUnknownAction)
	}
	return a(ctx)
}

// Run runs one check with a deadline of timeout. It never takes much longer
// than timeout even if the check ignores ctx: the check's goroutine is then
// abandoned and its late result dropped. A panic in a check becomes a Fail.
func (r *Registry) Run(ctx context.Context, id CheckID, timeout time.Duration) Result {
	c, ok := r.checks[id]
	if !ok {
		return Result{Outcome: Skipped, Summary: "check.unregistered", Args: map[string]string{"id": string(id)}}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan Result, 1) // buffered: a late check never blocks
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- Result{Outcome: Fail, Summary: "check.crashed", Detail: fmt.Sprint(p)}
			}
		}()
		res, err := c(ctx)
		if err != nil {
			res = Result{Outcome: Fail, Summary: "check.error", Detail: err.Error(), Evidence: res.Evidence}
			if ctx.Err() != nil {
				res.Summary = "check.timeout"
				res.Args = map[string]string{"seconds": fmt.Sprintf("%.1f", timeout.Seconds())}
			}
		}
		done <- res
	}()
	select {
	case res := <-done:
		return res
	case <-ctx.Done():
		return Result{Outcome: Fail, Summary: "check.timeout", Args: map[string]string{"seconds": fmt.Sprintf("%.1f", timeout.Seconds())}, Detail: ctx.Err().Error()}
	}
}

// RunAll runs the checks ids concurrently, each with its own deadline of
// timeout, and calls each (from the runner's goroutines, one call at a time)
// as every result arrives. It returns all results once the last is in, which
// is never much later than timeout after the call.
func (r *Registry) RunAll(ctx context.Context, ids []CheckID, timeout time.Duration, each func(CheckID, Result)) map[CheckID]Result {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out = make(map[CheckID]Result, len(ids))
	)
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := r.Run(ctx, id, timeout)
			mu.Lock()
			defer mu.Unlock()
			out[id] = res
			if each != nil {
				each(id, res)
			}
		}()
	}
	wg.Wait()
	return out
}
