package sim

import (
	"errors"
	"fmt"

	"posdoctor/device"
)

// World is a simulated world running in this process: a terminal (on
// Linux a pseudo-terminal reached through the real serial library,
// elsewhere an in-process pipe behind the same device.Link), an acquirer
// host on loopback that the terminal's status names, and how the USB world
// around them looks (no device at all, a port another program holds). The
// CLI's check and diagnose --sim, the GUI's --demo and training rehearsals
// all start one.
type World struct {
	term *Terminal
	host *Host
	spec Spec
}

// Start starts the world spec names (see ParseSpec): comma-separated world
// faults, terminal scenarios, parametrised forms such as "code=55" and host
// faults such as "host-refuse"; "" is a healthy world. It returns
// ErrUnknownFault (wrapped, naming the part) for a part it does not know or
// a parameter it cannot read, and ErrUnsupported (wrapped) where no
// simulated terminal can be made (on Linux, no pseudo-terminal). Close
// stops what Start started.
func Start(spec string) (*World, error) {
	s, err := ParseSpec(spec)
	if err != nil {
		return nil, badFault(err)
	}
	h, err := NewHost(s.Host)
	if err != nil {
		return nil, err
	}
	tc := s.Terminal
	tc.Host = h.Addr()
	t, err := NewTerminal(tc)
	if err != nil {
		h.Close()
		if errors.Is(err, ErrUnknownScenario) || errors.Is(err, ErrBadCode) {
			return nil, badFault(err)
		}
		if !errors.Is(err, ErrUnsupported) {
			err = fmt.Errorf("%w: %w", ErrUnsupported, err)
		}
		return nil, err
	}
	return &World{term: t, host: h, spec: s}, nil
}

// badFault makes err, a rejected spec, match ErrUnknownFault.
func badFault(err error) error {
	if errors.Is(err, ErrUnknownFault) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrUnknownFault, err)
}

// Port returns the simulated terminal's device path (/dev/pts/N, or
// pipe:sim-N, which device.Open opens in this process only), or "" in the
// "no-device" world, where detection must find the terminal and cannot.
func (w *World) Port() string {
	if w.spec.NoDevice {
		return ""
	}
	return w.term.Path()
}

// Host returns the simulated acquirer host's address, "127.0.0.1:port".
func (w *World) Host() string { return w.host.Addr() }

// Opener returns the port opener for device.LinkOptions.Opener: in the
// "port-busy" world one that reports the terminal's port held by
// busyHolder (BusyOpener), otherwise nil (device.OpenPort).
func (w *World) Opener() func(path string, baud int) (device.Port, error) {
	if w.spec.PortBusy {
		return BusyOpener(w.term.Path())
	}
	return nil
}

// Lister returns what detection lists ports with: in the "no-device" world
// one that finds nothing (EmptyLister), otherwise nil (the system's).
func (w *World) Lister() device.Lister {
	if w.spec.NoDevice {
		return EmptyLister{}
	}
	return nil
}

// Close stops the terminal and the host and waits for their goroutines.
func (w *World) Close() {
	w.term.Close()
	w.host.Close()
}
