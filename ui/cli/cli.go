package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"posdoctor/device"
	"posdoctor/ui/checks"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// Exit codes shared by every sub-command.
const (
	ExitOK      = 0 // done; nothing wrong found
	ExitProblem = 1 // ran, and found a problem (a failed check, a decline)
	ExitUsage   = 2 // bad arguments or input that could not be read
)

// Env is what a sub-command may use: its streams, the translator for the
// user's language, and facts about the build. Tests build one with buffers.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Tr             *i18n.Translator
	Version        string // e.g. "0.1.0"
	Commit         string // short VCS revision, or "unknown"
	// DataDir overrides where the local history lives (tests, --data).
	DataDir string
	// Now is the clock stamped into reports; nil means time.Now. Tests fix
	// it so a timestamp never looks like a card number by chance.
	Now func() time.Time
	// Deps replaces what the commands reach outside the process through;
	// main leaves it zero (the real ones), tests set it.
	Deps Deps
}

// Deps are the seams tests use instead of the real terminal, network and
// history. Every field may be nil: the real one is used.
type Deps struct {
	// Registry builds the checks and actions diagnose runs; nil builds
	// the real terminal, network and host checks (the simulator's for
	// --sim). The returned func releases what it opened; it is called
	// once, when the diagnosis ends.
	Registry func(ctx context.Context, env *Env, opts RegistryOptions) (*wizard.Registry, func(), error)
	// SaveSession, when set, is called after every diagnose step with the
	// session instead of saving it to the history.
	SaveSession func(env *Env, s *wizard.Session) error
	// Lister is where `devices` lists ports; nil is device.SystemLister.
	Lister device.Lister
	// TuneChecks adjusts the checks' configuration before they run
	// (check, diagnose): tests keep the network on loopback through it.
	TuneChecks func(*checks.Config)
}

// registry returns the registry builder to use.
func (env *Env) registry() func(context.Context, *Env, RegistryOptions) (*wizard.Registry, func(), error) {
	if env.Deps.Registry != nil {
		return env.Deps.Registry
	}
	return deviceRegistry
}

// lister returns where to list ports.
func (env *Env) lister() device.Lister {
	if env.Deps.Lister != nil {
		return env.Deps.Lister
	}
	return device.SystemLister{}
}

// tuneChecks applies Deps.TuneChecks, if any, to cfg.
func (env *Env) tuneChecks(cfg *checks.Config) {
	if env.Deps.TuneChecks != nil {
		env.Deps.TuneChecks(cfg)
	}
}

// now reads env's clock.
func (env *Env) now() time.Time {
	if env.Now != nil {
		return env.Now()
	}
	return time.Now()
}

// command is one sub-command: its name, the translation key of its one-line
// summary, and what it runs. args excludes the command name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

// commands is the table of sub-commands. Add a row per command, its code in
// a file of the same name.
var commands = []command{
	{name: "version", summary: "cli.version.summary", run: runVersion},
	{name: "decode", summary: "decode.cmd.summary", run: runDecode},
	{name: "training", summary: "training.cli.summary", run: runTraining},
	{name: "devices", summary: "device.cli.devices.summary", run: runDevices},
	{name: "sim", summary: "device.cli.sim.summary", run: runSim},
	{name: "check", summary: "cli.check.summary", run: runCheck},
	{name: "diagnose", summary: "wizard.diagnose.summary", run: runDiagnose},
	{name: "history", summary: "store.cli.history.summary", run: runHistory},
	{name: "export", summary: "report.cli.summary", run: runExport},
	{name: "backup", summary: "store.cli.backup.summary", run: runBackup},
	{name: "restore", summary: "store.cli.restore.summary", run: runRestore},
}

// help is answered by Run itself: listing it in commands would make the
// table refer to itself.
var help = command{name: "help", summary: "cli.help.summary"}

func lookup(name string) (command, bool) {
	if name == help.name || name == "-h" || name == "--help" {
		return help, true
	}
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// Run runs the sub-command named by args[0] and returns its exit code. An
// unknown command prints the usage to Stderr and returns ExitUsage.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		usage(env.Stderr, env.Tr)
		return ExitUsage
	}
	c, ok := lookup(args[0])
	if !ok {
		fmt.Fprintln(env.Stderr, env.Tr.T("cli.unknown", "name", args[0]))
		usage(env.Stderr, env.Tr)
		return ExitUsage
	}
	if c.name == help.name {
		usage(env.Stdout, env.Tr)
		return ExitOK
	}
	return c.run(ctx, env, args[1:])
}

func usage(w io.Writer, tr *i18n.Translator) {
	fmt.Fprintln(w, tr.T("cli.usage"))
	all := append([]command{help}, commands...)
	names := make([]string, 0, len(all))
	width := 0
	for _, c := range all {
		names = append(names, c.name)
		width = max(width, len(c.name))
	}
	sort.Strings(names)
	for _, n := range names {
		c, _ := lookup(n)
		fmt.Fprintf(w, "  %s%s  %s\n", n, strings.Repeat(" ", width-len(n)), tr.T(c.summary))
	}
	fmt.Fprintln(w, tr.T("cli.usage.gui"))
}

func runVersion(_ context.Context, env *Env, args []string) int {
	pos, code, ok := parseArgs(env, newFlagSet("version"), args, "storebranch.version.usage")
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageError(env, "storebranch.version.usage")
	}
	fmt.Fprintf(env.Stdout, "POS Doctor %s (%s)\n", env.Version, env.Commit)
	return ExitOK
}
