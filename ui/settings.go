package ui

import (
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/store"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// languageChoices are the Settings options, each named in its own language
// so a user who cannot read the current one still finds theirs.
var languageChoices = []struct{ value, label string }{
	{"", "settings.language.system"},
	{i18n.Chinese, "settings.language.zh"},
	{i18n.English, "settings.language.en"},
}

// timeoutChoices are the per-check deadlines offered, in seconds.
var timeoutChoices = []int{3, 5, 10}

// settingsScreen: language, display, the payment host, the terminal port,
// check deadlines, and the data folder with backup and restore.
type settingsScreen struct {
	a *App

	language  *widget.Select
	largeText *widget.Check
	contrast  *widget.Check

	// The payment host and Lakala's support details.
	host       *widget.Entry
	tpdu       *widget.Entry
	tid        *widget.Entry
	mid        *widget.Entry
	lakala     *widget.Entry // Lakala's public addresses, one a line
	phone      *widget.Entry // the shop's own support number
	timeout    *widget.Select
	save       *widget.Button
	hostStatus *widget.Label // saved, or what is wrong

	// The terminal's port.
	port     *widget.Select
	portName *widget.Entry
	remember *widget.Button
	forget   *widget.Button

	// The data folder.
	backup     *widget.Button
	restore    *widget.Button
	dataStatus *widget.Label
}

func newSettingsScreen(a *App) *settingsScreen { return &settingsScreen{a: a} }

func (s *settingsScreen) build() fyne.CanvasObject {
	a := s.a
	display := widget.NewForm(
		widget.NewFormItem(a.tr.T("settings.language"), s.languageSelect()),
		widget.NewFormItem(a.tr.T("settings.display"), s.displayChecks()),
	)
	return container.NewVScroll(container.NewVBox(
		heading(a.tr.T("nav.settings")),
		display,
		widget.NewCard(a.tr.T("settings.host"), "", container.NewVBox(wrapped(a.tr.T("settings.host.help")), s.hostForm())),
		widget.NewCard(a.tr.T("settings.terminal"), "", container.NewVBox(wrapped(a.tr.T("settings.terminal.help")), s.terminalForm())),
		widget.NewCard(a.tr.T("settings.data"), "", s.dataForm()),
	))
}

func (s *settingsScreen) languageSelect() fyne.CanvasObject {
	a := s.a
	p := a.fyne.Preferences()
	labels := make([]string, len(languageChoices))
	selected := ""
	for i, c := range languageChoices {
		labels[i] = a.tr.T(c.label)
		if c.value == p.String(prefLanguage) {
			selected = labels[i]
		}
	}
	s.language = widget.NewSelect(labels, nil)
	s.language.SetSelected(selected)
	s.language.OnChanged = func(sel string) {
		for i, l := range labels {
			if l == sel {
				a.setLanguage(languageChoices[i].value)
			}
		}
	}
	return s.language
}

func (s *settingsScreen) displayChecks() fyne.CanvasObject {
	a := s.a
	p := a.fyne.Preferences()
	s.largeText = widget.NewCheck(a.tr.T("settings.largetext"), nil)
	s.largeText.SetChecked(p.Bool(prefLargeText))
	s.largeText.OnChanged = func(on bool) { a.setBool(prefLargeText, on) }
	s.contrast = widget.NewCheck(a.tr.T("settings.contrast"), nil)
	s.contrast.SetChecked(p.Bool(prefHighContrast))
	s.contrast.OnChanged = func(on bool) { a.setBool(prefHighContrast, on) }
	return container.NewVBox(s.largeText, s.contrast)
}

// hostForm edits the acquirer endpoint used when the terminal does not
// report its own. Nothing is invented: empty means "not configured".
func (s *settingsScreen) hostForm() fyne.CanvasObject {
	a := s.a
	p := a.fyne.Preferences()
	host := widget.NewEntry()
	host.SetPlaceHolder("203.0.113.10:5000")
	host.SetText(p.String(prefHost))
	tpdu := widget.NewEntry()
	tpdu.SetPlaceHolder("6000030000")
	tpdu.SetText(p.String(prefTPDU))
	tid := widget.NewEntry()
	tid.SetText(p.String(prefTID))
	mid := widget.NewEntry()
	mid.SetText(p.String(prefMID))
	lakala := widget.NewMultiLineEntry()
	lakala.SetMinRowsVisible(2)
	lakala.SetText(p.String(prefLakala))
	if lakala.Text == "" {
		var addrs []string
		for _, svc := range a.opts.PublicServices {
			addrs = append(addrs, svc.Address())
		}
		lakala.SetPlaceHolder(strings.Join(addrs, "\n"))
	}
	phone := widget.NewEntry()
	phone.SetPlaceHolder(wizard.ParseSupport(assets.Support).Phone)
	phone.SetText(p.String(prefLakalaPhone))
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord

	timeoutLabels := make([]string, len(timeoutChoices))
	for i, sec := range timeoutChoices {
		timeoutLabels[i] = a.tr.T("settings.timeout.seconds", "n", sec)
	}
	timeout := widget.NewSelect(timeoutLabels, nil)
	timeout.SetSelected(a.tr.T("settings.timeout.seconds", "n", int(a.checkTimeout()/time.Second)))

	save := widget.NewButtonWithIcon(a.tr.T("settings.save"), theme.DocumentSaveIcon(), func() {
		if msg := validateHost(host.Text, tpdu.Text, tid.Text, mid.Text); msg != "" {
			status.Importance = widget.DangerImportance
			status.SetText(a.tr.T(msg))
			return
		}
		if _, err := netcheck.ParseServiceList(lakala.Text); err != nil {
			status.Importance = widget.DangerImportance
			status.SetText(a.tr.T("settings.lakala.bad"))
			return
		}
		p.SetString(prefLakala, strings.TrimSpace(lakala.Text))
		p.SetString(prefHost, strings.TrimSpace(host.Text))
		p.SetString(prefTPDU, strings.TrimSpace(tpdu.Text))
		p.SetString(prefTID, strings.TrimSpace(tid.Text))
		p.SetString(prefMID, strings.TrimSpace(mid.Text))
		p.SetString(prefLakalaPhone, strings.TrimSpace(phone.Text))
		for i, l := range timeoutLabels {
			if l == timeout.Selected {
				p.SetInt(prefTimeout, timeoutChoices[i])
			}
		}
		status.Importance = widget.SuccessImportance
		status.SetText(a.tr.T("settings.saved"))
		a.refresh("home")
	})
	form := widget.NewForm(
		widget.NewFormItem(a.tr.T("settings.host.addr"), host),
		widget.NewFormItem(a.tr.T("settings.timeout"), timeout),
	)
	// TPDU and the IDs matter only when support asks for them: folded away
	// unless one is already set.
	support := widget.NewForm(
		widget.NewFormItem("TPDU", tpdu),
		widget.NewFormItem(a.tr.T("settings.host.tid"), tid),
		widget.NewFormItem(a.tr.T("settings.host.mid"), mid),
		widget.NewFormItem(a.tr.T("settings.lakala.addrs"), lakala),
		widget.NewFormItem(a.tr.T("verdict.settings.phone"), phone),
	)
	// A form's hint does not wrap: the explanation goes below, wrapped.
	hint := widget.NewLabel(a.tr.T("settings.lakala.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	more := widget.NewAccordion(widget.NewAccordionItem(a.tr.T("settings.host.support"), container.NewVBox(support, hint)))
	if tpdu.Text != "" || tid.Text != "" || mid.Text != "" || lakala.Text != "" {
		more.Open(0)
	}
	s.host, s.tpdu, s.tid, s.mid, s.lakala, s.phone = host, tpdu, tid, mid, lakala, phone
	s.timeout, s.save, s.hostStatus = timeout, save, status
	return container.NewVBox(form, more, container.NewHBox(save), status)
}

// validateHost returns the translation key of what is wrong, or "".
func validateHost(hostPort, tpdu, tid, mid string) string {
	hostPort, tpdu, tid, mid = strings.TrimSpace(hostPort), strings.TrimSpace(tpdu), strings.TrimSpace(tid), strings.TrimSpace(mid)
	if hostPort != "" {
		h, p, err := net.SplitHostPort(hostPort)
		n, perr := strconv.Atoi(p)
		if err != nil || h == "" || perr != nil || n <= 0 || n > 65535 {
			return "settings.host.bad"
		}
	}
	if tpdu != "" {
		if len(tpdu) != 10 || strings.Trim(strings.ToUpper(tpdu), "0123456789ABCDEF") != "" || !strings.HasPrefix(tpdu, "60") {
			return "settings.tpdu.bad"
		}
	}
	if tid != "" && len(tid) != 8 {
		return "settings.tid.bad"
	}
	if mid != "" && len(mid) != 15 {
		return "settings.mid.bad"
	}
	return ""
}

// terminalForm lets the owner pick the port of their terminal and name it;
// the choice is remembered by USB identity, not by port name.
func (s *settingsScreen) terminalForm() fyne.CanvasObject {
	a := s.a
	current := a.terminalPreference()
	info := widget.NewLabel(a.tr.T("settings.terminal.auto"))
	info.Wrapping = fyne.TextWrapWord
	if len(current) > 0 {
		info.SetText(a.tr.T("settings.terminal.chosen", "name", current[0].Label, "port", current[0].Path))
	}
	var cands []device.Candidate
	if a.terminal != nil {
		cands, _, _ = a.terminal.snapshot()
	}
	var labels []string
	var ports []device.PortInfo
	for _, c := range cands {
		if c.Port.Name == "" {
			continue
		}
		labels = append(labels, c.Port.Display()+" — "+a.tr.T(c.VerdictKey, argsKV(c.Args)...))
		ports = append(ports, c.Port)
	}
	pick := widget.NewSelect(labels, nil)
	pick.PlaceHolder = a.tr.T("settings.terminal.pick")
	name := widget.NewEntry()
	name.SetPlaceHolder(a.tr.T("settings.terminal.name"))
	remember := widget.NewButtonWithIcon(a.tr.T("settings.terminal.remember"), theme.ConfirmIcon(), func() {
		for i, l := range labels {
			if l == pick.Selected {
				pref := device.Choose(ports[i], strings.TrimSpace(name.Text))
				a.saveTerminalPreference(&pref)
				a.restartTerminalWatch()
				a.current = "settings"
				a.rebuild()
			}
		}
	})
	forget := widget.NewButton(a.tr.T("settings.terminal.forget"), func() {
		a.saveTerminalPreference(nil)
		a.restartTerminalWatch()
		a.current = "settings"
		a.rebuild()
	})
	if len(current) == 0 {
		forget.Disable()
	}
	if len(labels) == 0 {
		pick.Disable()
		remember.Disable()
	}
	s.port, s.portName, s.remember, s.forget = pick, name, remember, forget
	return container.NewVBox(info, pick, name, container.NewHBox(remember, forget))
}

// restartTerminalWatch follows a new terminal choice.
func (a *App) restartTerminalWatch() {
	if a.terminal != nil {
		a.terminal.stop()
	}
	a.startTerminalWatch()
}

// dataForm shows where the history lives and offers backup and restore.
func (s *settingsScreen) dataForm() fyne.CanvasObject {
	a := s.a
	dir := widget.NewLabel(a.dataDir())
	dir.Wrapping = fyne.TextWrapBreak
	dir.Selectable = true
	box := container.NewVBox(widget.NewLabel(a.tr.T("settings.datadir")), dir)
	db := a.opts.DB
	if db == nil {
		return box
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	backups, _ := store.Backups(db.Path())
	if len(backups) > 0 {
		status.SetText(a.tr.T("settings.backup.last", "time", backups[0].Time.Local().Format("2006-01-02 15:04"), "n", len(backups)))
	}
	backup := widget.NewButtonWithIcon(a.tr.T("settings.backup"), theme.DocumentSaveIcon(), func() {
		path := store.ManualBackupPath(db.Path(), time.Now())
		go func() {
			err := db.Backup(path)
			a.do(func() {
				if err != nil {
					a.showError(err)
					return
				}
				status.SetText(a.tr.T("settings.backup.done", "path", path))
			})
		}()
	})
	restore := widget.NewButtonWithIcon(a.tr.T("settings.restore"), theme.UploadIcon(), func() { a.chooseRestore(status) })
	s.backup, s.restore, s.dataStatus = backup, restore, status
	return container.NewVBox(box, container.NewHBox(backup, restore), status)
}

// chooseRestore asks for a backup file, confirms, and swaps the database:
// the current file is kept aside, never deleted.
func (a *App) chooseRestore(status *widget.Label) {
	db := a.opts.DB
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		file := r.URI().Path()
		_ = r.Close()
		if cerr := store.CheckBackup(file); cerr != nil {
			a.showError(cerr)
			return
		}
		dialog.ShowConfirm(a.tr.T("settings.restore"), a.tr.T("settings.restore.confirm", "file", filepath.Base(file)), func(ok bool) {
			if !ok {
				return
			}
			path := db.Path()
			_ = db.Close()
			aside, rerr := store.Restore(path, file, time.Now())
			newDB, oerr := store.Open(path)
			a.opts.DB, a.opts.DBErr = newDB, oerr
			if rerr != nil {
				a.showError(rerr)
			} else if oerr != nil {
				a.showError(oerr)
			}
			a.current = "settings"
			a.rebuild()
			if rerr == nil && oerr == nil {
				a.notify(a.tr.T("settings.restore.done", "aside", aside))
			}
		}, a.win)
	}, a.win)
	if bs, _ := store.Backups(db.Path()); len(bs) > 0 {
		if l, err := listableDir(filepath.Dir(bs[0].Path)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// notify shows a short message.
func (a *App) notify(text string) {
	dialog.ShowInformation(a.tr.T("app.title"), text, a.win)
}

// setLanguage saves the choice ("" follows the system) and rebuilds.
func (a *App) setLanguage(value string) {
	a.opts.Language = "" // an explicit choice ends a --lang override
	a.fyne.Preferences().SetString(prefLanguage, value)
	a.current = "settings"
	a.applyPreferences()
}

func (a *App) setBool(key string, on bool) {
	a.fyne.Preferences().SetBool(key, on)
	a.current = "settings"
	a.applyPreferences()
}

// wrapped is a label that wraps at the window's width.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// heading is a screen's title line.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}
