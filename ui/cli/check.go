package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/ui/checks"
	"posdoctor/wizard"
)

// checkLine is one check's result as `check --json` prints it: the raw
// result plus its words in the user's language.
type checkLine struct {
	ID       wizard.CheckID    `json:"id"`
	Title    string            `json:"title"`
	Outcome  wizard.Outcome    `json:"outcome"`
	Key      string            `json:"summary_key"`
	Summary  string            `json:"summary"`
	Args     map[string]string `json:"args,omitempty"`
	Evidence []evidenceLine    `json:"evidence,omitempty"`
	Code     string            `json:"code,omitempty"`
	Detail   string            `json:"detail,omitempty"`
}

type evidenceLine struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// checkReport is the whole `check --json` document.
type checkReport struct {
	OK      bool        `json:"ok"`
	Seconds float64     `json:"seconds"`
	Checks  []checkLine `json:"checks"`
}

// runCheck runs every automatic check (terminal, the PC's network, the
// acquirer host) concurrently and prints a table, or JSON with --json.
// Exit 0 when none warns or fails, 1 when any does, 2 on bad arguments.
func runCheck(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	host := fs.String("host", "", env.Tr.T("cli.check.flag.host"))
	port := fs.String("port", "", env.Tr.T("cli.check.flag.port"))
	simSpec := fs.String("sim", "", env.Tr.T("cli.check.flag.sim"))
	timeout := fs.Duration("timeout", checks.DefaultTimeout, env.Tr.T("cli.check.flag.timeout"))
	asJSON := fs.Bool("json", false, env.Tr.T("cli.check.flag.json"))
	tid := fs.String("tid", "", env.Tr.T("cli.check.flag.tid"))
	mid := fs.String("mid", "", env.Tr.T("cli.check.flag.mid"))
	signIn := fs.Bool("signin-probe", false, env.Tr.T("cli.check.flag.signin"))
	if code, ok := parseOptions(env, fs, args, "cli.check.usage"); !ok {
		return code
	}
	if *timeout <= 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("cli.check.bad_timeout"))
		return ExitUsage
	}
	cfg := checks.Config{Port: *port, Timeout: *timeout, SignInProbe: *signIn, Minimums: wizard.ParseSupport(assets.Support).Minimums}
	cfg.Settings.TID, cfg.Settings.MID = *tid, *mid
	if *host != "" {
		ep, err := netcheck.ParseEndpoint(*host)
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("cli.check.bad_host", "host", *host))
			return ExitUsage
		}
		ep.Source = checks.SourceOverride
		cfg.Host = ep
	}
	if *simSpec != "" {
		w, err := sim.Start(*simSpec)
		switch {
		case errors.Is(err, sim.ErrUnsupported):
			fmt.Fprintln(env.Stderr, env.Tr.T("cli.check.sim_unsupported"))
			return ExitUsage
		case err != nil:
			fmt.Fprintln(env.Stderr, env.Tr.T("cli.check.bad_sim", "name", *simSpec, "list", strings.Join(simNames(), ", ")))
			return ExitUsage
		}
		defer w.Close()
		configureSim(&cfg, w)
		if !*asJSON {
			fmt.Fprintln(env.Stderr, env.Tr.T("cli.check.sim_started", "port", w.Port(), "host", w.Host()))
		}
	} else {
		cfg.PublicServices = lakalaServices()
	}

	env.tuneChecks(&cfg)
	if *simSpec == "" { // a simulated terminal is practice, not history
		rec := &statusRecorder{env: env, port: cfg.Port}
		defer rec.close()
		cfg.OnStatus = rec.record
	}
	reg, closeFn := checks.Registry(ctx, cfg)
	defer closeFn()
	start := time.Now()
	results := reg.RunAll(ctx, checks.AutoChecks, cfg.Timeout, nil)
	report := checkReport{OK: true, Seconds: time.Since(start).Seconds()}
	for _, id := range checks.AutoChecks {
		r := results[id]
		if r.Outcome == wizard.Warn || r.Outcome == wizard.Fail {
			report.OK = false
		}
		report.Checks = append(report.Checks, describe(env, id, r))
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return ExitProblem
		}
	} else {
		printTable(env.Stdout, env, report)
	}
	if !report.OK {
		return ExitProblem
	}
	return ExitOK
}

// describe puts a result into words.
func describe(env *Env, id wizard.CheckID, r wizard.Result) checkLine {
	l := checkLine{ID: id, Title: env.Tr.T(id.TitleKey()), Outcome: r.Outcome,
		Key: r.Summary, Summary: env.Tr.T(r.Summary, argsKV(env, r.Args)...), Args: r.Args, Code: r.Code, Detail: r.Detail}
	for _, f := range r.Evidence {
		l.Evidence = append(l.Evidence, evidenceLine{Key: f.Key, Label: env.Tr.T(f.Key), Value: valueText(env, f.Value)})
	}
	return l
}

// argsKV turns template arguments into T's name/value list, translating
// values that are translation keys themselves (such as "device.comm.4g").
func argsKV(env *Env, args map[string]string) []any {
	names := make([]string, 0, len(args))
	for k := range args {
		names = append(names, k)
	}
	sort.Strings(names)
	kv := make([]any, 0, 2*len(args))
	for _, k := range names {
		kv = append(kv, k, valueText(env, args[k]))
	}
	return kv
}

// valueText translates a value that is a translation key, and keeps any
// other value (a number, an address) as it is.
func valueText(env *Env, v string) string {
	if strings.Contains(v, ".") && env.Tr.Has(v) {
		return env.Tr.T(v)
	}
	return v
}

// printTable writes one block per check: a badge, the title and the
// summary, then the evidence indented.
func printTable(w io.Writer, env *Env, rep checkReport) {
	fmt.Fprintln(w, env.Tr.T("cli.check.header"))
	fmt.Fprintln(w)
	for _, l := range rep.Checks {
		fmt.Fprintf(w, "[%s] %s: %s\n", env.Tr.T(l.Outcome.Key()), l.Title, l.Summary)
		for _, e := range l.Evidence {
			if e.Value == "" {
				fmt.Fprintf(w, "       %s\n", e.Label)
				continue
			}
			fmt.Fprintf(w, "       %s: %s\n", e.Label, e.Value)
		}
	}
	fmt.Fprintln(w)
	problems := 0
	for _, l := range rep.Checks {
		if l.Outcome == wizard.Warn || l.Outcome == wizard.Fail {
			problems++
		}
	}
	took := env.Tr.T("cli.check.took", "seconds", strconv.FormatFloat(rep.Seconds, 'f', 2, 64))
	if problems == 0 {
		fmt.Fprintln(w, env.Tr.T("cli.check.all_ok"), took)
		return
	}
	fmt.Fprintln(w, env.Tr.T("cli.check.problems", "count", problems), took)
}

// deviceRegistry builds the device-backed registry for diagnose: the real
// terminal and network, or the simulated world opts.Sim names (see
// sim.Start). It is the default Deps.Registry; the returned func closes the
// link and the simulation.
func deviceRegistry(ctx context.Context, env *Env, opts RegistryOptions) (*wizard.Registry, func(), error) {
	cfg := checks.Config{Minimums: wizard.ParseSupport(assets.Support).Minimums}
	var w *sim.World
	if opts.Sim != "" {
		var err error
		if w, err = sim.Start(opts.Sim); err != nil {
			return nil, nil, err
		}
		configureSim(&cfg, w)
	} else {
		cfg.PublicServices = lakalaServices()
	}
	env.tuneChecks(&cfg)
	if opts.Journal != nil {
		port := cfg.Port
		cfg.OnStatus = func(st device.Status, at time.Time) {
			// A status that could not be recorded is not worth stopping
			// for: saving the session reports a history that fails.
			_ = opts.Journal.RecordStatus(port, st, at)
		}
	}
	reg, closeFn := checks.Registry(ctx, cfg)
	return reg, func() {
		closeFn()
		if w != nil {
			w.Close()
		}
	}, nil
}

// lakalaServices returns the Lakala public addresses shipped in assets,
// which the network checks test when no payment host is known.
func lakalaServices() []netcheck.Service {
	s, err := netcheck.ParseServices(assets.LakalaServices())
	if err != nil {
		return nil // a broken asset is caught by netcheck's tests
	}
	return s
}
