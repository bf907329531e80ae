// Command posdoctor finds why a card sale failed on a POS terminal.
//
// With no arguments (or only flags) it opens the GUI; with a sub-command
// (posdoctor help) it runs on the command line and never touches the
// display, so it works over SSH.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"posdoctor/assets"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui"
	"posdoctor/ui/cli"
	"posdoctor/ui/console"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// Stamped at build time: -ldflags "-X main.version=… -X main.commit=…";
// builds that lose the flags (fyne package's second Windows build) take
// them from FyneApp.toml and Go's VCS stamp instead (cli.Stamp).
var (
	version = cli.DevVersion
	commit  = cli.UnknownCommit
)

//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	args := os.Args[1:]
	gui := len(args) == 0 || strings.HasPrefix(args[0], "-")
	var fyneApp fyne.App
	var fontsReady func()
	if gui {
		// The window's fonts parse on other cores while the translations
		// load and the window is created (start-up time: issue 18).
		fyneApp = app.NewWithID(ui.AppID)
		fontsReady = ui.PreloadFonts(fyneApp)
	}
	catalog := sync.OnceValue(loadCatalog)
	go catalog() // the GUI needs it only once its window exists
	info, _ := debug.ReadBuildInfo()
	version, commit = cli.Stamp(version, commit, fyneAppTOML, info)
	userTr := func() *i18n.Translator {
		return catalog().Translator(i18n.Resolve(os.Getenv("POSDOCTOR_LANG"), i18n.SystemLocales()))
	}
	if !flowsValid(os.Stderr, userTr, wizard.Flows(), builtinChecks()) {
		os.Exit(cli.ExitUsage) // embedded; tests keep them valid
	}
	if !gui {
		os.Exit(runCLI(catalog(), args))
	}
	os.Exit(runGUI(fyneApp, fontsReady, catalog, args))
}

// loadCatalog parses the embedded translations; it ends the process if
// they are broken (tests keep them valid).
func loadCatalog() *i18n.Catalog {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		fmt.Fprintln(os.Stderr, "posdoctor: translations:", err)
		os.Exit(cli.ExitUsage)
	}
	return cat
}

// runCLI runs a sub-command in the language of POSDOCTOR_LANG or the system.
// On Windows the windowed .exe first attaches to the console it was typed
// in (ui/console).
func runCLI(cat *i18n.Catalog, args []string) int {
	if _, err := console.Attach(); err != nil {
		fmt.Fprintln(os.Stderr, "posdoctor:", err) // the streams that did open still work
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tr := cat.Translator(i18n.Resolve(os.Getenv("POSDOCTOR_LANG"), i18n.SystemLocales()))
	env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Tr: tr,
		Version: version, Commit: commit, DataDir: os.Getenv("POSDOCTOR_DATA")}
	return cli.Run(ctx, env, args)
}

// runGUI opens the window. Flags: --startup-probe (hidden) prints the
// milliseconds to the first frame and exits.
func runGUI(fyneApp fyne.App, fontsReady func(), catalog func() *i18n.Catalog, args []string) int {
	fs := flag.NewFlagSet("posdoctor", flag.ContinueOnError)
	probe := fs.Bool("startup-probe", false, "print milliseconds from process start to the first frame, then exit")
	idle := fs.Duration("idle-probe", 0, "with --startup-probe: wait this long, then print the resident memory")
	lang := fs.String("lang", "", "language for this run: zh-Hans or en")
	screen := fs.String("screen", "", "screen to open first (home, settings, about, …)")
	demo := fs.Bool("demo", false, "attach the simulated terminal and payment host")
	simSpec := fs.String("sim", "", "like --demo, with a scenario: not-signed-in, code=12, host-refuse, …")
	start := fs.String("start", "", "open a troubleshooting flow at once: main, waiting, money, selftest")
	list := fs.Bool("list-screens", false, "print the screen IDs, one a line, and exit")
	if err := fs.Parse(args); err != nil {
		return cli.ExitUsage
	}
	if *list {
		fmt.Println(strings.Join(ui.ScreenIDs(), "\n"))
		return cli.ExitOK
	}
	if !ui.DisplayReachable(2 * time.Second) {
		// Fyne would panic without a display, or with one that is set but
		// does not answer (over SSH, say): say what to do.
		tr := catalog().Translator(i18n.Resolve(os.Getenv("POSDOCTOR_LANG"), i18n.SystemLocales()))
		fmt.Fprintln(os.Stderr, tr.T("cli.nodisplay"))
		return cli.ExitUsage
	}
	opts := ui.Options{
		CatalogReady: catalog, Version: version, Commit: commit,
		Language: *lang, Screen: *screen,
		StartupProbe: *probe, IdleProbe: *idle, Started: ui.ProcessStart(), ProbeOut: os.Stdout,
	}
	opts.PublicServices, _ = netcheck.ParseServices(assets.LakalaServices()) // a broken asset fails netcheck's tests
	// The history opens on a goroutine of ui.New, while it creates the window.
	var db *store.DB
	closeLog := func() {}
	opts.OpenHistory = func() (*store.DB, string, error) {
		var err error
		var logPath string
		if db, err = openStore(); db != nil {
			logPath, closeLog = ui.StartLog(filepath.Dir(db.Path()))
		}
		return db, logPath, err
	}
	defer func() { // after New returned, so after the opening finished
		closeLog()
		if db != nil {
			db.Close()
		}
	}()
	if *demo && *simSpec == "" {
		*simSpec = "healthy"
	}
	if *simSpec != "" {
		d, err := sim.Start(*simSpec)
		if err != nil {
			fmt.Fprintln(os.Stderr, "posdoctor: simulator:", err)
			return cli.ExitUsage
		}
		defer d.Close()
		opts.DemoPort, opts.DemoHost = d.Port(), d.Host()
	}
	opts.FontsReady = fontsReady
	a := ui.New(fyneApp, opts)
	if *start != "" {
		a.Start(*start)
	}
	a.Run()
	a.Close()
	return cli.ExitOK
}

// openStore opens the local history where POSDOCTOR_DATA or the OS says.
// A damaged file is moved aside and restored from a backup inside Open.
func openStore() (*store.DB, error) {
	path, err := store.DefaultPath()
	if dir := os.Getenv("POSDOCTOR_DATA"); dir != "" {
		path, err = filepath.Join(dir, store.FileName), nil
	}
	if err != nil {
		return nil, err
	}
	return store.Open(path)
}
