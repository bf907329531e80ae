package checks

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"slices"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/wizard"
)

// loopbackNet returns Config fields that keep the network checks on
// 127.0.0.0/8: a fake interface list, a route table whose gateway is
// 127.0.0.1, a fixed resolver list and a resolver that knows one name.
func loopbackNet(c Config) Config {
	c.Interfaces = func(string) ([]netcheck.Interface, error) {
		return []netcheck.Interface{{Name: "eth0", Up: true, Medium: netcheck.MediumWired,
			Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.10/24")}}}, nil
	}
	c.Routes = func(context.Context) ([]netcheck.Route, error) {
		return []netcheck.Route{{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("127.0.0.1")}}, nil
	}
	c.Nameservers = func() ([]string, error) { return []string{"127.0.0.53"}, nil }
	c.Resolver = fakeResolver{"pos.example.cn": {"127.0.0.1"}}
	c.Lister = fakeLister{}
	c.Dialer = loopbackOnly{}
	return c
}

// loopbackOnly dials 127.0.0.0/8 addresses and refuses anything else, so no
// test ever reaches beyond this machine (or asks a real DNS server).
type loopbackOnly struct{}

var errNotLoopback = errors.New("test dialer: not a loopback address")

func (loopbackOnly) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().IsLoopback() || !ap.Addr().Is4() {
		return nil, errNotLoopback
	}
	return (&net.Dialer{}).DialContext(ctx, network, address)
}

type fakeResolver map[string][]string

func (r fakeResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// fakeLister lists no serial ports.
type fakeLister struct{}

func (fakeLister) Ports() ([]device.PortInfo, error) { return nil, nil }

// world is a simulated terminal and host.
type world struct {
	term *sim.Terminal
	host *sim.Host
}

func startWorld(t testing.TB, scenario, code string, hc sim.HostConfig) world {
	t.Helper()
	h, err := sim.NewHost(hc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	term, err := sim.NewTerminal(sim.TerminalConfig{Scenario: scenario, Code: code, Host: h.Addr()})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	return world{term: term, host: h}
}

func registry(t testing.TB, cfg Config) *wizard.Registry {
	t.Helper()
	r, closeFn := Registry(context.Background(), cfg)
	t.Cleanup(func() {
		if err := closeFn(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return r
}

// TestFirmwareWithoutMinimumCannotJudge: with no known minimum for the
// model the check says "cannot judge" (skipped), never "up to date".
func TestFirmwareWithoutMinimumCannotJudge(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{})
	r := registry(t, loopbackNet(Config{Port: w.term.Path()}))
	got := r.Run(context.Background(), wizard.CheckTerminalFirmware, DefaultTimeout)
	if got.Outcome != wizard.Skipped || got.Summary != "check.terminal.firmware.nominimum" {
		t.Errorf("terminal.firmware without a minimum = %v %s; want skipped check.terminal.firmware.nominimum", got.Outcome, got.Summary)
	}
}

// TestFirmwareTableFires: a model in the table is judged against its row.
func TestFirmwareTableFires(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{})
	cfg := loopbackNet(Config{Port: w.term.Path(), Minimums: []wizard.Minimum{{Model: "pos doctor sim-1", Firmware: "V9.0", Source: "test", Date: "2026-12-02"}}})
	got := registry(t, cfg).Run(context.Background(), wizard.CheckTerminalFirmware, DefaultTimeout)
	if got.Outcome != wizard.Fail {
		t.Errorf("terminal.firmware below the table's minimum = %v %s; want fail", got.Outcome, got.Summary)
	}
}

func TestRegistryRegistersEverything(t *testing.T) {
	r := registry(t, Config{})
	want := slices.Clone(AutoChecks)
	slices.Sort(want)
	if got := r.Checks(); !slices.Equal(got, want) {
		t.Errorf("Checks() = %v; want %v", got, want)
	}
	for _, a := range []wizard.ActionID{wizard.ActionSignIn, wizard.ActionReopenPort, wizard.ActionEcho} {
		if !r.HasAction(a) {
			t.Errorf("action %s not registered", a)
		}
	}
}

func TestHealthyWorld(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{})
	r := registry(t, loopbackNet(Config{Port: w.term.Path(), MinFirmware: sim.CurrentFirmware}))
	start := time.Now()
	got := r.RunAll(context.Background(), AutoChecks, DefaultTimeout, nil)
	if el := time.Since(start); el > time.Second {
		t.Errorf("RunAll took %v against healthy loopback; want under 1s", el)
	}
	for _, id := range AutoChecks {
		res := got[id]
		if res.Outcome != wizard.Pass {
			t.Errorf("%s = %v %s (%s); want pass", id, res.Outcome, res.Summary, res.Detail)
		}
	}
	// The host endpoint came from the terminal's status.
	if !hasFact(got[wizard.CheckHostEcho], "evidence.host.source", "evidence.source.terminal") {
		t.Errorf("host.echo evidence %v does not name the terminal as the endpoint's source", got[wizard.CheckHostEcho].Evidence)
	}
	if !hasFact(got[wizard.CheckHostTCP], "evidence.terminal.own_link", "device.comm.4g") {
		t.Errorf("host.tcp evidence %v does not say the terminal uses its own 4G link", got[wizard.CheckHostTCP].Evidence)
	}
	if !hasKey(got[wizard.CheckNetLink], "evidence.net.tested_from") {
		t.Errorf("net.link evidence %v does not say where it was tested from", got[wizard.CheckNetLink].Evidence)
	}
}

func hasFact(r wizard.Result, key, value string) bool {
	return slices.Contains(r.Evidence, wizard.Fact{Key: key, Value: value})
}

func hasKey(r wizard.Result, key string) bool {
	return slices.ContainsFunc(r.Evidence, func(f wizard.Fact) bool { return f.Key == key })
}

func TestTerminalScenarios(t *testing.T) {
	tests := []struct {
		scenario, code string
		id             wizard.CheckID
		want           wizard.Outcome
		wantCode       string
	}{
		{sim.ScenarioNotSignedIn, "", wizard.CheckTerminalSignIn, wizard.Fail, ""},
		{sim.ScenarioNotSignedIn, "", wizard.CheckTerminalLastTxn, wizard.Skipped, ""},
		{sim.ScenarioKeysBad, "", wizard.CheckTerminalLastTxn, wizard.Fail, "A0"},
		{sim.ScenarioCode, "12", wizard.CheckTerminalLastTxn, wizard.Fail, "12"},
		{sim.ScenarioHealthy, "", wizard.CheckTerminalLastTxn, wizard.Pass, "00"},
		{sim.ScenarioClockOff, "", wizard.CheckTerminalClock, wizard.Fail, ""},
		{sim.ScenarioClockOff, "", wizard.CheckHostClock, wizard.Warn, ""},
		{sim.ScenarioOldFirmware, "", wizard.CheckTerminalFirmware, wizard.Fail, ""},
		{sim.ScenarioReaderFault, "", wizard.CheckTerminalHardware, wizard.Fail, ""},
		{sim.ScenarioNoPaper, "", wizard.CheckTerminalHardware, wizard.Fail, ""},
		{sim.ScenarioWeakSignal, "", wizard.CheckTerminalNetwork, wizard.Warn, ""},
	}
	for _, tt := range tests {
		t.Run(tt.scenario+"/"+string(tt.id), func(t *testing.T) {
			w := startWorld(t, tt.scenario, tt.code, sim.HostConfig{})
			r := registry(t, loopbackNet(Config{Port: w.term.Path(), MinFirmware: sim.CurrentFirmware}))
			got := r.Run(context.Background(), tt.id, DefaultTimeout)
			if got.Outcome != tt.want || got.Code != tt.wantCode {
				t.Errorf("%s = %v code %q (%s, %s); want %v code %q", tt.id, got.Outcome, got.Code, got.Summary, got.Detail, tt.want, tt.wantCode)
			}
		})
	}
}

func TestHostFaults(t *testing.T) {
	tests := []struct {
		name     string
		cfg      sim.HostConfig
		wantTCP  wizard.Outcome
		wantEcho wizard.Outcome
		summary  string
	}{
		{"refuse", sim.HostConfig{Fault: sim.HostRefuse}, wizard.Fail, wizard.Fail, "check.host.echo.refused"},
		{"silent", sim.HostConfig{Fault: sim.HostSilent}, wizard.Pass, wizard.Fail, "check.host.echo.timeout"},
		{"slow past the deadline", sim.HostConfig{Fault: sim.HostSlow, Delay: time.Hour}, wizard.Pass, wizard.Fail, "check.host.echo.timeout"},
		{"drop mid-frame", sim.HostConfig{Fault: sim.HostDropMidFrame}, wizard.Pass, wizard.Fail, "check.host.echo.cut"},
		{"garbage", sim.HostConfig{Fault: sim.HostGarbage}, wizard.Pass, wizard.Fail, "check.host.echo.garbled"},
		{"wrong MTI", sim.HostConfig{Fault: sim.HostWrongMTI}, wizard.Pass, wizard.Fail, "check.host.echo.wrong_mti"},
		{"close after one", sim.HostConfig{Fault: sim.HostCloseAfter, CloseAfter: 1}, wizard.Pass, wizard.Pass, "check.host.echo.pass"},
		{"declines the echo", sim.HostConfig{EchoCode: "96"}, wizard.Pass, wizard.Warn, "check.host.echo.code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := sim.NewHost(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			settings := netcheck.Endpoint{Host: "127.0.0.1", Port: h.Port(), TID: "12345678", MID: "123456789012345"}
			r := registry(t, loopbackNet(Config{Port: "/nonexistent/tty", Settings: settings, Timeout: time.Second}))
			got := r.RunAll(context.Background(), []wizard.CheckID{wizard.CheckHostTCP, wizard.CheckHostEcho}, time.Second, nil)
			if o := got[wizard.CheckHostTCP].Outcome; o != tt.wantTCP {
				t.Errorf("host.tcp = %v (%s); want %v", o, got[wizard.CheckHostTCP].Summary, tt.wantTCP)
			}
			if e := got[wizard.CheckHostEcho]; e.Outcome != tt.wantEcho || e.Summary != tt.summary {
				t.Errorf("host.echo = %v %s (%s); want %v %s", e.Outcome, e.Summary, e.Detail, tt.wantEcho, tt.summary)
			}
			if !hasFact(got[wizard.CheckHostEcho], "evidence.host.source", "evidence.source.settings") && tt.wantEcho != wizard.Skipped {
				t.Errorf("host.echo evidence %v does not name settings as the source", got[wizard.CheckHostEcho].Evidence)
			}
		})
	}
}

func TestEndpointChoice(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{})
	settings := netcheck.Endpoint{Host: "settings.example.cn", Port: 1, TID: "87654321", MID: "999999999999999"}
	tests := []struct {
		name       string
		cfg        Config
		wantHost   string
		wantSource string
		wantTID    string
	}{
		{"terminal beats settings", Config{Port: w.term.Path(), Settings: settings}, "127.0.0.1", SourceTerminal, "10023456"},
		{"override beats terminal", Config{Port: w.term.Path(), Settings: settings, Host: netcheck.Endpoint{Host: "127.0.0.2", Port: 9}}, "127.0.0.2", SourceOverride, "10023456"},
		{"settings without a terminal", Config{Port: "/nonexistent/tty", Settings: settings}, "settings.example.cn", SourceSettings, "87654321"},
		{"nothing configured", Config{Port: "/nonexistent/tty"}, "", SourceSettings, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := envOf(t, tt.cfg)
			defer e.close()
			ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
			defer cancel()
			ep := e.endpoint(ctx)
			if ep.Host != tt.wantHost || ep.Source != tt.wantSource || ep.TID != tt.wantTID {
				t.Errorf("endpoint = %s from %s, TID %q; want %s from %s, TID %q", ep.Host, ep.Source, ep.TID, tt.wantHost, tt.wantSource, tt.wantTID)
			}
		})
	}
}

// envOf builds the checks' shared state directly, to test its helpers.
func envOf(t testing.TB, cfg Config) *env {
	t.Helper()
	e := &env{cfg: loopbackNet(cfg).withDefaults(), use: make(chan struct{}, 1)}
	e.status = &shared[device.Status]{fetch: e.fetchStatus, budget: e.cfg.Timeout, ttl: CacheFor, wg: &e.wg}
	e.echo = &shared[netcheck.EchoResult]{fetch: e.fetchEcho, budget: e.cfg.Timeout, ttl: CacheFor, wg: &e.wg}
	return e
}

func TestNotConfigured(t *testing.T) {
	r := registry(t, loopbackNet(Config{Port: "/nonexistent/tty"}))
	got := r.RunAll(context.Background(), []wizard.CheckID{wizard.CheckHostTCP, wizard.CheckHostEcho, wizard.CheckHostClock}, DefaultTimeout, nil)
	for _, id := range []wizard.CheckID{wizard.CheckHostTCP, wizard.CheckHostEcho} {
		if res := got[id]; res.Outcome != wizard.Skipped || res.Summary != "check.host.not_configured" {
			t.Errorf("%s = %v %s; want skipped check.host.not_configured", id, res.Outcome, res.Summary)
		}
	}
	if res := got[wizard.CheckHostClock]; res.Outcome != wizard.Skipped {
		t.Errorf("host.clock = %v %s; want skipped with neither terminal nor host time", res.Outcome, res.Summary)
	}
}

func TestNoTerminal(t *testing.T) {
	r := registry(t, loopbackNet(Config{}))
	got := r.RunAll(context.Background(), AutoChecks[:9], DefaultTimeout, nil)
	if res := got[wizard.CheckTerminalFound]; res.Outcome != wizard.Fail || res.Summary != "check.terminal.found.none" {
		t.Errorf("terminal.found = %v %s; want fail check.terminal.found.none", res.Outcome, res.Summary)
	}
	for _, id := range AutoChecks[1:9] {
		if res := got[id]; res.Outcome != wizard.Skipped || res.Summary != "check.terminal.none" {
			t.Errorf("%s = %v %s; want skipped check.terminal.none", id, res.Outcome, res.Summary)
		}
	}
}

func TestMissingPort(t *testing.T) {
	r := registry(t, loopbackNet(Config{Port: "/nonexistent/tty"}))
	res := r.Run(context.Background(), wizard.CheckTerminalPort, DefaultTimeout)
	if res.Outcome != wizard.Fail || res.Summary != device.PortNotFound.MessageKey() {
		t.Errorf("terminal.port = %v %s (%s); want fail %s", res.Outcome, res.Summary, res.Detail, device.PortNotFound.MessageKey())
	}
}

func TestActionSignIn(t *testing.T) {
	w := startWorld(t, sim.ScenarioNotSignedIn, "", sim.HostConfig{})
	r := registry(t, loopbackNet(Config{Port: w.term.Path()}))
	if res := r.Run(context.Background(), wizard.CheckTerminalSignIn, DefaultTimeout); res.Outcome != wizard.Fail {
		t.Fatalf("terminal.signin before = %v %s; want fail", res.Outcome, res.Summary)
	}
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	if err := r.Apply(ctx, wizard.ActionSignIn); err != nil {
		t.Fatalf("Apply(signin): %v", err)
	}
	if res := r.Run(context.Background(), wizard.CheckTerminalSignIn, DefaultTimeout); res.Outcome != wizard.Pass {
		t.Errorf("terminal.signin after = %v %s; want pass", res.Outcome, res.Summary)
	}
}

func TestActionEchoAndReopen(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{Fault: sim.HostRefuse})
	r := registry(t, loopbackNet(Config{Port: w.term.Path()}))
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	if err := r.Apply(ctx, wizard.ActionEcho); !errors.Is(err, ErrEchoFailed) {
		t.Errorf("Apply(echo) with a refusing host = %v; want ErrEchoFailed", err)
	}
	if err := w.host.SetFault(sim.HostHealthy); err != nil {
		t.Fatal(err)
	}
	if err := r.Apply(ctx, wizard.ActionEcho); err != nil {
		t.Errorf("Apply(echo) with a healthy host = %v; want nil", err)
	}
	if err := r.Apply(ctx, wizard.ActionReopenPort); err != nil {
		t.Errorf("Apply(reopen) = %v; want nil", err)
	}
	if res := r.Run(context.Background(), wizard.CheckTerminalStatus, DefaultTimeout); res.Outcome != wizard.Pass {
		t.Errorf("terminal.status after reopen = %v %s (%s); want pass", res.Outcome, res.Summary, res.Detail)
	}
}

// deadDialer never connects; deadResolver never answers.
type deadDialer struct{}

func (deadDialer) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

type deadResolver struct{}

func (deadResolver) LookupHost(ctx context.Context, _ string) ([]string, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// deadConfig is a world where every dependency hangs: the terminal never
// answers (a silent pseudo-terminal would do; a slow sim does), the DNS and
// every connect block until their deadline.
func deadConfig(t testing.TB, timeout time.Duration) Config {
	t.Helper()
	w := startWorld(t, sim.ScenarioSlow, "", sim.HostConfig{Fault: sim.HostSilent})
	c := loopbackNet(Config{Port: w.term.Path(), Timeout: timeout,
		Settings: netcheck.Endpoint{Host: "pos.example.cn", Port: w.host.Port(), TID: "12345678", MID: "123456789012345"}})
	c.Dialer, c.Resolver = deadDialer{}, deadResolver{}
	return c
}

func TestEverythingDeadKeepsTheDeadline(t *testing.T) {
	const timeout = 500 * time.Millisecond
	r := registry(t, deadConfig(t, timeout))
	start := time.Now()
	var streamed []wizard.CheckID
	got := r.RunAll(context.Background(), AutoChecks, timeout, func(id wizard.CheckID, _ wizard.Result) { streamed = append(streamed, id) })
	el := time.Since(start)
	// One deadline, not fifteen in a row; the slack absorbs a loaded
	// machine (the benchmark measures the real overshoot).
	if el > 4*timeout {
		t.Errorf("RunAll took %v with every dependency dead; want about the %v deadline", el, timeout)
	}
	if len(got) != len(AutoChecks) || len(streamed) != len(AutoChecks) {
		t.Errorf("RunAll gave %d results, streamed %d; want %d", len(got), len(streamed), len(AutoChecks))
	}
	for _, id := range []wizard.CheckID{wizard.CheckHostTCP, wizard.CheckHostEcho, wizard.CheckNetDNS} {
		if got[id].Outcome != wizard.Fail {
			t.Errorf("%s = %v %s; want fail", id, got[id].Outcome, got[id].Summary)
		}
	}
	// A terminal that does not answer the probe in time cannot be read:
	// not a fault (issue 19), and never a timeout-then-replug advice.
	if r := got[wizard.CheckTerminalStatus]; r.Outcome != wizard.Skipped || r.Summary != "check.terminal.unreadable" {
		t.Errorf("terminal.status = %v %s; want skipped check.terminal.unreadable", r.Outcome, r.Summary)
	}
}

// listed is a fake lister with ports and, optionally, USB devices.
type listed struct {
	ports []device.PortInfo
	usb   []device.USBDevice
}

func (l listed) Ports() ([]device.PortInfo, error)       { return l.ports, nil }
func (l listed) USBDevices() ([]device.USBDevice, error) { return l.usb, nil }

func TestTerminalFound(t *testing.T) {
	tests := []struct {
		name        string
		cfg         Config
		want        wizard.Outcome
		wantSummary string
	}{
		{"named port", Config{Port: "/dev/ttyACM7"}, wizard.Pass, "check.terminal.found.named"},
		{"known terminal", Config{Lister: listed{ports: []device.PortInfo{{Name: "/dev/ttyACM0", IsUSB: true, VID: "11CA", PID: "0201"}}}}, wizard.Pass, "device.kind.terminal"},
		{"driver missing", Config{Lister: listed{usb: []device.USBDevice{{VID: "2FB8", PID: "2116"}}}}, wizard.Warn, "device.kind.nodriver"},
		{"cable only", Config{Lister: listed{ports: []device.PortInfo{{Name: "/dev/ttyUSB0", IsUSB: true, VID: "1A86", PID: "7523"}}}}, wizard.Fail, "device.kind.cable"},
		{"nothing", Config{Lister: listed{}}, wizard.Fail, "check.terminal.found.none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loopbackNet(tt.cfg)
			if tt.cfg.Lister != nil {
				cfg.Lister = tt.cfg.Lister
			}
			r := registry(t, cfg)
			got := r.Run(context.Background(), wizard.CheckTerminalFound, DefaultTimeout)
			if got.Outcome != tt.want || got.Summary != tt.wantSummary {
				t.Errorf("terminal.found = %v %s; want %v %s", got.Outcome, got.Summary, tt.want, tt.wantSummary)
			}
		})
	}
}

func TestSignInProbe(t *testing.T) {
	tests := []struct {
		name string
		host sim.HostConfig
		want wizard.Outcome
	}{
		{"both answer 00", sim.HostConfig{}, wizard.Pass},
		{"sign-in declined", sim.HostConfig{SignInCode: "97"}, wizard.Warn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := sim.NewHost(tt.host)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			r := registry(t, loopbackNet(Config{Port: "/nonexistent/tty", SignInProbe: true,
				Settings: netcheck.Endpoint{Host: "127.0.0.1", Port: h.Port(), TID: "12345678", MID: "123456789012345"}}))
			got := r.Run(context.Background(), wizard.CheckHostEcho, DefaultTimeout)
			if got.Outcome != tt.want {
				t.Errorf("host.echo with sign-in probe = %v %s; want %v", got.Outcome, got.Summary, tt.want)
			}
			if !hasFact(got, "evidence.host.request", "0800/003") {
				t.Errorf("evidence %v does not show the sign-in request", got.Evidence)
			}
			if n := h.Requests(); n != 2 {
				t.Errorf("host saw %d requests; want 2 (echo and sign-in)", n)
			}
		})
	}
}

func TestNoLinkAfterClose(t *testing.T) {
	w := startWorld(t, sim.ScenarioHealthy, "", sim.HostConfig{})
	r, closeFn := Registry(context.Background(), loopbackNet(Config{Port: w.term.Path()}))
	if res := r.Run(context.Background(), wizard.CheckTerminalPort, DefaultTimeout); res.Outcome != wizard.Pass {
		t.Fatalf("terminal.port = %v %s; want pass", res.Outcome, res.Detail)
	}
	if err := closeFn(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if res := r.Run(context.Background(), wizard.CheckTerminalPort, DefaultTimeout); res.Outcome == wizard.Pass {
		t.Errorf("terminal.port after close = pass; want the link to stay closed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	if err := r.Apply(ctx, wizard.ActionReopenPort); !errors.Is(err, device.ErrClosed) {
		t.Errorf("reopen after close = %v; want device.ErrClosed", err)
	}
}
