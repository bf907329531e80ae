package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/wizard"
	"posdoctor/wizard/report"
)

// wrapLabel is a word-wrapped label with an importance.
func wrapLabel(text string, imp widget.Importance, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// holdBanner is the money guard: shown before any advice that takes the
// payment again while the terminal has not reported the sale declined.
func (v *wizardView) holdBanner(key string) fyne.CanvasObject {
	return widget.NewCard("", "", wrapLabel(v.a.tr.T(key), widget.DangerImportance, true))
}

// saleBox shows the sale a money question or verdict is about.
func (v *wizardView) saleBox() fyne.CanvasObject {
	tr := v.a.tr
	facts := v.sess.SaleFacts()
	if len(facts) == 0 {
		return wrapLabel(tr.T("verdict.sale.none"), widget.MediumImportance, false)
	}
	box := container.NewVBox(wrapLabel(tr.T("verdict.sale.title"), widget.MediumImportance, true))
	for _, f := range facts {
		box.Add(wrapLabel(tr.T(f.Key)+": "+v.a.valueText(f.Value), widget.MediumImportance, false))
	}
	return widget.NewCard("", "", box)
}

// searchBox lets the owner type what the terminal's screen said.
func (v *wizardView) searchBox() fyne.CanvasObject {
	tr := v.a.tr
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(tr.T("verdict.search"))
	run := func() {
		ok, err := v.sess.Search(v.search.Text)
		if err != nil {
			v.a.showError(err)
			return
		}
		if !ok {
			v.errText = tr.T("verdict.search.none")
			v.show()
			return
		}
		v.errText = ""
		v.stepped()
	}
	v.search.OnSubmitted = func(string) { run() }
	b := widget.NewButtonWithIcon(tr.T("verdict.search.go"), theme.SearchIcon(), run)
	box := container.NewVBox(container.NewBorder(nil, nil, nil, b, v.search))
	if v.errText != "" {
		box.Add(wrapLabel(v.errText, widget.WarningImportance, true))
	}
	return box
}

// gradeLabel says how sure the verdict is: found the cause (measured,
// reported) or most likely cause (inferred).
func (v *wizardView) gradeLabel(f wizard.Found) fyne.CanvasObject {
	imp := widget.HighImportance
	if f.Grade == wizard.GradeInferred {
		imp = widget.WarningImportance
	}
	return wrapLabel(v.a.tr.T(f.Grade.Key()), imp, true)
}

// inferredHelp says what would confirm an inferred finding and the next
// most likely cause.
func (v *wizardView) inferredHelp(f wizard.Found) []fyne.CanvasObject {
	tr := v.a.tr
	var out []fyne.CanvasObject
	if f.Confirm != "" {
		out = append(out, wrapLabel(tr.T("verdict.confirm.title")+" "+tr.T(f.Confirm), widget.MediumImportance, false))
	}
	if r, ok := wizard.LookupFinding(f.RunnerUp); ok {
		out = append(out, wrapLabel(tr.T("verdict.runner-up", "title", tr.T(r.Title)), widget.MediumImportance, false))
	}
	return out
}

// lakalaBox is what to quote when the remedy is to call Lakala.
func (v *wizardView) lakalaBox() fyne.CanvasObject {
	tr := v.a.tr
	unknown := tr.T("verdict.lakala.unknown")
	val := func(keys ...string) string {
		for _, r := range v.sess.Trail() {
			for _, res := range r.Results {
				for _, f := range res.Evidence {
					for _, k := range keys {
						if f.Key == k && f.Value != "" {
							return f.Value
						}
					}
				}
			}
		}
		return unknown
	}
	code := v.sess.Code()
	if code == "" {
		code = unknown
	}
	ref := unknown
	if v.journal != nil {
		ref = report.RefCode(v.journal.ID())
	}
	sup := wizard.ParseSupport(assets.Support)
	if own := strings.TrimSpace(v.a.fyne.Preferences().String(prefLakalaPhone)); own != "" {
		sup = wizard.Support{Phone: own, Verified: true} // the shop's own (an agent's) number
	}
	phoneLine := tr.T("verdict.lakala.phone", "phone", sup.Phone)
	if !sup.Verified {
		phoneLine += " " + tr.T("verdict.lakala.unverified")
	}
	box := container.NewVBox(wrapLabel(tr.T("verdict.lakala.title"), widget.MediumImportance, true),
		wrapLabel(tr.T("verdict.lakala.mid", "v", orPref(val("evidence.txn.mid", "device.fact.mid"), unknown, v.a.fyne.Preferences().String(prefMID))), widget.MediumImportance, false),
		wrapLabel(tr.T("verdict.lakala.tid", "v", orPref(val("evidence.txn.tid", "device.fact.tid"), unknown, v.a.fyne.Preferences().String(prefTID))), widget.MediumImportance, false),
		wrapLabel(tr.T("verdict.lakala.code", "v", code), widget.MediumImportance, false),
		wrapLabel(tr.T("verdict.lakala.ref", "v", ref), widget.MediumImportance, false),
		wrapLabel(phoneLine, widget.MediumImportance, false))
	return widget.NewCard("", "", box)
}

// checkedList lists briefly what was checked: each automatic check once,
// with its last outcome (正常 / 有问题 / 注意 / 没做).
func (v *wizardView) checkedList() fyne.CanvasObject {
	tr := v.a.tr
	checked := v.sess.Checked()
	if len(checked) == 0 {
		return container.NewVBox()
	}
	parts := make([]string, 0, len(checked))
	for _, c := range checked {
		parts = append(parts, tr.T(c.ID.TitleKey())+" "+tr.T(c.Outcome.Key()))
	}
	return container.NewVBox(wrapLabel(tr.T("verdict.checked"), widget.MediumImportance, true),
		wrapLabel(strings.Join(parts, " · "), widget.MediumImportance, false))
}

// orPref returns v, or the value from the settings when v is unknown.
func orPref(v, unknown, pref string) string {
	if v == unknown && strings.TrimSpace(pref) != "" {
		return strings.TrimSpace(pref)
	}
	return v
}
