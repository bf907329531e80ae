package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"posdoctor/device/sim"
)

// runSim runs a simulated card terminal until ctx is done (Ctrl-C):
//
//	posdoctor sim --scenario NAME [--code CODE] [--host HOST:PORT] [--tpdu HEX] [--tid TID] [--mid MID]
//
// It prints the device path to open (a /dev/pts/N) on the first line.
// An unknown scenario prints the list and exits ExitUsage.
func runSim(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var cfg sim.TerminalConfig
	var tpdu string
	list := fs.Bool("list", false, "")
	fs.StringVar(&cfg.Scenario, "scenario", sim.ScenarioHealthy, "")
	fs.StringVar(&cfg.Code, "code", "", "")
	fs.StringVar(&cfg.Host, "host", "", "")
	fs.StringVar(&tpdu, "tpdu", "", "")
	fs.StringVar(&cfg.TID, "tid", "", "")
	fs.StringVar(&cfg.MID, "mid", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.usage"))
		return ExitUsage
	}
	if *list {
		printScenarios(env.Stdout, env)
		return ExitOK
	}
	if tpdu != "" {
		b, err := hex.DecodeString(tpdu)
		if err != nil || len(b) != 5 {
			fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.usage"))
			return ExitUsage
		}
		cfg.TPDU = b
	}
	if cfg.Code != "" && cfg.Scenario == sim.ScenarioHealthy {
		cfg.Scenario = sim.ScenarioCode // --code alone means "last transaction answered CODE"
	}
	if strings.Contains(cfg.Scenario, "=") {
		// A parametrised terminal form (clock-off=-30, firmware=V1.0):
		// this command runs a terminal only, so world and host faults
		// are for check --sim.
		spec, err := sim.ParseSpec(cfg.Scenario)
		if err != nil || spec.NoDevice || spec.PortBusy || spec.Host != (sim.HostConfig{}) {
			fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.error", "err", cfg.Scenario))
			printScenarios(env.Stderr, env)
			return ExitUsage
		}
		code := cfg.Code
		st := spec.Terminal
		cfg.Scenario, cfg.ClockOffset, cfg.Firmware = st.Scenario, st.ClockOffset, st.Firmware
		if st.Code != "" {
			cfg.Code = st.Code
		} else {
			cfg.Code = code
		}
	}
	term, err := sim.NewPTYTerminal(cfg) // another program opens it: no pipe
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.error", "err", err.Error()))
		if errors.Is(err, sim.ErrUnknownScenario) {
			printScenarios(env.Stderr, env)
		}
		if errors.Is(err, sim.ErrUnknownScenario) || errors.Is(err, sim.ErrBadCode) {
			return ExitUsage
		}
		return ExitProblem
	}
	fmt.Fprintln(env.Stdout, term.Path())
	fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.ready", "path", term.Path(), "scenario", term.Scenario()))
	<-ctx.Done()
	term.Close()
	fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.sim.stopped"))
	return ExitOK
}

// printScenarios lists every fault a simulated world can stage, grouped:
// USB and port, terminal behaviour, parametrised forms and host faults.
func printScenarios(w io.Writer, env *Env) {
	fmt.Fprintln(w, env.Tr.T("device.cli.sim.scenarios"))
	groups := []string{sim.GroupWorld: "device.cli.sim.group.world", sim.GroupTerminal: "device.cli.sim.group.terminal",
		sim.GroupParam: "device.cli.sim.group.param", sim.GroupHost: "device.cli.sim.group.host"}
	last := sim.FaultGroup(-1)
	for _, f := range sim.Faults() {
		if f.Group != last {
			last = f.Group
			fmt.Fprintln(w, " "+env.Tr.T(groups[f.Group]))
		}
		fmt.Fprintf(w, "  %-20s %s\n", f.Name, env.Tr.T(f.Key))
	}
	fmt.Fprintln(w, env.Tr.T("device.cli.sim.list.hint"))
}
