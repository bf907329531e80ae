//go:build windows

package cli

import (
	"errors"

	"posdoctor/ui/checks"
)

// errSimUnsupported is returned by startSim: the simulated terminal needs a
// pseudo-terminal, which this system does not offer.
var errSimUnsupported = errors.New("cli: simulation not supported on this system")

type simWorld struct{}

func startSim(string) (*simWorld, error) { return nil, errSimUnsupported }

func simNames() []string { return nil }

func (*simWorld) port() string     { return "" }
func (*simWorld) hostAddr() string { return "" }
func (*simWorld) close()           {}

func (*simWorld) configure(*checks.Config) {}
