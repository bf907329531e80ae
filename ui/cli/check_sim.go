package cli

import (
	"posdoctor/device/sim"
	"posdoctor/ui/checks"
)

// simNames lists what sim.Start accepts, for the message about a bad name.
func simNames() []string {
	var out []string
	for _, f := range sim.Faults() {
		out = append(out, f.Name)
	}
	return out
}

// configureSim points cfg at the simulated world: its terminal's port, or
// no terminal at all ("no-device"), or a port another program holds
// ("port-busy").
func configureSim(cfg *checks.Config, w *sim.World) {
	cfg.Port = w.Port()
	if o := w.Opener(); o != nil {
		cfg.LinkOptions.Opener = o
	}
	if l := w.Lister(); l != nil {
		cfg.Lister = l
	}
}
