package sim

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"posdoctor/device"
	"posdoctor/device/internal/wire"
)

// Scenario names of the simulated terminal.
const (
	ScenarioHealthy     = "healthy"
	ScenarioNotSignedIn = "not-signed-in"
	ScenarioKeysBad     = "keys-bad"
	ScenarioClockOff    = "clock-off"
	ScenarioOldFirmware = "outdated-firmware"
	ScenarioReaderFault = "reader-fault"
	ScenarioNoPaper     = "no-paper"
	ScenarioWeakSignal  = "weak-signal"
	ScenarioCode        = "code"
	ScenarioGarbage     = "garbage"
	ScenarioNAKStorm    = "nak-storm"
	ScenarioSlow        = "slow"
	ScenarioUnplug      = "unplug"
	ScenarioBadLRC      = "bad-lrc"
	// ScenarioSilent is a terminal on the port that never sends a byte:
	// what a real terminal whose protocol POS Doctor does not speak
	// usually looks like.
	ScenarioSilent = "silent"
	// ScenarioECRHub speaks the ECR Hub protocol (device.ECRHub) instead
	// of the generic one, with a heartbeat every TerminalConfig.Heartbeat.
	ScenarioECRHub = "ecrhub"
	// ScenarioUnknownFraming answers anything it receives with a line of
	// text in a framing POS Doctor does not know.
	ScenarioUnknownFraming = "unknown-framing"
	// ScenarioNoise answers nothing and puts random bytes on the line (a
	// wrong speed, interference, a bad cable).
	ScenarioNoise = "noise"
)

// TerminalScenario names one behaviour of the simulated terminal and the
// translation key of its description.
type TerminalScenario struct {
	Name string
	Key  string
}

var scenarios = []string{
	ScenarioHealthy, ScenarioNotSignedIn, ScenarioKeysBad, ScenarioClockOff, ScenarioOldFirmware,
	ScenarioReaderFault, ScenarioNoPaper, ScenarioWeakSignal, ScenarioCode, ScenarioGarbage,
	ScenarioNAKStorm, ScenarioSlow, ScenarioUnplug, ScenarioBadLRC,
	ScenarioSilent, ScenarioECRHub, ScenarioUnknownFraming, ScenarioNoise,
}

// Scenarios lists the simulated terminal's scenarios in a fixed order, each
// with the key "device.sim.<name>" of its description.
func Scenarios() []TerminalScenario {
	out := make([]TerminalScenario, len(scenarios))
	for i, n := range scenarios {
		out[i] = TerminalScenario{Name: n, Key: "device.sim." + n}
	}
	return out
}

// Versions the simulated terminal reports: current, and in
// "outdated-firmware" old.
const (
	CurrentFirmware  = "V2.6.0"
	currentApp       = "3.8.2"
	OutdatedFirmware = "V1.4.2"
	outdatedApp      = "2.1.0"
)

// TerminalConfig configures a simulated terminal. Zero values mean defaults.
type TerminalConfig struct {
	Scenario string // default "healthy"
	Code     string // the last transaction's response code in "code"; default "12"
	// Host, TPDU, TID and MID are what the status reports: the acquirer host
	// the terminal uses ("127.0.0.1:5000"), 5-byte TPDU (default 60 00 03
	// 00 00), terminal ID (8 characters) and merchant ID (15).
	Host     string
	TPDU     []byte
	TID, MID string
	// UnplugAfter is how many reply bytes "unplug" sends before it
	// vanishes; default 8.
	UnplugAfter int
	// SlowDelay is how long "slow" waits before it answers; default 3 s
	// (longer than the 2 s ACK timeout).
	SlowDelay time.Duration
	// Now is the terminal's idea of the PC's time; default time.Now.
	Now func() time.Time
	// ClockOffset is how far "clock-off" puts the terminal's clock from
	// Now; default 10 minutes (negative: behind).
	ClockOffset time.Duration
	// Firmware and App are the versions "outdated-firmware" reports;
	// default OutdatedFirmware and outdatedApp.
	Firmware, App string
	// Heartbeat is how often "ecrhub" sends its heartbeat; default 2 s, as
	// the specification says.
	Heartbeat time.Duration
}

// Terminal is a simulated POS terminal on a pseudo-terminal (the app opens
// Path with go.bug.st/serial, the same code path as a real USB terminal)
// or, where there are none, on an in-process pipe (pipe.go; device.Open
// opens its Path in this process only).
//
// It runs one goroutine per plug-in that serves the master side; Unplug
// and Close stop it and wait for it. All methods are safe for concurrent
// use.
type Terminal struct {
	mu       sync.Mutex
	cfg      TerminalConfig
	signedIn time.Time
	keys     device.KeyState
	open     func() (line, string, error) // makes a new plug-in: pty or pipe
	master   line
	path     string
	stop     chan struct{}
	done     chan struct{}
	closed   bool
	requests atomic.Int64
}

// Requests returns how many well-formed request frames the terminal has
// received since it was made. Tests poll it to know a call is in flight.
func (t *Terminal) Requests() int64 { return t.requests.Load() }

// ErrUnknownScenario is returned for a scenario name not in Scenarios.
var ErrUnknownScenario = errors.New("sim: unknown terminal scenario")

// ErrUnsupported is returned by NewPTYTerminal on systems without the
// pseudo-terminals it needs (it runs on Linux).
var ErrUnsupported = errors.New("sim: simulated terminal needs Linux pseudo-terminals")

// ErrBadCode is returned for a response code that is not two characters.
var ErrBadCode = errors.New("sim: response code must have two characters")

// NewTerminal creates a simulated terminal and starts serving it: on a
// pseudo-terminal where the system has them (Linux), else on an in-process
// pipe (NewPipeTerminal). It returns ErrUnknownScenario (wrapped) for a
// bad scenario, an error for a TID or MID of the wrong length, or the
// system's error if no pseudo-terminal can be made.
func NewTerminal(cfg TerminalConfig) (*Terminal, error) {
	return newTerminal(cfg, openDefault)
}

// NewPTYTerminal is NewTerminal on a pseudo-terminal, which another
// program can open too; ErrUnsupported where there are none.
func NewPTYTerminal(cfg TerminalConfig) (*Terminal, error) {
	return newTerminal(cfg, openPTYLine)
}

// line is the terminal's end of its connection: a pseudo-terminal's
// master (*os.File) or a pipe's end. Close pulls the cable.
type line interface {
	io.ReadWriteCloser
	SetReadDeadline(t time.Time) error
}

func newTerminal(cfg TerminalConfig, open func() (line, string, error)) (*Terminal, error) {
	if cfg.Scenario == "" {
		cfg.Scenario = ScenarioHealthy
	}
	if cfg.Code == "" {
		cfg.Code = "12"
	}
	if cfg.TID == "" {
		cfg.TID = "10023456"
	}
	if cfg.MID == "" {
		cfg.MID = "898110012345678"
	}
	if len(cfg.TID) != 8 || len(cfg.MID) != 15 {
		return nil, fmt.Errorf("sim: TID %q must have 8 characters and MID %q 15", cfg.TID, cfg.MID)
	}
	if len(cfg.TPDU) != 5 {
		cfg.TPDU = []byte{0x60, 0x00, 0x03, 0x00, 0x00}
	}
	if cfg.UnplugAfter <= 0 {
		cfg.UnplugAfter = 8
	}
	if cfg.SlowDelay <= 0 {
		cfg.SlowDelay = 3 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ClockOffset == 0 {
		cfg.ClockOffset = 10 * time.Minute
	}
	if cfg.Firmware == "" {
		cfg.Firmware = OutdatedFirmware
	}
	if cfg.App == "" {
		cfg.App = outdatedApp
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 2 * time.Second
	}
	t := &Terminal{cfg: cfg, open: open}
	if err := t.SetScenario(cfg.Scenario, cfg.Code); err != nil {
		return nil, err
	}
	if err := t.Plug(); err != nil {
		return nil, err
	}
	return t, nil
}

// Path returns the device path the app should open, such as /dev/pts/3.
// It changes after Unplug and Plug.
func (t *Terminal) Path() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.path
}

// Scenario returns the current scenario's name.
func (t *Terminal) Scenario() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cfg.Scenario
}

// SetScenario switches the behaviour while running; code is the response
// code for "code" ("" keeps the current one). It resets the sign-in state
// to the scenario's.
func (t *Terminal) SetScenario(name, code string) error {
	known := false
	for _, s := range scenarios {
		known = known || s == name
	}
	if !known {
		return fmt.Errorf("%q: %w", name, ErrUnknownScenario)
	}
	if code != "" && len(code) != 2 {
		return fmt.Errorf("response code %q: %w", code, ErrBadCode)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cfg.Scenario = name
	if code != "" {
		t.cfg.Code = code
	}
	now := t.cfg.Now()
	t.signedIn, t.keys = signedInToday(now), device.KeysOK
	switch name {
	case ScenarioNotSignedIn:
		y := now.AddDate(0, 0, -1)
		t.signedIn = time.Date(y.Year(), y.Month(), y.Day(), 8, 0, 0, 0, now.Location())
	case ScenarioKeysBad:
		t.keys = device.KeysBad
	}
	return nil
}

// SetHost changes the acquirer host address the status reports.
func (t *Terminal) SetHost(hostPort string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cfg.Host = hostPort
}

// signedInToday is a sign-in time earlier today: 08:00, or a minute ago
// when it is not 08:01 yet.
func signedInToday(now time.Time) time.Time {
	at := time.Date(now.Year(), now.Month(), now.Day(), 8, 0, 0, 0, now.Location())
	if now.Before(at.Add(time.Minute)) {
		return now.Add(-time.Minute)
	}
	return at
}

// Plug creates a new pseudo-terminal or pipe (a new Path) and serves it.
// It does nothing if the terminal is plugged in.
func (t *Terminal) Plug() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return fmt.Errorf("plug: %w", os.ErrClosed)
	}
	if t.master != nil {
		return nil
	}
	master, name, err := t.open()
	if err != nil {
		return err
	}
	t.master = master
	t.path = name
	t.stop, t.done = make(chan struct{}), make(chan struct{})
	go t.serve(t.master, t.stop, t.done)
	return nil
}

// Unplug makes the terminal vanish as if its cable were pulled: the master
// closes, the device node goes away, and the app's reads fail. It waits for
// the serving goroutine to exit. It does nothing if already unplugged.
func (t *Terminal) Unplug() error {
	t.mu.Lock()
	m, stop, done := t.master, t.stop, t.done
	t.master = nil
	t.mu.Unlock()
	if m == nil {
		return nil
	}
	close(stop)
	err := m.Close()
	<-done
	return err
}

// Close unplugs the terminal for good.
func (t *Terminal) Close() error {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	return t.Unplug()
}

// unplugSelf is Unplug called from the serving goroutine.
func (t *Terminal) unplugSelf(m line) {
	t.mu.Lock()
	if t.master == m {
		t.master = nil
	}
	t.mu.Unlock()
	m.Close()
}

// masterReader reads the master side. While no one has the slave open the
// master reads EIO; it then waits a little and tries again, until stop. A
// byte read too early (an STX where an ACK was expected) can be put back.
type masterReader struct {
	m       line
	stop    chan struct{}
	pending []byte
}

func (r *masterReader) unread(b byte) { r.pending = append(r.pending, b) }

// Read implements io.Reader.
func (r *masterReader) Read(b []byte) (int, error) {
	if len(r.pending) > 0 && len(b) > 0 {
		n := copy(b, r.pending)
		r.pending = r.pending[n:]
		return n, nil
	}
	for {
		n, err := r.m.Read(b)
		if n > 0 || err == nil {
			return n, nil
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return 0, err
		}
		if !errors.Is(err, syscall.EIO) {
			return 0, io.EOF
		}
		select {
		case <-r.stop:
			return 0, io.EOF
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// serve answers frames until stop or until the master closes.
func (t *Terminal) serve(m line, stop, done chan struct{}) {
	defer close(done)
	r := &masterReader{m: m, stop: stop}
	for {
		if scen := t.Scenario(); otherProtocol(scen) {
			if !t.serveOther(m, r, stop, scen) {
				return
			}
			continue
		}
		m.SetReadDeadline(time.Time{})
		data, _, err := wire.ReadFrame(r)
		var fe *wire.FrameError
		if errors.As(err, &fe) {
			m.Write([]byte{wire.NAK})
			continue
		}
		if err != nil {
			return
		}
		t.requests.Add(1)
		if !t.answer(m, r, stop, data) {
			return
		}
	}
}

// answer handles one request frame. It returns false when the terminal
// went away (unplug scenario, or stop).
func (t *Terminal) answer(m line, r *masterReader, stop chan struct{}, req []byte) bool {
	t.mu.Lock()
	scen, unplugAfter, slow := t.cfg.Scenario, t.cfg.UnplugAfter, t.cfg.SlowDelay
	t.mu.Unlock()

	switch scen {
	case ScenarioNAKStorm:
		m.Write([]byte{wire.NAK})
		return true
	case ScenarioSlow:
		select {
		case <-stop:
			return false
		case <-time.After(slow):
		}
	}
	reply := t.reply(req)
	frame, err := wire.AppendFrame(nil, reply)
	if err != nil {
		frame, _ = wire.AppendFrame(nil, wire.MarshalRejection(wire.ResultFailed))
	}
	if scen == ScenarioBadLRC {
		frame[len(frame)-1] ^= 0xFF
	}
	out := append([]byte{wire.ACK}, frame...)
	if scen == ScenarioGarbage {
		out = append(append([]byte("\xff~noise~"), wire.ACK), append([]byte("\x00junk\xfe"), frame...)...)
	}
	if scen == ScenarioUnplug {
		m.Write(out[:min(unplugAfter, len(out))])
		t.unplugSelf(m)
		return false
	}
	for try := 0; try <= 3; try++ {
		if try > 0 {
			out = frame
		}
		if _, err := m.Write(out); err != nil {
			return true
		}
		// Wait for the app's ACK or NAK; resend on NAK.
		m.SetReadDeadline(time.Now().Add(2 * time.Second))
		var b [1]byte
		n, err := r.Read(b[:])
		m.SetReadDeadline(time.Time{})
		if n == 1 && b[0] == wire.STX {
			r.unread(b[0]) // the app gave up on this reply and sent a new request
		}
		if err != nil || n == 0 || b[0] != wire.NAK {
			return err == nil || errors.Is(err, os.ErrDeadlineExceeded)
		}
	}
	return true
}

// reply builds the reply payload for a request payload.
func (t *Terminal) reply(req []byte) []byte {
	cmd, err := wire.ParseRequest(req)
	if err != nil {
		return wire.MarshalRejection(wire.ResultUnsupported)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.cfg.Now()
	switch cmd {
	case wire.CmdStatus:
		return device.MarshalStatus(t.status(now))
	case wire.CmdLastTxn:
		lt, err := t.lastTxn(now)
		if err != nil {
			return wire.MarshalRejection(wire.ResultFailed)
		}
		return device.MarshalLastTxn(lt)
	case wire.CmdSignIn:
		t.signedIn, t.keys = now, device.KeysOK
		return device.MarshalSignIn(device.SignInResult{Time: now, Keys: device.KeysOK})
	}
	return wire.MarshalRejection(wire.ResultUnsupported)
}

// status is what the terminal reports in its scenario. Callers hold mu.
func (t *Terminal) status(now time.Time) device.Status {
	s := device.Status{
		Model: "POS Doctor SIM-1", Serial: "SIM0001234567", Firmware: CurrentFirmware, AppVersion: currentApp,
		Clock: now.Truncate(time.Second), LastSignIn: t.signedIn, Keys: t.keys,
		Host: t.cfg.Host, TPDU: t.cfg.TPDU, TID: t.cfg.TID, MID: t.cfg.MID,
		Comm: device.CommMobile, Signal: 85, Paper: device.PaperOK, Battery: 90,
	}
	switch t.cfg.Scenario {
	case ScenarioClockOff:
		s.Clock = s.Clock.Add(t.cfg.ClockOffset)
	case ScenarioOldFirmware:
		s.Firmware, s.AppVersion = t.cfg.Firmware, t.cfg.App
	case ScenarioReaderFault:
		s.SelfTest.CardReader = device.PartFault
	case ScenarioNoPaper:
		s.Paper = device.PaperOut
	case ScenarioWeakSignal:
		s.Signal = 12
	}
	return s
}

// lastTxn is the last transaction in the scenario. Callers hold mu.
func (t *Terminal) lastTxn(now time.Time) (device.LastTxn, error) {
	code := "00"
	switch t.cfg.Scenario {
	case ScenarioNotSignedIn:
		return device.LastTxn{Local: device.LocalNone}, nil
	case ScenarioKeysBad:
		code = "A0"
	case ScenarioCode:
		code = t.cfg.Code
	}
	at := now.Add(-3 * time.Minute).Truncate(time.Second)
	raw, err := saleResponse(code, t.cfg.TID, t.cfg.MID, t.cfg.TPDU, at)
	if err != nil {
		return device.LastTxn{}, err
	}
	local := device.LocalApproved
	if code != "00" {
		local = device.LocalDeclined
	}
	return device.LastTxn{Raw: raw, Local: local, Time: at, Type: device.TxnSale, Code: code}, nil
}
