package ui

import (
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/device"
	"posdoctor/store"
	"posdoctor/wizard"
)

// homeScreen is the first thing a shop owner sees: the terminal, one big
// button, the fast paths, and the last few sessions.
type homeScreen struct {
	a *App

	start    *widget.Button // the big "something went wrong" button
	waiting  *widget.Button
	money    *widget.Button
	selftest *widget.Button
	recent   *fyne.Container
	sessions []*widget.Button // the recent sessions, newest first; a tap opens one on History
	card     terminalWidgets
}

func newHomeScreen(a *App) *homeScreen { return &homeScreen{a: a} }

func (h *homeScreen) build() fyne.CanvasObject {
	a := h.a
	title := heading(a.tr.T("home.title"))

	h.start = widget.NewButton("", func() { a.startWizard(wizard.MainFlow.ID) })
	h.start.Importance = widget.HighImportance
	startText := canvas.NewText(a.tr.T("home.start"), theme.Color(theme.ColorNameForegroundOnPrimary))
	startText.TextSize = theme.TextHeadingSize()
	startText.TextStyle = fyne.TextStyle{Bold: true}
	h.waiting = widget.NewButtonWithIcon(a.tr.T("home.waiting"), theme.WarningIcon(), func() { a.startWizard(wizard.WaitingFlow.ID) })
	h.waiting.Importance = widget.WarningImportance
	h.money = widget.NewButtonWithIcon(a.tr.T("home.money"), theme.QuestionIcon(), func() { a.startWizard(wizard.MoneyFlow.ID) })
	h.selftest = widget.NewButtonWithIcon(a.tr.T("home.selftest"), theme.ConfirmIcon(), func() { a.startWizard(wizard.SelfTestFlow.ID) })

	big := container.NewGridWrap(fyne.NewSize(400, 72), container.NewStack(h.start, container.NewCenter(startText)))
	fast := container.NewGridWrap(fyne.NewSize(330, 48), h.waiting, h.money, h.selftest) // wraps to rows in a narrow window; whole labels with large text

	col := container.NewVBox(title)
	for _, b := range a.banners() {
		col.Add(b)
	}
	col.Add(h.terminalView())
	col.Add(big)
	col.Add(widget.NewLabel(a.tr.T("home.or")))
	col.Add(fast)
	col.Add(widget.NewSeparator())
	h.recent, h.sessions = a.recentSessions()
	col.Add(h.recent)
	return container.NewVScroll(container.NewPadded(col))
}

// banners are the notices above the terminal card: the history could not
// be opened, it was recovered from a backup, a session is unfinished, the
// payment host is not configured.
func (a *App) banners() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if a.opts.DBErr != nil {
		out = append(out, banner(theme.ErrorIcon(), a.errorMessage(a.opts.DBErr), nil, ""))
	}
	if db := a.opts.DB; db != nil {
		if r := db.Recovery(); r != nil {
			out = append(out, banner(theme.WarningIcon(), a.recoveryText(r), nil, ""))
		}
		if n := db.Quarantined(); n > 0 {
			out = append(out, banner(theme.WarningIcon(), a.tr.T("storebranch.quarantined", "count", n), nil, ""))
		}
		if db.ReadOnly() {
			out = append(out, banner(theme.InfoIcon(), a.tr.T("storebranch.readonly"), nil, ""))
		}
		if open, err := db.Unfinished(); err == nil && len(open) > 0 {
			s := open[0]
			out = append(out, banner(theme.HistoryIcon(),
				a.tr.T("home.unfinished", "time", s.Started.Local().Format("01-02 15:04"), "flow", a.tr.T("flows."+s.Flow+".title")),
				func() { a.resumeWizard(s) }, a.tr.T("home.resume")))
		}
	}
	if _, ok := a.hostSettings(); !ok && a.opts.DemoHost == "" {
		out = append(out, banner(theme.InfoIcon(), a.tr.T("home.nohost"), func() { a.show("settings") }, a.tr.T("home.nohost.action")))
	}
	return out
}

// recoveryText says what happened to a damaged history file and what was
// recovered: from a backup, salvaged from the file itself, or nothing.
func (a *App) recoveryText(r *store.Recovery) string {
	text := a.tr.T("store.recovered", "aside", r.MovedAside)
	switch {
	case r.Salvaged:
		text += " " + a.tr.T("store.recovered.salvaged", "count", r.Sessions)
		if r.FromBackup > 0 {
			text += " " + a.tr.T("storebranch.recovered.completed", "count", r.FromBackup, "time", r.BackupTime.Local().Format("2006-01-02 15:04"))
		}
	case r.Backup != "":
		text += " " + a.tr.T("store.recovered.backup", "time", r.BackupTime.Local().Format("2006-01-02 15:04"), "count", r.Sessions)
	default:
		text += " " + a.tr.T("store.recovered.nobackup")
	}
	return text
}

// banner is one notice line with an optional action button.
func banner(icon fyne.Resource, text string, action func(), label string) fyne.CanvasObject {
	msg := newParagraph(text) // Chinese line-break rules
	var right fyne.CanvasObject
	if action != nil {
		right = widget.NewButton(label, action)
	}
	return container.NewBorder(nil, nil, widget.NewIcon(icon), right, msg)
}

// recentSessions lists the last few sessions; a tap opens the detail.
func (a *App) recentSessions() (*fyne.Container, []*widget.Button) {
	box := container.NewVBox(widget.NewLabelWithStyle(a.tr.T("home.recent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	db := a.opts.DB
	if db == nil {
		return box, nil
	}
	page, err := db.Sessions(store.Query{Limit: 5})
	if err != nil {
		box.Add(widget.NewLabel(a.errorMessage(err)))
		return box, nil
	}
	if len(page.Sessions) == 0 {
		box.Add(widget.NewLabel(a.tr.T("home.recent.none")))
	}
	var lines []*widget.Button
	for _, s := range page.Sessions {
		s := s
		btn := widget.NewButton(a.sessionLine(s), func() { a.openSession(s.ID) })
		btn.Alignment = widget.ButtonAlignLeading
		btn.Importance = widget.LowImportance
		box.Add(btn)
		lines = append(lines, btn)
	}
	return box, lines
}

// sessionLine is one line about a saved session: when, which flow, the verdict.
func (a *App) sessionLine(s store.Session) string {
	return s.Started.Local().Format("2006-01-02 15:04") + "  ·  " + a.tr.T("flows."+s.Flow+".title") + "  ·  " + a.sessionWhat(s)
}

// sessionWhat is a saved session's outcome: its first finding, or the verdict.
func (a *App) sessionWhat(s store.Session) string {
	if len(s.Findings) > 0 {
		return a.findingTitle(s.Findings[0])
	}
	return a.tr.T(wizard.VerdictKey(outcomeOr(s.Outcome)))
}

// findingTitle names a finding saved in the history by its ID.
func (a *App) findingTitle(id string) string {
	if f, ok := wizard.LookupFinding(wizard.FindingID(id)); ok {
		return a.tr.T(f.Title)
	}
	return id
}

func outcomeOr(o string) string {
	if o == "" {
		return wizard.VerdictOpen
	}
	return o
}

// terminalCard is what detection sees, live: it follows plug and unplug.
// The watcher's goroutine writes it, so it has a lock; Home draws it.
type terminalCard struct {
	mu      sync.Mutex
	cands   []device.Candidate
	err     error
	note    string // what the history knows: last sign-in, changes
	updated time.Time
	watcher *device.Watcher
}

// terminalWidgets draw the terminal card on Home.
type terminalWidgets struct {
	view   *widget.Label
	detail *widget.Label
	tech   *widget.Label // port paths and what each port is: behind "details"
	icon   *widget.Icon
}

// setDetail shows the line under the status, or hides it when there is
// nothing to say, so the status icon stays beside the status.
func (w *terminalWidgets) setDetail(text string) {
	w.detail.SetText(text)
	if text == "" {
		w.detail.Hide()
	} else {
		w.detail.Show()
	}
}

// startTerminalWatch detects once, then follows the watcher's events. All
// of it runs off the main goroutine; widgets change through fyne.Do.
func (a *App) startTerminalWatch() {
	tc := a.terminal
	prefs := a.terminalPreference()
	go func() {
		cands, err := device.Detect(a.ctx, a.lister(), prefs...)
		tc.set(cands, err)
		tc.setNote(a.terminalNote(a.terminalKey()))
		a.do(func() { a.updateTerminalView() })
		w := device.Watch(a.ctx, a.lister(), device.DefaultWatchInterval, prefs...)
		tc.mu.Lock()
		tc.watcher = w
		tc.mu.Unlock()
		for range w.Events() {
			cands, err := device.Detect(a.ctx, a.lister(), prefs...)
			if a.ctx.Err() != nil {
				return
			}
			tc.set(cands, err)
			tc.setNote(a.terminalNote(a.terminalKey()))
			a.do(func() { a.updateTerminalView() })
		}
	}()
}

func (tc *terminalCard) set(c []device.Candidate, err error) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tc.cands, tc.err, tc.updated = c, err, time.Now()
}

func (tc *terminalCard) setNote(n string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tc.note = n
}

func (tc *terminalCard) noteText() string {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	return tc.note
}

func (tc *terminalCard) snapshot() ([]device.Candidate, error, time.Time) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	return append([]device.Candidate(nil), tc.cands...), tc.err, tc.updated
}

func (tc *terminalCard) stop() {
	tc.mu.Lock()
	w := tc.watcher
	tc.mu.Unlock()
	if w != nil {
		_ = w.Close()
	}
}

// terminalView is the card on Home.
func (h *homeScreen) terminalView() fyne.CanvasObject {
	a, tc := h.a, &h.card
	tc.view = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tc.view.Wrapping = fyne.TextWrapWord
	tc.detail = widget.NewLabel("")
	tc.detail.Wrapping = fyne.TextWrapWord
	tc.tech = widget.NewLabel("")
	tc.tech.Wrapping = fyne.TextWrapWord
	tc.tech.Selectable = true
	tc.icon = widget.NewIcon(theme.SearchIcon())
	a.updateTerminalView()
	details := widget.NewAccordion(widget.NewAccordionItem(a.tr.T("home.terminal.details"), tc.tech))
	status := container.NewBorder(nil, nil, tc.icon, nil, tc.view)
	card := widget.NewCard("", a.tr.T("home.terminal"), container.NewVBox(status, tc.detail, details))
	a.refreshTerminalNote() // "last sign-in" counts calendar days: recount on every visit
	return card
}

// refreshTerminalNote reads what the history knows about the terminal off
// the main goroutine and redraws the card.
func (a *App) refreshTerminalNote() {
	if a.opts.DB == nil {
		return
	}
	go func() {
		a.terminal.setNote(a.terminalNote(a.terminalKey()))
		a.do(a.updateTerminalView)
	}()
}

// updateTerminalView redraws Home's terminal card from the latest
// detection. Main goroutine only.
func (a *App) updateTerminalView() {
	if a.home == nil || a.home.card.view == nil || a.terminal == nil {
		return
	}
	tc := &a.home.card
	cands, err, at := a.terminal.snapshot()
	switch {
	case a.opts.DemoPort != "":
		tc.icon.SetResource(theme.ConfirmIcon())
		tc.view.SetText(a.tr.T("home.terminal.demo"))
		tc.setDetail(a.terminal.noteText())
		tc.tech.SetText(a.tr.T("home.terminal.port", "port", a.opts.DemoPort))
		return
	case at.IsZero():
		tc.icon.SetResource(theme.SearchIcon())
		tc.view.SetText(a.tr.T("home.terminal.searching"))
		tc.setDetail("")
		tc.tech.SetText("")
		return
	case err != nil:
		tc.icon.SetResource(theme.ErrorIcon())
		tc.view.SetText(a.errorMessage(err))
		tc.setDetail("")
		tc.tech.SetText(err.Error())
		return
	}
	best, perr := device.Pick(cands)
	when := a.tr.T("home.terminal.updated", "time", at.Format("15:04:05"))
	if perr != nil {
		for _, c := range cands {
			if c.Kind == device.KindNoDriver {
				best, perr = c, nil
				break
			}
		}
	}
	if perr != nil {
		tc.icon.SetResource(theme.ErrorIcon())
		tc.view.SetText(a.tr.T("home.terminal.none"))
		tc.setDetail(when)
		tc.tech.SetText(strings.TrimSpace(a.candidatesText(cands)))
		return
	}
	if best.Kind == device.KindNoDriver {
		tc.icon.SetResource(theme.WarningIcon())
	} else if best.IsTerminal() {
		tc.icon.SetResource(theme.ConfirmIcon())
	} else {
		tc.icon.SetResource(theme.QuestionIcon())
	}
	tc.view.SetText(a.tr.T(best.VerdictKey, argsKV(best.Args)...))
	tc.setDetail(joinLines(a.terminal.noteText(), when))
	tc.tech.SetText(joinLines(a.tr.T("home.terminal.port", "port", best.Port.Display()), strings.TrimSpace(a.candidatesText(cands))))
}

// candidatesText lists every port detection saw, one per line.
func (a *App) candidatesText(cands []device.Candidate) string {
	var s string
	for _, c := range cands {
		s += "· " + a.tr.T(c.VerdictKey, argsKV(c.Args)...) + "\n"
	}
	return s
}

// joinLines joins the non-empty lines.
func joinLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// argsKV turns template arguments into T's key/value list.
func argsKV(m map[string]string) []any {
	kv := make([]any, 0, 2*len(m))
	for k, v := range m {
		kv = append(kv, k, v)
	}
	return kv
}
