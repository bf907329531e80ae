package ui

import (
	"io/fs"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/device/unionpay"
	"posdoctor/ui/cli"
)

// decodeView is the Decode screen's state, kept across rebuilds so a
// language switch re-renders the same capture.
type decodeView struct {
	input   string
	sample  string
	entry   *widget.Entry
	summary *widget.Label
	meaning *widget.Label
	next    *widget.Label
	body    *widget.Label
}

var decodeState = &decodeView{}

// decodeScreen: paste a hex dump, see what the message says — masked —
// with its meaning and the next step. Same words as `posdoctor decode`.
func (a *App) decodeScreen() fyne.CanvasObject {
	d := decodeState
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

	run := widget.NewButtonWithIcon(a.tr.T("decodeui.run"), theme.SearchIcon(), func() { a.decode(d.entry.Text) })
	run.Importance = widget.HighImportance
	clear := widget.NewButtonWithIcon(a.tr.T("decodeui.clear"), theme.ContentClearIcon(), func() {
		d.entry.SetText("")
		a.decode("")
	})
	names, _ := fs.Glob(assets.Samples(), "*.hex")
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = a.tr.T("decodeui.sample." + strings.TrimSuffix(n, ".hex"))
	}
	samples := widget.NewSelect(labels, func(s string) {
		for i, l := range labels {
			if l == s {
				data, err := fs.ReadFile(assets.Samples(), names[i])
				if err == nil {
					d.entry.SetText(string(data))
					a.decode(string(data))
				}
			}
		}
	})
	samples.PlaceHolder = a.tr.T("decodeui.samples")

	if d.input != "" {
		a.decode(d.input)
	}
	privacy := widget.NewLabel(a.tr.T("decodeui.privacy"))
	privacy.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading(a.tr.T("nav.decode")), privacy, d.entry,
		container.NewHBox(run, clear, samples))
	result := container.NewVBox(d.summary, d.meaning, d.next, widget.NewSeparator(), d.body)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(result))
}

// decode decodes text and shows the result or what is wrong with it.
func (a *App) decode(text string) {
	d := decodeState
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
	d.summary.SetText(cli.DecodeSummary(a.tr, dec))
	d.meaning.SetText(a.tr.T(dec.MeaningKey()))
	if k := dec.NextKey(); k != "" {
		d.next.SetText(a.tr.T(k))
	} else {
		d.next.SetText("")
	}
	var b strings.Builder
	cli.WriteDecoded(&b, a.tr, dec)
	d.body.SetText(b.String())
}
