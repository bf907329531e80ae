package ui

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/device/unionpay"
	"posdoctor/ui/checks"
	"posdoctor/wizard"
)

// decodeScreen: paste a hex dump, see what the message says — masked —
// with its meaning and the next step. Same words as `posdoctor decode`.
// Its state outlives rebuilds, so a language switch re-renders the same
// capture.
type decodeScreen struct {
	a       *App
	input   string
	entry   *widget.Entry
	run     *widget.Button
	clear   *widget.Button
	samples *widget.Select
	open    *widget.Button // reads a log file
	summary *widget.Label
	meaning *widget.Label
	next    *widget.Label
	body    *widget.Label

	// A log file read whole: its name (no folders), what ReadLog found,
	// the rows in words, and the newest failed answer to diagnose with.
	logName  string
	log      *unionpay.Log
	logErr   error
	rows     []unionpay.LogRow
	logBox   *fyne.Container
	timeline *widget.List
	useLog   *widget.Button
	clearLog *widget.Button
}

func newDecodeScreen(a *App) *decodeScreen { return &decodeScreen{a: a} }

func (d *decodeScreen) build() fyne.CanvasObject {
	a := d.a
	d.entry = widget.NewMultiLineEntry()
	d.entry.SetPlaceHolder(a.tr.T("decodeui.placeholder"))
	d.entry.TextStyle = fyne.TextStyle{Monospace: true}
	d.entry.Wrapping = fyne.TextWrapBreak
	d.entry.SetMinRowsVisible(5)
	d.entry.SetText(d.input)
	d.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.summary.Wrapping = fyne.TextWrapWord
	d.meaning = widget.NewLabel("")
	d.meaning.Wrapping = fyne.TextWrapWord
	d.next = widget.NewLabel("")
	d.next.Wrapping = fyne.TextWrapWord
	d.next.Importance = widget.HighImportance
	d.body = widget.NewLabel("")
	d.body.Wrapping = fyne.TextWrapWord
	d.body.Selectable = true

	d.run = widget.NewButtonWithIcon(a.tr.T("decodeui.run"), theme.SearchIcon(), func() { d.decode(d.entry.Text) })
	d.run.Importance = widget.HighImportance
	d.clear = widget.NewButtonWithIcon(a.tr.T("decodeui.clear"), theme.ContentClearIcon(), func() {
		d.entry.SetText("")
		d.decode("")
	})
	names, _ := fs.Glob(assets.Samples(), "*.hex")
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = a.tr.T("decodeui.sample." + strings.TrimSuffix(n, ".hex"))
	}
	d.samples = widget.NewSelect(labels, func(s string) {
		for i, l := range labels {
			if l == s {
				data, err := fs.ReadFile(assets.Samples(), names[i])
				if err == nil {
					d.entry.SetText(string(data))
					d.decode(string(data))
				}
			}
		}
	})
	d.samples.PlaceHolder = a.tr.T("decodeui.samples")
	d.open = widget.NewButtonWithIcon(a.tr.T("decodeui.open"), theme.FolderOpenIcon(), d.openLogDialog)
	d.logBox = container.NewVBox()
	d.useLog = widget.NewButtonWithIcon(a.tr.T("decodeui.use"), theme.MediaPlayIcon(), d.diagnoseFromLog)
	d.useLog.Importance = widget.HighImportance
	d.timeline = widget.NewList(func() int { return len(d.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if i < 0 || i >= len(d.rows) {
				return
			}
			r := d.rows[i]
			l.Importance = widget.MediumImportance
			if r.Failed {
				l.Importance = widget.DangerImportance
			}
			l.SetText("#" + strconv.Itoa(r.N) + "  " + strings.Join(r.Cells(a.tr.T), " · "))
		})

	if d.input != "" {
		d.decode(d.input)
	}
	privacy := widget.NewLabel(a.tr.T("decodeui.privacy"))
	privacy.Wrapping = fyne.TextWrapWord
	drop := widget.NewLabel(a.tr.T("decodeui.drop"))
	drop.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading(a.tr.T("nav.decode")), privacy, d.entry,
		container.NewHBox(d.run, d.clear, d.samples), container.NewBorder(nil, nil, d.open, nil, drop))
	result := container.NewVBox(d.summary, d.meaning, d.next, widget.NewSeparator(), d.body)
	if d.log != nil {
		d.showLog()
		return container.NewBorder(top, nil, nil, nil, container.NewBorder(d.logBox, nil, nil, nil, d.timeline))
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(result))
}

// openLogDialog asks for a log file and reads it.
func (d *decodeScreen) openLogDialog() {
	a := d.a
	dlg := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if rc == nil {
			return // cancelled
		}
		d.loadLog(rc.URI().Name(), rc)
	}, a.win)
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}

// dropped takes the first file dropped on the window as a log to read,
// whatever screen is showing, and shows the Decode screen.
func (a *App) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		f, err := os.Open(u.Path())
		if err != nil {
			a.showError(err)
			return
		}
		if st, err := f.Stat(); err == nil && st.IsDir() {
			f.Close()
			continue
		}
		if a.wizard == nil {
			a.show("decode")
		}
		a.decode.loadLog(filepath.Base(u.Path()), f)
		return
	}
}

// loadLog reads a log off the UI goroutine (a 100 MB log takes seconds),
// then shows its timeline. It closes r.
func (d *decodeScreen) loadLog(name string, r io.ReadCloser) {
	a := d.a
	if d.summary != nil {
		d.summary.Importance = widget.MediumImportance
		d.summary.SetText(a.tr.T("decodeui.file", "file", name))
	}
	ctx := a.ctx
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer r.Close()
		lg, err := unionpay.ReadLog(ctxReader{ctx, r}, unionpay.DefaultLogLimits)
		if ctx.Err() != nil {
			return // the window closed
		}
		a.do(func() {
			if err != nil && !errors.Is(err, unionpay.ErrLogTooLarge) {
				a.showError(err)
				return
			}
			d.logName, d.log, d.logErr = name, lg, err
			a.refresh("decode")
		})
	}()
}

// showLog fills the log's heading, notes and rows.
func (d *decodeScreen) showLog() {
	a := d.a
	d.rows = unionpay.Timeline(d.log)
	file := widget.NewLabelWithStyle(a.tr.T("decodeui.file", "file", d.logName), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := widget.NewLabel(a.tr.T("decode.log.heading", "n", len(d.log.Entries)+d.log.Dropped, "lines", d.log.Lines))
	d.logBox.Objects = []fyne.CanvasObject{file, head}
	for _, n := range unionpay.LogNotes(d.log, d.logErr) {
		l := widget.NewLabel(n.Text(a.tr.T))
		l.Wrapping = fyne.TextWrapWord
		d.logBox.Add(l)
	}
	if _, ok := d.log.NewestFailed(); ok {
		d.logBox.Add(d.useLog)
	}
	d.clearLog = widget.NewButtonWithIcon(a.tr.T("decodeui.clear"), theme.ContentClearIcon(), func() {
		d.log, d.rows, d.logName, d.logErr = nil, nil, "", nil
		a.refresh("decode")
	})
	d.logBox.Add(container.NewHBox(d.clearLog))
	d.logBox.Add(widget.NewLabelWithStyle(a.tr.T("decodeui.timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	d.logBox.Refresh()
	d.timeline.Refresh()
}

// diagnoseFromLog starts the full diagnosis at the branch of the log's
// newest failed answer, with the log as its evidence (graded reported).
func (d *decodeScreen) diagnoseFromLog() {
	a := d.a
	if d.log == nil {
		return
	}
	e, ok := d.log.NewestFailed()
	if !ok {
		return
	}
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		a.showError(err)
		return
	}
	if err := s.JumpWith(wizard.EvidenceLogResponse, checks.FromLog(e, d.logName)); err != nil {
		a.showError(err)
		return
	}
	reg, closeReg := a.newRegistry(a.ctx)
	a.startWizardWith(s, reg, closeReg)
}

// decode decodes text and shows the result or what is wrong with it.
func (d *decodeScreen) decode(text string) {
	a := d.a
	d.input = text
	if strings.TrimSpace(text) == "" {
		d.summary.SetText("")
		d.meaning.SetText("")
		d.next.SetText("")
		d.body.SetText("")
		return
	}
	dec, err := unionpay.DecodeHex(text)
	if err != nil {
		d.summary.SetText(a.errorMessage(err))
		d.summary.Importance = widget.DangerImportance
		d.summary.Refresh()
		d.meaning.SetText("")
		d.next.SetText("")
		d.body.SetText(err.Error())
		return
	}
	d.summary.Importance = widget.MediumImportance
	d.summary.SetText(unionpay.Summary(dec).Text(a.tr.T))
	d.meaning.SetText(a.tr.T(dec.MeaningKey()))
	if k := dec.NextKey(); k != "" {
		d.next.SetText(a.tr.T(k))
	} else {
		d.next.SetText("")
	}
	d.body.SetText(strings.Join(unionpay.Lines(unionpay.Describe(dec), a.tr.T), "\n") + "\n")
}

// ctxReader stops a long read when the window closes.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
