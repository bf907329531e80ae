package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"posdoctor/device"
)

// deviceJSON is one line of `posdoctor devices --json`.
type deviceJSON struct {
	device.PortInfo
	Kind       device.Kind       `json:"kind"`
	Evidence   string            `json:"evidence,omitempty"`
	VerdictKey string            `json:"verdict_key"`
	Args       map[string]string `json:"args,omitempty"`
	Verdict    string            `json:"verdict"`
}

// runDevices lists what detection sees, with the verdict for each port:
//
//	posdoctor devices [--json]
//
// It exits ExitOK when a card terminal is among them, ExitProblem when
// none is (or listing failed).
func runDevices(ctx context.Context, env *Env, args []string) int {
	asJSON := false
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		default:
			fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.devices.usage"))
			return ExitUsage
		}
	}
	cands, err := device.Detect(ctx, env.lister())
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("device.cli.devices.error", "err", err.Error()))
		return ExitProblem
	}
	_, pickErr := device.Pick(cands)
	if asJSON {
		out := make([]deviceJSON, 0, len(cands))
		for _, c := range cands {
			out = append(out, deviceJSON{PortInfo: c.Port, Kind: c.Kind, Evidence: c.Evidence,
				VerdictKey: c.VerdictKey, Args: c.Args, Verdict: verdict(env, c)})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitProblem
		}
	} else {
		if len(cands) == 0 {
			fmt.Fprintln(env.Stdout, env.Tr.T("device.cli.devices.none"))
			return ExitProblem
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		for _, c := range cands {
			name, id := c.Port.Name, "-"
			if name == "" {
				name = "-"
			}
			if c.Port.VID != "" {
				id = c.Port.VID + ":" + c.Port.PID
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", name, id, verdict(env, c))
		}
		tw.Flush()
		if pickErr != nil {
			fmt.Fprintln(env.Stdout, env.Tr.T("device.cli.devices.noterminal"))
		}
	}
	if pickErr != nil {
		return ExitProblem
	}
	return ExitOK
}

// verdict translates a candidate's verdict key with its arguments.
func verdict(env *Env, c device.Candidate) string {
	kv := make([]any, 0, 2*len(c.Args))
	for k, v := range c.Args {
		kv = append(kv, k, v)
	}
	return env.Tr.T(c.VerdictKey, kv...)
}
