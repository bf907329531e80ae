package checks

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/wizard"
)

// DefaultTimeout is each check's deadline when Config.Timeout is zero.
const DefaultTimeout = 3 * time.Second

// SaleWindow is how recent the terminal's last transaction must be to
// speak for the sale that just failed; an older one may be another
// customer's, so the money guard treats the sale as unknown.
const SaleWindow = 10 * time.Minute

// CacheFor is how long the terminal's status and the host echo are reused
// by the checks of one run before they are fetched again.
const CacheFor = 5 * time.Second

// Config says where the terminal and the acquirer host are and how long
// checks may take. Zero values mean defaults; the function fields are for
// tests, which must never touch a real port or a network beyond loopback.
type Config struct {
	// Port is the terminal's serial port; "" finds it with Lister.
	Port string
	// Lister lists serial ports for detection; nil means
	// device.SystemLister{}.
	Lister device.Lister
	// Preferences are the ports the user named as their terminal.
	Preferences []device.Preference
	// LinkOptions configure the terminal link (driver, timings).
	LinkOptions device.LinkOptions

	// Host overrides the acquirer endpoint (the command line's --host).
	Host netcheck.Endpoint
	// Settings is the endpoint from the user's settings, used when the
	// terminal does not report one. Its TID, MID and TPDU also fill what
	// the terminal or Host leave empty.
	Settings netcheck.Endpoint
	// PublicServices are Lakala's public addresses (assets
	// network/lakala.json, or the user's list from Settings). With no
	// acquirer host configured, host.tcp connects to each once and says
	// whether the shop's internet reaches Lakala, and net.dns looks up the
	// first name. Nil: those checks are skipped as before. Tests leave it
	// nil or resolve the names to loopback.
	PublicServices []netcheck.Service
	// SignInProbe also sends a sign-in (0800) in the echo check. It changes
	// nothing on the terminal, but the host may log it as the terminal's.
	SignInProbe bool

	// Timeout is each check's deadline (RunAll's timeout); default 3 s.
	Timeout time.Duration
	// Connects is how many TCP connects host.tcp makes; default 5.
	Connects int
	// MinFirmware and MinApp are the oldest versions terminal.firmware
	// accepts; empty: not checked.
	MinFirmware, MinApp string
	// Minimums is the shipped table of minimum versions per model
	// (assets' support.json), used when MinFirmware and MinApp are empty.
	Minimums []wizard.Minimum

	// Injected dependencies; nil means the system's.
	Dialer      netcheck.Dialer
	Resolver    netcheck.Resolver
	SysClassNet string                                             // default netcheck.SysClassNet
	Routes      func(context.Context) ([]netcheck.Route, error)    // default netcheck.SystemRoutes
	Nameservers func() ([]string, error)                           // default netcheck.SystemNameservers
	Interfaces  func(sysRoot string) ([]netcheck.Interface, error) // default netcheck.Interfaces
	Now         func() time.Time                                   // default time.Now
	// OnStatus, when set, sees every status the terminal reports (the GUI
	// keeps a snapshot in the history). It runs on a check's goroutine.
	OnStatus func(st device.Status, at time.Time)
}

func (c Config) withDefaults() Config {
	if c.Lister == nil {
		c.Lister = device.SystemLister{}
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Connects <= 0 {
		c.Connects = netcheck.DefaultConnects
	}
	if c.Dialer == nil {
		c.Dialer = &net.Dialer{}
	}
	if c.Resolver == nil {
		c.Resolver = net.DefaultResolver
	}
	if c.SysClassNet == "" {
		c.SysClassNet = netcheck.SysClassNet
	}
	if c.Routes == nil {
		c.Routes = netcheck.SystemRoutes
	}
	if c.Nameservers == nil {
		c.Nameservers = netcheck.SystemNameservers
	}
	if c.Interfaces == nil {
		c.Interfaces = netcheck.Interfaces
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// AutoChecks lists every automatic check in the order a report shows them:
// terminal, then the PC's network, then the acquirer host.
var AutoChecks = []wizard.CheckID{
	wizard.CheckTerminalFound, wizard.CheckTerminalPort, wizard.CheckTerminalStatus,
	wizard.CheckTerminalSignIn, wizard.CheckTerminalClock, wizard.CheckTerminalHardware,
	wizard.CheckTerminalNetwork, wizard.CheckTerminalLastTxn, wizard.CheckTerminalFirmware,
	wizard.CheckNetLink, wizard.CheckNetGateway, wizard.CheckNetDNS,
	wizard.CheckHostTCP, wizard.CheckHostEcho, wizard.CheckHostClock,
}

// env is what the checks of one registry share.
type env struct {
	cfg   Config
	wg    sync.WaitGroup
	trace atomic.Int64 // trace numbers (field 11) of the probes

	mu     sync.Mutex    // guards link and path (opening and closing)
	use    chan struct{} // a one-slot semaphore: holds while a call uses link
	link   *device.Link
	path   string
	closed bool // the close function ran: no link may be opened again
	// driver is the protocol the terminal answered ("" until one did);
	// the next probe tries it first. probe is the last probe's result.
	driver string
	probe  *device.ProbeResult
	// unread is the last probe's verdict that the terminal speaks no
	// protocol we know, reused for CacheFor from unreadAt.
	unread   *device.UnreadableError
	unreadAt time.Time

	status *shared[device.Status]
	echo   *shared[netcheck.EchoResult]
}

// Registry returns a registry with every check ID of package wizard and the
// three actions registered, and the function that releases what the checks
// opened (the terminal link) and waits for their goroutines. ctx bounds
// nothing after Registry returns; each check gets its own.
func Registry(ctx context.Context, cfg Config) (*wizard.Registry, func() error) {
	_ = ctx
	e := &env{cfg: cfg.withDefaults(), use: make(chan struct{}, 1)}
	e.trace.Store(int64(e.cfg.Now().UnixNano()/int64(time.Millisecond)) % 900000)
	e.status = &shared[device.Status]{fetch: e.fetchStatus, budget: e.cfg.Timeout, ttl: CacheFor, wg: &e.wg}
	e.echo = &shared[netcheck.EchoResult]{fetch: e.fetchEcho, budget: e.cfg.Timeout, ttl: CacheFor, wg: &e.wg}

	r := wizard.NewRegistry()
	r.Register(wizard.CheckTerminalFound, e.checkFound)
	r.Register(wizard.CheckTerminalPort, e.checkPort)
	r.Register(wizard.CheckTerminalStatus, e.checkStatus)
	r.Register(wizard.CheckTerminalSignIn, e.checkSignIn)
	r.Register(wizard.CheckTerminalClock, e.checkTerminalClock)
	r.Register(wizard.CheckTerminalHardware, e.checkHardware)
	r.Register(wizard.CheckTerminalNetwork, e.checkTerminalNetwork)
	r.Register(wizard.CheckTerminalLastTxn, e.checkLastTxn)
	r.Register(wizard.CheckTerminalFirmware, e.checkFirmware)
	r.Register(wizard.CheckNetLink, e.checkNetLink)
	r.Register(wizard.CheckNetGateway, e.checkGateway)
	r.Register(wizard.CheckNetDNS, e.checkDNS)
	r.Register(wizard.CheckHostTCP, e.checkHostTCP)
	r.Register(wizard.CheckHostEcho, e.checkHostEcho)
	r.Register(wizard.CheckHostClock, e.checkHostClock)

	r.RegisterAction(wizard.ActionSignIn, e.actionSignIn)
	r.RegisterAction(wizard.ActionReopenPort, e.actionReopen)
	r.RegisterAction(wizard.ActionEcho, e.actionEcho)
	return r, e.close
}

// close closes the link and waits for the shared fetches.
func (e *env) close() error {
	e.mu.Lock()
	e.closed = true
	var err error
	if e.link != nil {
		err = e.link.Close()
		e.link = nil
	}
	e.mu.Unlock()
	e.wg.Wait()
	if errors.Is(err, device.ErrClosed) {
		err = nil
	}
	return err
}

// knownOutcome passes a device judgement on as the wizard's outcome: both
// are wizard/outcome's type, so there is nothing to map, except that a
// value outside the four (none today) counts as a failure, never as a pass.
func knownOutcome(l wizard.Outcome) wizard.Outcome {
	if l < wizard.Skipped || l > wizard.Fail {
		return wizard.Fail
	}
	return l
}

// fromVerdict turns a netcheck verdict into a result.
func fromVerdict(v netcheck.Verdict) wizard.Result {
	r := wizard.Result{Outcome: knownOutcome(v.Level), Summary: v.Summary, Args: v.Args, Detail: v.Detail}
	for _, f := range v.Evidence {
		r.Evidence = append(r.Evidence, wizard.Fact{Key: f.Key, Value: f.Value})
	}
	return r
}

// fromEvaluation turns a device evaluation into a result.
func fromEvaluation(ev device.Evaluation) wizard.Result {
	return wizard.Result{Outcome: knownOutcome(ev.Level), Summary: ev.Key, Args: ev.Args}
}

// remaining returns the time left before ctx's deadline, or fallback.
func remaining(ctx context.Context, fallback time.Duration) time.Duration {
	if dl, ok := ctx.Deadline(); ok {
		return time.Until(dl)
	}
	return fallback
}

// margin is the least time a check keeps back from its deadline to judge
// what it measured, so its own verdict ("no answer in time") arrives before
// the runner gives up on it.
const margin = 200 * time.Millisecond

// budget returns how long a network step inside a check may take: the time
// left before ctx's deadline (or fallback) less a tenth or margin,
// whichever is more.
func budget(ctx context.Context, fallback time.Duration) time.Duration {
	left := remaining(ctx, fallback)
	return max(left-max(left/10, margin), left/2)
}

// hostname names this PC in the evidence ("tested from this PC").
func hostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "localhost"
	}
	return h
}

func (e *env) nextTrace() int { return int(e.trace.Add(1) % 1000000) }

// errText returns err's text for a result's Detail.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprint(err)
}

// timeText formats a time for evidence, "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateTime)
}
