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

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/store"
	"posdoctor/ui/i18n"
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
func (a *App) settingsScreen() fyne.CanvasObject {
	display := widget.NewForm(
		widget.NewFormItem(a.tr.T("settings.language"), a.languageSelect()),
		widget.NewFormItem(a.tr.T("settings.display"), a.displayChecks()),
	)
	return container.NewVScroll(container.NewVBox(
		heading(a.tr.T("nav.settings")),
		display,
		widget.NewCard(a.tr.T("settings.host"), "", container.NewVBox(wrapped(a.tr.T("settings.host.help")), a.hostForm())),
		widget.NewCard(a.tr.T("settings.terminal"), "", container.NewVBox(wrapped(a.tr.T("settings.terminal.help")), a.terminalForm())),
		widget.NewCard(a.tr.T("settings.data"), "", a.dataForm()),
	))
}

func (a *App) languageSelect() fyne.CanvasObject {
	p := a.fyne.Preferences()
	labels := make([]string, len(languageChoices))
	selected := ""
	for i, c := range languageChoices {
		labels[i] = a.tr.T(c.label)
		if c.value == p.String(prefLanguage) {
			selected = labels[i]
		}
	}
	lang := widget.NewSelect(labels, nil)
	lang.SetSelected(selected)
	lang.OnChanged = func(s string) {
		for i, l := range labels {
			if l == s {
				a.setLanguage(languageChoices[i].value)
			}
		}
	}
	return lang
}

func (a *App) displayChecks() fyne.CanvasObject {
	p := a.fyne.Preferences()
	large := widget.NewCheck(a.tr.T("settings.largetext"), nil)
	large.SetChecked(p.Bool(prefLargeText))
	large.OnChanged = func(on bool) { a.setBool(prefLargeText, on) }
	contrast := widget.NewCheck(a.tr.T("settings.contrast"), nil)
	contrast.SetChecked(p.Bool(prefHighContrast))
	contrast.OnChanged = func(on bool) { a.setBool(prefHighContrast, on) }
	return container.NewVBox(large, contrast)
}

// hostForm edits the acquirer endpoint used when the terminal does not
// report its own. Nothing is invented: empty means "not configured".
func (a *App) hostForm() fyne.CanvasObject {
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
		for _, s := range a.opts.PublicServices {
			addrs = append(addrs, s.Address())
		}
		lakala.SetPlaceHolder(strings.Join(addrs, "\n"))
	}
	lakalaHint := widget.NewLabel(a.tr.T("settings.lakala.hint"))
	lakalaHint.Wrapping = fyne.TextWrapWord
	lakalaHint.Importance = widget.LowImportance
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord

	timeoutLabels := make([]string, len(timeoutChoices))
	for i, s := range timeoutChoices {
		timeoutLabels[i] = a.tr.T("settings.timeout.seconds", "n", s)
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
		widget.NewFormItem("TPDU", tpdu),
		widget.NewFormItem(a.tr.T("settings.host.tid"), tid),
		widget.NewFormItem(a.tr.T("settings.host.mid"), mid),
		widget.NewFormItem(a.tr.T("settings.timeout"), timeout),
		widget.NewFormItem(a.tr.T("settings.lakala.addrs"), container.NewVBox(lakala, lakalaHint)),
	)
	return container.NewVBox(form, container.NewHBox(save), status)
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
func (a *App) terminalForm() fyne.CanvasObject {
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
func (a *App) dataForm() fyne.CanvasObject {
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
