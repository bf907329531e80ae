package ui

import (
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"posdoctor/ui/i18n"
)

// AppID is the application ID; FyneApp.toml declares the same.
const AppID = "cn.posdoctor.app"

// Preference keys. UI preferences live in Fyne's Preferences, not the store.
const (
	prefLanguage     = "language"     // "zh-Hans", "en", or "" for the system's
	prefLargeText    = "largeText"    // bool
	prefHighContrast = "highContrast" // bool
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
	// StartupProbe prints the milliseconds from Started to the first frame
	// to ProbeOut, then quits.
	StartupProbe bool
	Started      time.Time
	ProbeOut     io.Writer
}

// App is the running GUI: one window whose content is rebuilt when the
// language or text size changes.
type App struct {
	fyne fyne.App
	win  fyne.Window
	opts Options
	tr   *i18n.Translator

	tabs    *container.AppTabs
	current string // ID of the selected screen, kept across rebuilds
}

// screen is one entry of the navigation.
type screen struct {
	id    string
	title string // translation key
	icon  fyne.Resource
	build func(a *App) fyne.CanvasObject
}

// screens is the navigation, in order. Only features that work are listed.
func screens() []screen {
	return []screen{
		{id: "home", title: "nav.home", icon: theme.HomeIcon(), build: (*App).homeScreen},
		{id: "settings", title: "nav.settings", icon: theme.SettingsIcon(), build: (*App).settingsScreen},
		{id: "about", title: "nav.about", icon: theme.InfoIcon(), build: (*App).aboutScreen},
	}
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
	a := &App{fyne: fyneApp, opts: opts, current: "home"}
	if opts.Screen != "" {
		a.current = opts.Screen
	}
	if a.opts.SystemLocales == nil {
		a.opts.SystemLocales = i18n.SystemLocales()
	}
	a.win = fyneApp.NewWindow("POS Doctor")
	a.win.Resize(fyne.NewSize(1024, 700))
	a.win.SetMaster()
	a.applyPreferences()
	return a
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// Run shows the window and runs the event loop until the window closes.
func (a *App) Run() {
	if a.opts.StartupProbe {
		a.fyne.Lifecycle().SetOnStarted(func() {
			go func() {
				fyne.DoAndWait(func() { a.win.Canvas().Capture() }) // returns once a frame is drawn
				fmt.Fprintf(a.opts.ProbeOut, "startup_ms=%d\n", time.Since(a.opts.Started).Milliseconds())
				fyne.Do(a.fyne.Quit)
			}()
		})
	}
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
	a.fyne.Settings().SetTheme(newTheme(p.Bool(prefLargeText), p.Bool(prefHighContrast)))
	a.win.SetTitle(a.tr.T("app.title"))
	a.rebuild()
}

// rebuild recreates every screen in the current language.
func (a *App) rebuild() {
	a.tabs = container.NewAppTabs()
	selected := 0
	for i, s := range screens() {
		tab := container.NewTabItemWithIcon(a.tr.T(s.title), s.icon, s.build(a))
		a.tabs.Append(tab)
		if s.id == a.current {
			selected = i
		}
	}
	a.tabs.SetTabLocation(container.TabLocationLeading)
	a.tabs.SelectIndex(selected)
	a.tabs.OnSelected = func(t *container.TabItem) {
		for i, s := range screens() {
			if a.tabs.Items[i] == t {
				a.current = s.id
			}
		}
	}
	a.win.SetContent(a.tabs)
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
