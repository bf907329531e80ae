package cli

import "posdoctor/ui/checks"

// Demo is a simulated terminal (on Linux a pseudo-terminal reached through
// the real serial library; elsewhere, Windows included, an in-process pipe
// behind the same device.Link) and a simulated payment host on loopback,
// for `posdoctor --demo` and training rehearsals.
type Demo struct{ w *simWorld }

// StartDemo starts a simulated world. spec is what `posdoctor check --sim`
// takes: comma-separated parts, each a terminal scenario ("healthy",
// "not-signed-in", …), "code=NN", or "host-FAULT". Returns an error for an
// unknown part, or where no pseudo-terminal can be made on Linux.
func StartDemo(spec string) (*Demo, error) {
	w, err := startSim(spec)
	if err != nil {
		return nil, err
	}
	return &Demo{w: w}, nil
}

// Port returns the simulated terminal's device path: /dev/pts/N, or
// pipe:sim-N, which device.Open opens in this process only.
func (d *Demo) Port() string { return d.w.port() }

// Host returns the simulated payment host's address, "127.0.0.1:port".
func (d *Demo) Host() string { return d.w.hostAddr() }

// Close stops the terminal and the host and waits for their goroutines.
func (d *Demo) Close() { d.w.close() }

// Configure points a checks configuration at the simulated world: its
// terminal's port, or no terminal at all (the "no-device" fault), or a port
// another program holds ("port-busy"). The GUI can call it where it now
// sets only Port, so those faults reach the wizard too.
func (d *Demo) Configure(cfg *checks.Config) { d.w.configure(cfg) }
