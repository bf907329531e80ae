package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/ui/i18n"
)

// AppID is the application ID; FyneApp.toml declares the same.
const AppID = "cn.posdoctor.app"

// Preference keys. UI preferences live in Fyne's Preferences, not the store.
const (
	prefLanguage     = "language"      // "zh-Hans", "en", or "" for the system's
	prefLargeText    = "largeText"     // bool
	prefHighContrast = "highContrast"  // bool
	prefHost         = "acquirer.host" // "host:port" of the acquirer's payment host
	prefTPDU         = "acquirer.tpdu" // 10 hex digits
	prefTID          = "acquirer.tid"
	prefMID          = "acquirer.mid"
	prefLakala       = "lakala.services"      // Lakala public addresses, one "host:port" a line; "" = Options.PublicServices
	prefTerminal     = "terminal.preference"  // JSON of device.Preference
	prefTimeout      = "checks.timeout"       // seconds per check
	prefLakalaPhone  = "support.lakala.phone" // the support number shown when a remedy is "call Lakala"; "" for the shipped one
)

// Options configures the GUI. main.go fills it.
type Options struct {
	Catalog *i18n.Catalog
	Version string
	Commit  string
	// SystemLocales is the OS preference list; nil means ask the OS.
	SystemLocales []string
	// Language, when set, overrides the saved choice for this run only.
	Language string
	// Screen is the ID of the screen to open first ("home" when empty).
	Screen string

	// DB is the local history; nil when it could not be opened (DBErr says
	// why, and the GUI tells the user).
	DB    *store.DB
	DBErr error
	// Lister lists serial ports; nil means the system's.
	Lister device.Lister
	// DemoPort is the simulated terminal's device path in demo mode; the
	// terminal checks use it instead of detection.
	DemoPort string
	// DemoHost is the simulated payment host ("127.0.0.1:port") in demo mode.
	DemoHost string
	// LogPath is the app's log file, whose tail goes into support bundles.
	LogPath string
	// CatalogReady, when Catalog is nil, returns the translations; New asks
	// for them once the window exists, so that main can load them meanwhile.
	CatalogReady func() *i18n.Catalog
	// FontsReady, when set, is the wait PreloadFonts returned for this
	// app; otherwise New preloads the fonts itself.
	FontsReady func()
	// OpenHistory, when set, opens the history (filling DB, DBErr and
	// LogPath) on a goroutine of its own while New creates the window; New
	// waits for it only before it builds the first screen.
	OpenHistory func() (db *store.DB, logPath string, err error)
	// CheckTimeout is each automatic check's deadline (default 3 s).
	CheckTimeout time.Duration
	// PublicServices are Lakala's public addresses (from assets, set by
	// main) that the network checks test when no payment host is known;
	// Settings can replace them. Nil in tests: nothing leaves the machine.
	PublicServices []netcheck.Service

	// StartupProbe prints the milliseconds from Started to the first frame
	// to ProbeOut, then quits. With IdleProbe set it first waits that long
	// and prints the resident memory too (Linux).
	StartupProbe bool
	IdleProbe    time.Duration
	Started      time.Time
	ProbeOut     io.Writer

	// uiDo runs a function on the UI goroutine; nil means fyne.Do. Tests
	// queue instead and run the queue on the test goroutine.
	uiDo func(func())
	// tuneChecks adjusts the checks' configuration (tests: a fake network).
	tuneChecks func(*checks.Config)
	// openURL opens a folder or link; nil means the system's handler.
	openURL func(*url.URL) error
}

// App is the running GUI: one window whose content is rebuilt when the
// language or text size changes.
type App struct {
	fyne fyne.App
	win  fyne.Window
	opts Options
	tr   *i18n.Translator

	ctx    context.Context // ends when the app quits; bounds background work
	cancel context.CancelFunc
	bg     sync.WaitGroup // background work that writes files (backups); Close waits for it

	tabs    *container.AppTabs
	current string // ID of the selected screen, kept across rebuilds

	// The screens of the navigation, made with the first rebuild (no
	// widgets yet) and kept: what one holds (History's filter, the capture
	// on Decode) outlives a language switch, which makes its widgets again.
	home     *homeScreen
	history  *historyScreen
	decode   *decodeScreen
	settings *settingsScreen
	about    *aboutScreen

	terminal *terminalCard // live terminal status on Home
	wizard   *wizardView   // the troubleshooting session on screen, if any
	training *trainingView // the Training screen, from its first view on
	export   *exportView   // the last report shown for export, if any
}

// view is a screen's struct: its widgets and its state.
type view interface {
	// build makes the screen's widgets in the current language and
	// returns its content. Main goroutine only.
	build() fyne.CanvasObject
}

// viewFunc is a screen whose struct lives elsewhere, as a view.
type viewFunc func() fyne.CanvasObject

func (f viewFunc) build() fyne.CanvasObject { return f() }

// screen is one entry of the navigation.
type screen struct {
	id    string
	title string               // translation key
	icon  func() fyne.Resource // looked up when drawn: the theme needs a running app
	view  func(a *App) view
	live  bool // built again each time it is selected: it shows the history, which changes
}

// screens is the navigation, in order. Only features that work are listed.
func screens() []screen {
	return []screen{
		{id: "home", title: "nav.home", icon: theme.HomeIcon, view: func(a *App) view { return a.home }, live: true},
		{id: "history", title: "nav.history", icon: theme.HistoryIcon, view: func(a *App) view { return a.history }, live: true},
		{id: "decode", title: "nav.decode", icon: theme.SearchIcon, view: func(a *App) view { return a.decode }},
		{id: "training", title: "nav.training", icon: theme.AccountIcon, view: func(a *App) view { return viewFunc(a.trainingScreen) }},
		{id: "settings", title: "nav.settings", icon: theme.SettingsIcon, view: func(a *App) view { return a.settings }},
		{id: "about", title: "nav.about", icon: theme.InfoIcon, view: func(a *App) view { return a.about }},
	}
}

// makeScreens makes the screens' structs, once. Their widgets are made
// when each is first shown.
func (a *App) makeScreens() {
	if a.home != nil {
		return
	}
	a.home, a.history, a.decode = newHomeScreen(a), newHistoryScreen(a), newDecodeScreen(a)
	a.settings, a.about = newSettingsScreen(a), newAboutScreen(a)
}

// ScreenIDs returns the IDs of the screens in navigation order.
func ScreenIDs() []string {
	var ids []string
	for _, s := range screens() {
		ids = append(ids, s.id)
	}
	return ids
}

// New builds the GUI on fyneApp without showing it. Tests pass a test app.
func New(fyneApp fyne.App, opts Options) *App {
	a := &App{fyne: fyneApp, opts: opts, current: "home", terminal: &terminalCard{}}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	if opts.Screen != "" {
		a.current = opts.Screen
	}
	if a.opts.SystemLocales == nil {
		a.opts.SystemLocales = i18n.SystemLocales()
	}
	if a.opts.CheckTimeout <= 0 {
		a.opts.CheckTimeout = 3 * time.Second
	}
	history := a.openHistory() // while the window is created
	fonts := a.opts.FontsReady
	if fonts == nil {
		fonts = PreloadFonts(fyneApp) // likewise
	}
	a.win = fyneApp.NewWindow("POS Doctor")
	a.win.Resize(fyne.NewSize(1100, 720))
	a.win.SetMaster()
	a.win.SetOnClosed(a.Close)
	a.win.SetOnDropped(a.dropped) // a log dropped anywhere opens on the Decode screen
	history()
	fonts()
	if a.opts.Catalog == nil && a.opts.CatalogReady != nil {
		a.opts.Catalog = a.opts.CatalogReady()
	}
	a.applyPreferences()
	a.startTerminalWatch()
	a.startBackgroundWork()
	return a
}

// PreloadFonts puts the theme of fyneApp's saved text size and contrast in
// use and starts parsing the fonts the first screen draws, on other
// goroutines; main calls it first thing, so that the parsing overlaps
// loading the translations and creating the window. New waits for it
// (Options.FontsReady) before it draws. It needs no display.
func PreloadFonts(fyneApp fyne.App) (wait func()) {
	p := fyneApp.Preferences()
	applyTheme(fyneApp, p.Bool(prefLargeText), p.Bool(prefHighContrast))
	return preloadFonts(fyneApp)
}

// openHistory starts Options.OpenHistory, if set, and returns the wait for
// it, which puts what it opened into the options.
func (a *App) openHistory() (wait func()) {
	if a.opts.OpenHistory == nil {
		return func() {}
	}
	var (
		db      *store.DB
		logPath string
		err     error
		done    = make(chan struct{})
	)
	go func() {
		defer close(done)
		db, logPath, err = a.opts.OpenHistory()
	}()
	return func() {
		<-done
		a.opts.DB, a.opts.LogPath, a.opts.DBErr = db, logPath, err
	}
}

// do runs f on the UI goroutine: how background work updates widgets.
func (a *App) do(f func()) {
	if a.opts.uiDo != nil {
		a.opts.uiDo(f)
		return
	}
	fyne.Do(f)
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// Close stops background work: the terminal watcher and running checks.
// It is safe to call more than once.
func (a *App) Close() {
	a.cancel()
	defer a.bg.Wait()
	if a.terminal != nil {
		a.terminal.stop()
	}
	if a.wizard != nil {
		a.wizard.stop()
	}
}

// Run shows the window and runs the event loop until the window closes.
func (a *App) Run() {
	a.fyne.Lifecycle().SetOnStarted(func() {
		go func() {
			if a.opts.StartupProbe {
				fyne.DoAndWait(func() { a.win.Canvas().Capture() }) // returns once a frame is drawn
				fmt.Fprintf(a.opts.ProbeOut, "startup_ms=%d\n", time.Since(a.opts.Started).Milliseconds())
			} else {
				fyne.DoAndWait(func() {}) // the first frame's turn of the loop is over
			}
			// Start-up's garbage (parsed translations, font tables read and
			// dropped) goes back to the OS once the window is up, instead of
			// staying in an idle app's resident memory.
			debug.FreeOSMemory()
			if a.opts.StartupProbe {
				if a.opts.IdleProbe > 0 {
					time.Sleep(a.opts.IdleProbe) // a measurement of the idle app, not a wait for work
					fmt.Fprintf(a.opts.ProbeOut, "rss_kb=%d\n", residentKB())
				}
				fyne.Do(a.fyne.Quit)
			}
		}()
	})
	a.win.ShowAndRun()
}

// applyPreferences sets language and theme from the preferences and
// rebuilds the content.
func (a *App) applyPreferences() {
	p := a.fyne.Preferences()
	choice := p.String(prefLanguage)
	if a.opts.Language != "" {
		choice = a.opts.Language
	}
	loc := i18n.Resolve(choice, a.opts.SystemLocales)
	a.tr = useLanguage(a.opts.Catalog, loc)
	applyTheme(a.fyne, p.Bool(prefLargeText), p.Bool(prefHighContrast))
	a.win.SetTitle(a.tr.T("app.title"))
	a.rebuild()
}

// rebuild recreates every screen in the current language. A troubleshooting
// session on screen stays on screen, redrawn in the new language.
func (a *App) rebuild() {
	a.makeScreens()
	selected := 0
	var items []*container.TabItem
	for i, s := range screens() {
		// Only the screen on view is built now; the others when first
		// selected, which keeps start-up and language switches quick.
		var content fyne.CanvasObject = newUnbuilt()
		if s.id == a.current {
			content, selected = s.view(a).build(), i
		}
		items = append(items, container.NewTabItemWithIcon(a.tr.T(s.title), s.icon(), content))
	}
	// All tabs at once: Append lays out and measures every tab again for
	// each one added.
	a.tabs = container.NewAppTabs(items...)
	a.tabs.SetTabLocation(container.TabLocationLeading)
	a.tabs.SelectIndex(selected)
	a.tabs.OnSelected = func(t *container.TabItem) {
		for i, s := range screens() {
			if a.tabs.Items[i] == t {
				a.current = s.id
				if _, unbuilt := t.Content.(*unbuilt); unbuilt || s.live {
					t.Content = s.view(a).build()
					a.tabs.Refresh()
				}
			}
		}
	}
	if a.wizard != nil {
		a.win.SetContent(a.wizard.render())
		return
	}
	a.win.SetContent(a.tabs)
	a.bindKeys()
}

// unbuilt stands in for a screen's content until the screen is first
// selected after a rebuild.
type unbuilt struct{ widget.BaseWidget }

func newUnbuilt() *unbuilt {
	u := &unbuilt{}
	u.ExtendBaseWidget(u)
	return u
}

func (u *unbuilt) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}

// showTabs leaves a full-window view (the wizard) for the navigation.
func (a *App) showTabs(id string) {
	a.wizard = nil
	a.current = id
	a.rebuild()
}

// show switches to the screen with id.
func (a *App) show(id string) {
	for i, s := range screens() {
		if s.id == id {
			a.current = id
			a.tabs.SelectIndex(i)
		}
	}
}

// refresh builds the screen with id again if it has been built since the
// last rebuild, for what it shows changed (the history, a log read on
// Decode); a screen not yet built shows the change when it is selected.
func (a *App) refresh(id string) {
	if a.tabs == nil {
		return
	}
	for i, s := range screens() {
		if _, unbuilt := a.tabs.Items[i].Content.(*unbuilt); s.id == id && !unbuilt {
			a.tabs.Items[i].Content = s.view(a).build()
			a.tabs.Refresh()
		}
	}
}

// bindKeys makes the navigation keyboard-friendly: F1–F5 pick a screen.
func (a *App) bindKeys() {
	a.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		keys := []fyne.KeyName{fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6}
		for i, k := range keys {
			if e.Name == k && i < len(a.tabs.Items) {
				a.tabs.SelectIndex(i)
			}
		}
		if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
			a.trainingKeys(0, true)
		}
	})
	// Replaces a closed wizard's number keys; the quiz answers by number.
	a.win.Canvas().SetOnTypedRune(func(r rune) { a.trainingKeys(r, false) })
}

// residentKB returns this process's resident memory in KiB (Linux), or 0.
func residentKB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}
