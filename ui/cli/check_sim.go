package cli

import (
	"errors"
	"fmt"

	"posdoctor/device/sim"
	"posdoctor/ui/checks"
)

// errSimUnsupported is returned by startSim where no simulated terminal can
// be made (on Linux, no pseudo-terminal; elsewhere it runs on a pipe).
var errSimUnsupported = errors.New("cli: simulation not supported on this system")

// errBadSim is returned by startSim for a scenario it does not know.
var errBadSim = errors.New("cli: unknown simulation scenario")

// simWorld is a simulated terminal and acquirer host in this process; the
// terminal's status reports the host's address. spec says how the world
// around them looks (no device on USB, a busy port).
type simWorld struct {
	term *sim.Terminal
	host *sim.Host
	spec sim.Spec
}

// startSim starts the world spec names (sim.ParseSpec: world faults,
// terminal scenarios, "code=NN" and the other parametrised forms, and
// "host-FAULT"). It returns errBadSim (wrapped) for a part it does not
// know.
func startSim(spec string) (*simWorld, error) {
	s, err := sim.ParseSpec(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", spec, errBadSim, err)
	}
	h, err := sim.NewHost(s.Host)
	if err != nil {
		return nil, err
	}
	tc := s.Terminal
	tc.Host = h.Addr()
	t, err := sim.NewTerminal(tc)
	if err != nil {
		h.Close()
		if errors.Is(err, sim.ErrUnknownScenario) || errors.Is(err, sim.ErrBadCode) {
			return nil, fmt.Errorf("%s: %w", spec, errBadSim)
		}
		return nil, fmt.Errorf("%w: %w", errSimUnsupported, err)
	}
	return &simWorld{term: t, host: h, spec: s}, nil
}

// simNames lists what startSim accepts, for the error message.
func simNames() []string {
	var out []string
	for _, f := range sim.Faults() {
		out = append(out, f.Name)
	}
	return out
}

// configure points cfg at the simulated world: its terminal's port, or no
// terminal at all ("no-device"), or a port another program holds
// ("port-busy").
func (w *simWorld) configure(cfg *checks.Config) {
	cfg.Port = w.term.Path()
	if w.spec.PortBusy {
		cfg.LinkOptions.Opener = sim.BusyOpener(w.term.Path())
	}
	if w.spec.NoDevice {
		cfg.Port, cfg.Lister = "", sim.EmptyLister{}
	}
}

func (w *simWorld) port() string {
	if w.spec.NoDevice {
		return ""
	}
	return w.term.Path()
}
func (w *simWorld) hostAddr() string { return w.host.Addr() }

func (w *simWorld) close() {
	w.term.Close()
	w.host.Close()
}
