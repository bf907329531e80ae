package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"

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

func printScenarios(w io.Writer, env *Env) {
	fmt.Fprintln(w, env.Tr.T("device.cli.sim.scenarios"))
	for _, s := range sim.Scenarios() {
		fmt.Fprintf(w, "  %-18s %s\n", s.Name, env.Tr.T(s.Key))
	}
}
