package ui

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/report"
)

// exportEnabled reports whether reports can be exported: they need the
// history.
func (a *App) exportEnabled() bool { return a.opts.DB != nil }

// exportFormats are the files the owner can send, PDF first.
var exportFormats = []string{"pdf", "zip", "json"}

// exportSession builds the report of one session off the main goroutine,
// then shows exactly what will be shared before anything is saved.
func (a *App) exportSession(id string) {
	db := a.opts.DB
	tr := a.tr
	go func() {
		rec, doc, err := db.Session(id)
		if err != nil {
			a.do(func() { a.showError(err) })
			return
		}
		r, err := report.Build(report.Input{
			Sessions: []report.Session{journal.ReportSession(db, rec, doc)},
			App:      report.App{Version: a.opts.Version, Commit: a.opts.Commit},
			Lang:     tr.Locale(), Tr: tr.T, Font: assets.FontTTF(), Log: recentLog(a.opts.LogPath),
		})
		a.do(func() {
			if err != nil {
				a.showError(err)
				return
			}
			a.export = &exportView{a: a, report: r}
			a.export.showPreview()
		})
	}()
}

// exportView is what the owner sees when sending a report: exactly what
// will be shared, then where the file went. The App keeps the latest.
type exportView struct {
	a      *App
	report *report.Report

	// The preview.
	format  *widget.RadioGroup // PDF, ZIP or JSON
	preview *dialog.ConfirmDialog

	// Once saved: where the report went.
	path        string
	openFolder  *widget.Button
	copyPath    *widget.Button
	copySummary *widget.Button
	copied      *widget.Label // what the last of those buttons did
}

// showPreview shows what will be shared and what was removed, and saves
// on confirmation.
func (x *exportView) showPreview() {
	a, r := x.a, x.report
	tr := a.tr
	p := r.Preview()
	removed := widget.NewLabel("")
	removed.Wrapping = fyne.TextWrapWord
	var lines []string
	for _, rd := range p.Removed {
		lines = append(lines, "· "+rd.Text)
	}
	if len(lines) == 0 {
		lines = append(lines, tr.T("export.removed.none"))
	}
	removed.SetText(strings.Join(lines, "\n"))
	text := widget.NewLabel(p.Text)
	text.Wrapping = fyne.TextWrapWord
	labels := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		labels[i] = tr.T("export.format." + f)
	}
	x.format = widget.NewRadioGroup(labels, nil) // one per line: whole labels even at 800 px with large text
	x.format.SetSelected(labels[0])
	head := container.NewVBox(
		widget.NewLabelWithStyle(tr.T("export.ref", "ref", p.Ref), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(tr.T("export.removed"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		removed,
		widget.NewLabelWithStyle(tr.T("export.content"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	body := container.NewBorder(head, container.NewVBox(widget.NewSeparator(), x.format), nil, nil, container.NewVScroll(text))
	x.preview = dialog.NewCustomConfirm(tr.T("export.title"), tr.T("export.save"), tr.T("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		ext := exportFormats[0]
		for i, l := range labels {
			if l == x.format.Selected {
				ext = exportFormats[i]
			}
		}
		x.save(ext)
	}, a.win)
	x.preview.Resize(a.dialogSize(820, 600))
	x.preview.Show()
}

// save writes the report into the user's Documents folder (never the
// app's data folder) and says where it went. An existing file is
// replaced only after a question.
func (x *exportView) save(ext string) {
	a, r := x.a, x.report
	dir, err := report.DefaultDir()
	if err != nil {
		a.showError(err)
		return
	}
	path := filepath.Join(dir, r.FileName(ext))
	if db := a.opts.DB; db != nil {
		if err := store.CheckOutput(db.Path(), path); err != nil {
			a.showError(err)
			return
		}
	}
	write := func() {
		go func() {
			err := writeReport(r, ext, path)
			a.do(func() {
				if err != nil {
					a.showError(err)
					return
				}
				x.showSaved(path)
			})
		}()
	}
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm(a.tr.T("export.title"), a.tr.T("storebranch.gui.replace", "path", path), func(ok bool) {
			if ok {
				write()
			}
		}, a.win)
		return
	}
	write()
}

func writeReport(r *report.Report, ext, path string) error {
	var buf bytes.Buffer
	var err error
	switch ext {
	case "json":
		var b []byte
		b, err = r.JSON()
		buf.Write(b)
	case "zip":
		err = r.WriteZip(&buf)
	default:
		err = r.WritePDF(&buf)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// showSaved gives the full path, a way to the folder, and the short text
// to paste into WeChat or e-mail.
func (x *exportView) showSaved(path string) {
	a, r := x.a, x.report
	tr := a.tr
	x.path = path
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	summary := widget.NewLabel(r.Summary())
	summary.Wrapping = fyne.TextWrapWord
	copied := widget.NewLabel("")
	copied.Wrapping = fyne.TextWrapWord
	x.copied = copied
	x.openFolder = widget.NewButtonWithIcon(tr.T("export.openfolder"), theme.FolderOpenIcon(), func() {
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(path))}
		if err := a.openURL(u); err != nil {
			// No file manager here: the report is saved all the same, and
			// the path can be copied into whatever the owner uses.
			fyne.LogError("open folder", err)
			copied.SetText(tr.T("export.openfolder.failed"))
		}
	})
	x.copyPath = widget.NewButtonWithIcon(tr.T("export.copypath"), theme.ContentCopyIcon(), func() {
		a.fyne.Clipboard().SetContent(path)
		copied.SetText(tr.T("export.copypath.done"))
	})
	x.copySummary = widget.NewButtonWithIcon(tr.T("export.copy"), theme.ContentCopyIcon(), func() {
		a.fyne.Clipboard().SetContent(r.Summary())
		copied.SetText(tr.T("export.copied"))
	})
	content := container.NewVBox(
		widget.NewLabelWithStyle(tr.T("export.saved"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		where, container.NewGridWrap(fyne.NewSize(240, 40), x.openFolder, x.copyPath, x.copySummary), copied,
		widget.NewLabelWithStyle(tr.T("export.summary"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		summary,
	)
	d := dialog.NewCustom(tr.T("export.title"), tr.T("OK"), content, a.win)
	d.Resize(a.dialogSize(640, 420))
	d.Show()
}

// dialogSize is w×h, shrunk to leave a margin inside a smaller window.
func (a *App) dialogSize(w, h float32) fyne.Size {
	win := a.win.Canvas().Size()
	if win.Width > 0 {
		w = min(w, win.Width-2*theme.Padding())
	}
	if win.Height > 0 {
		h = min(h, win.Height-2*theme.Padding())
	}
	return fyne.NewSize(w, h)
}

// openURL opens u with the system's handler (a test may stand in for it).
func (a *App) openURL(u *url.URL) error {
	if a.opts.openURL != nil {
		return a.opts.openURL(u)
	}
	return a.fyne.OpenURL(u)
}

// recentLog returns the last part of the app's log for the support bundle
// (the report scrubs it), or nil.
func recentLog(path string) []byte {
	const keep = 64 << 10
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if len(b) > keep {
		b = b[len(b)-keep:]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return b
}
