package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"posdoctor/device/sim"
)

// errSimUnsupported is returned by startSim where no simulated terminal can
// be made (on Linux, no pseudo-terminal; elsewhere it runs on a pipe).
var errSimUnsupported = errors.New("cli: simulation not supported on this system")

// errBadSim is returned by startSim for a scenario it does not know.
var errBadSim = errors.New("cli: unknown simulation scenario")

// simWorld is a simulated terminal and acquirer host in this process; the
// terminal's status reports the host's address.
type simWorld struct {
	term *sim.Terminal
	host *sim.Host
}

// hostSlowDelay is how long the "host-slow" host waits before answering:
// past netcheck.EchoSlow, inside the default 3 s deadline.
const hostSlowDelay = 2200 * time.Millisecond

// startSim starts the world spec names: comma-separated parts, each a
// terminal scenario ("healthy", "not-signed-in", …), "code=NN" (the last
// transaction declined with NN), or "host-FAULT" (a sim.HostFault name).
// It returns errBadSim (wrapped) for a part it does not know.
func startSim(spec string) (*simWorld, error) {
	tc := sim.TerminalConfig{Scenario: sim.ScenarioHealthy}
	var hc sim.HostConfig
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		switch {
		case strings.HasPrefix(part, "code="):
			tc.Scenario, tc.Code = sim.ScenarioCode, strings.TrimPrefix(part, "code=")
		case strings.HasPrefix(part, "host-"):
			f, err := sim.ParseHostFault(strings.TrimPrefix(part, "host-"))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", part, errBadSim)
			}
			hc.Fault = f
			hc.Delay = hostSlowDelay
			hc.CloseAfter = 1
		case isScenario(part):
			tc.Scenario = part
		default:
			return nil, fmt.Errorf("%s: %w", part, errBadSim)
		}
	}
	h, err := sim.NewHost(hc)
	if err != nil {
		return nil, err
	}
	tc.Host = h.Addr()
	t, err := sim.NewTerminal(tc)
	if err != nil {
		h.Close()
		if errors.Is(err, sim.ErrUnknownScenario) || errors.Is(err, sim.ErrBadCode) {
			return nil, fmt.Errorf("%s: %w", spec, errBadSim)
		}
		return nil, fmt.Errorf("%w: %w", errSimUnsupported, err)
	}
	return &simWorld{term: t, host: h}, nil
}

func isScenario(name string) bool {
	for _, s := range sim.Scenarios() {
		if s.Name == name {
			return true
		}
	}
	return false
}

// simNames lists what startSim accepts, for the error message.
func simNames() []string {
	var out []string
	for _, s := range sim.Scenarios() {
		out = append(out, s.Name)
	}
	out = append(out, "code=NN")
	for f := sim.HostHealthy + 1; f <= sim.HostCloseAfter; f++ {
		out = append(out, "host-"+f.String())
	}
	return out
}

func (w *simWorld) port() string     { return w.term.Path() }
func (w *simWorld) hostAddr() string { return w.host.Addr() }

func (w *simWorld) close() {
	w.term.Close()
	w.host.Close()
}
