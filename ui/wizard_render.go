package ui

// This file draws the troubleshooting session: the step, its checks and
// their evidence, the findings with their remedies and fix, and the end
// page. wizard.go holds the session's state and what the owner does.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/wizard"
)

// render draws the whole session view from its state. Main goroutine only.
func (v *wizardView) render() fyne.CanvasObject {
	tr := v.a.tr
	v.answers = map[string]*widget.Button{}
	v.next, v.input, v.export = nil, nil, nil

	flowTitle := heading(tr.T(v.sess.Flow().Title))
	done, total := v.sess.Progress()
	progress := widget.NewProgressBar()
	// The text names the step only: a total estimated from the shortest
	// way to an end grows whenever the owner's answers take a longer way.
	v.shown = max(v.shown, float64(done)/float64(total))
	progress.SetValue(v.shown)
	progress.TextFormatter = func() string { return tr.T("wizui.progress", "n", done, "total", total) }
	top := container.NewVBox(flowTitle, progress)
	if v.training {
		top.Objects = append([]fyne.CanvasObject{trainingBanner(tr.T("training.banner"))}, top.Objects...)
	}

	var body fyne.CanvasObject
	if v.sess.Done() && v.onCause != nil {
		body = v.renderCauses()
	} else if v.sess.Done() {
		body = v.renderEnd()
	} else {
		body = v.renderStep()
	}

	v.back = widget.NewButtonWithIcon(tr.T("wizui.back"), theme.NavigateBackIcon(), v.goBack)
	if len(v.sess.Trail()) == 0 || v.onCause != nil { // a trainee naming the cause answers first
		v.back.Disable()
	}
	leaveText := tr.T("wizui.leave")
	switch {
	case v.training:
		leaveText = tr.T("wizui.leave.training") // nothing is saved in a rehearsal
	case v.sess.Done():
		leaveText = tr.T("wizui.home")
	}
	v.leave = widget.NewButtonWithIcon(leaveText, theme.HomeIcon(), v.close)
	bottom := container.NewHBox(v.back, layout.NewSpacer(), v.leave)
	return container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// renderStep draws the current step by its kind.
func (v *wizardView) renderStep() fyne.CanvasObject {
	tr := v.a.tr
	st := v.sess.Current()
	title := newParagraph(tr.T(st.Title)) // Chinese line-break rules
	title.label.TextStyle = fyne.TextStyle{Bold: true}
	title.label.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title)
	if st.Body != "" {
		box.Add(newParagraph(tr.T(st.Body)))
	}
	if st.ShowSale {
		box.Add(v.saleBox())
	}
	if k := v.sess.HoldKey(); k != "" && st.Kind == wizard.KindInstruction {
		box.Add(v.holdBanner(k))
	}
	if st.Search {
		box.Add(v.searchBox())
	}
	switch st.Kind {
	case wizard.KindCheck:
		box.Add(v.renderChecks(v.sess.Pending()))
		if v.finished() {
			v.next = widget.NewButtonWithIcon(tr.T("wizui.continue"), theme.NavigateNextIcon(), v.submit)
			v.next.Importance = widget.HighImportance
			box.Add(v.next)
		}
	case wizard.KindFinding:
		box.Add(v.renderFindingCard(v.currentFound()))
		box.Add(v.fixArea())
	}
	if st.Kind == wizard.KindQuestion && st.Input != wizard.InputNone {
		v.input = widget.NewEntry()
		v.input.SetPlaceHolder(tr.T("wizui.input." + string(st.Input) + ".placeholder"))
		v.input.OnSubmitted = v.typed
		ok := widget.NewButtonWithIcon(tr.T("wizui.input.ok"), theme.ConfirmIcon(), func() { v.typed(v.input.Text) })
		ok.Importance = widget.HighImportance
		v.next = ok
		box.Add(container.NewBorder(nil, nil, nil, ok, v.input))
		if v.errText != "" {
			e := widget.NewLabelWithStyle(v.errText, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			e.Importance = widget.DangerImportance
			box.Add(e)
		}
		if st.Input == wizard.InputCardNumber {
			note := widget.NewLabel(tr.T("wizui.input.card-number.privacy"))
			note.Wrapping = fyne.TextWrapWord
			box.Add(note)
		}
	}
	choices := v.sess.Choices()
	for i, c := range choices {
		label := c.Label
		text := tr.T(label)
		if k := optionKey(i); k != 0 {
			text = string(k) + ".  " + text
		}
		b := widget.NewButton(text, func() { v.answer(c.ID) })
		b.Alignment = widget.ButtonAlignLeading
		if len(choices) == 1 && c.ID != wizard.AnswerSkip { // skipping is never the default
			b.Importance = widget.HighImportance
			v.next = b
		}
		v.answers[c.ID] = b
		box.Add(container.NewGridWrap(fyne.NewSize(640, 56), b))
	}
	return box
}

// renderCauses asks a trainee, at a rehearsal's end, to name the cause
// before the wizard's verdict is shown.
func (v *wizardView) renderCauses() fyne.CanvasObject {
	tr := v.a.tr
	title := widget.NewLabelWithStyle(tr.T("trainingui.rehearsal.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	title.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title)
	for i, id := range v.causes {
		b := widget.NewButton(string(optionKey(i))+".  "+v.a.findingTitle(id), func() { v.nameCause(id) })
		b.Alignment = widget.ButtonAlignLeading
		v.answers[id] = b
		box.Add(b)
	}
	return box
}

// nameCause takes the trainee's answer to renderCauses.
func (v *wizardView) nameCause(id string) {
	if f := v.onCause; f != nil {
		v.onCause = nil
		f(id)
		v.show()
	}
}

// currentFound is the Found record of the finding on screen.
func (v *wizardView) currentFound() wizard.Found {
	all := v.sess.Findings()
	if len(all) == 0 {
		return wizard.Found{}
	}
	return all[len(all)-1]
}

// renderChecks is one row per check: badge, name, what it found, evidence.
func (v *wizardView) renderChecks(ids []wizard.CheckID) fyne.CanvasObject {
	tr := v.a.tr
	rows := container.NewVBox()
	for _, id := range ids {
		state := v.states[id]
		res, has := v.results[id]
		var b fyne.CanvasObject
		switch {
		case v.runStep != v.key():
			b = newBadge(tr.T("wizui.badge.queued"), theme.ColorNameDisabled)
		case state == stateRunning:
			b = newBadge(tr.T("wizui.badge.running"), theme.ColorNamePrimary)
		case has:
			b = outcomeBadge(tr, res.Outcome)
		}
		name := widget.NewLabelWithStyle(tr.T(id.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		summary := widget.NewLabel("")
		summary.Wrapping = fyne.TextWrapWord
		var more fyne.CanvasObject = layout.NewSpacer()
		if has {
			summary.SetText(tr.T(res.Summary, v.a.argsText(res.Args)...))
			if len(res.Evidence) > 0 || res.Detail != "" {
				res := res
				more = widget.NewButtonWithIcon(tr.T("wizui.evidence"), theme.InfoIcon(), func() { v.a.showEvidence(id, res) })
			}
		}
		rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, 36), b), more, container.NewVBox(name, summary)))
	}
	return rows
}

// valueText shows an evidence value: some values are translation keys
// (device.comm.4g, decode.rc.96.meaning), the rest plain text.
func (a *App) valueText(v string) string {
	if a.tr.Has(v) {
		return a.tr.T(v)
	}
	return v
}

// argsText is argsKV with values that are translation keys translated.
func (a *App) argsText(m map[string]string) []any {
	kv := make([]any, 0, 2*len(m))
	for k, v := range m {
		kv = append(kv, k, a.valueText(v))
	}
	return kv
}

// showEvidence lists what a check measured; raw error text stays behind a
// details toggle.
func (a *App) showEvidence(id wizard.CheckID, r wizard.Result) {
	form := widget.NewForm()
	for _, f := range r.Evidence {
		val := widget.NewLabel(a.valueText(f.Value))
		val.Wrapping = fyne.TextWrapWord
		val.Selectable = true
		form.Append(a.tr.T(f.Key), val)
	}
	content := container.NewVBox(form)
	if r.Detail != "" {
		d := widget.NewLabel(r.Detail)
		d.Wrapping = fyne.TextWrapWord
		d.Selectable = true
		content.Add(widget.NewAccordion(widget.NewAccordionItem(a.tr.T("errors.details"), d)))
	}
	dlg := dialog.NewCustom(a.tr.T(id.TitleKey()), a.tr.T("OK"), container.NewVScroll(content), a.win)
	dlg.Resize(fyne.NewSize(640, 420))
	dlg.Show()
}

// renderFindingCard shows one finding: title, layer, remedies in order, and
// what to say to the customer.
func (v *wizardView) renderFindingCard(f wizard.Found) fyne.CanvasObject {
	tr := v.a.tr
	box := container.NewVBox()
	if f.ID == "" {
		return box
	}
	title := widget.NewLabelWithStyle(tr.T(f.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	if f.Severity == wizard.SeverityProblem && !f.Fixed {
		title.Importance = widget.DangerImportance
	} else {
		title.Importance = widget.SuccessImportance
	}
	box.Add(title)
	if f.Severity == wizard.SeverityProblem && f.Grade != "" {
		box.Add(v.gradeLabel(f))
	}
	if f.Layer != wizard.LayerNone && f.Layer != v.shownLayer {
		l := widget.NewLabel(tr.T(f.Layer.Key()))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if f.Hold != "" {
		box.Add(v.holdBanner(f.Hold))
	}
	if strings.HasPrefix(string(f.ID), "money.") {
		box.Add(v.saleBox())
	}
	if len(f.Remedies) > 0 {
		box.Add(widget.NewLabelWithStyle(tr.T("wizui.remedies"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, r := range f.Remedies {
			l := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, tr.T(r)))
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
	}
	for _, o := range v.inferredHelp(f) {
		box.Add(o)
	}
	if f.CallsLakala && !f.Fixed {
		box.Add(v.lakalaBox())
	}
	if f.Customer != "" {
		c := widget.NewLabel(tr.T("wizui.customer") + " " + tr.T(f.Customer))
		c.Wrapping = fyne.TextWrapWord
		c.TextStyle = fyne.TextStyle{Italic: true}
		box.Add(widget.NewCard("", "", c))
	}
	return widget.NewCard("", "", box)
}

// fixArea offers the current finding's safe fix, or reports how it went.
func (v *wizardView) fixArea() fyne.CanvasObject {
	tr := v.a.tr
	box := container.NewVBox()
	if v.fixDone != nil {
		if *v.fixDone {
			l := widget.NewLabel(tr.T("wizui.fix.ok"))
			l.Importance = widget.SuccessImportance
			box.Add(l)
		} else {
			l := widget.NewLabel(tr.T("wizui.fix.failed"))
			l.Importance = widget.WarningImportance
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
	}
	fix, ok := v.sess.Fix()
	if !ok || !v.reg.HasAction(fix.Action) {
		return box
	}
	b := widget.NewButtonWithIcon(tr.T(fix.Label), theme.ViewRefreshIcon(), v.applyFix)
	b.Importance = widget.HighImportance
	if v.fixing {
		b.Disable()
		b.SetText(tr.T("wizui.fix.running"))
	}
	box.Add(b)
	return box
}

// renderEnd is the last page: the verdict in one sentence, the findings
// with remedies, and the way home.
func (v *wizardView) renderEnd() fyne.CanvasObject {
	tr := v.a.tr
	sum := v.sess.Summary()
	verdict := widget.NewLabelWithStyle(tr.T(wizard.VerdictKey(sum.Outcome)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	verdict.SizeName = theme.SizeNameSubHeadingText
	verdict.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(verdict)
	v.shownLayer = sum.Layer
	if sum.Layer != wizard.LayerNone {
		l := widget.NewLabelWithStyle(tr.T(sum.Layer.Key()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	if h := v.hint; h != "" {
		l := widget.NewLabel(h)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.HighImportance
		box.Add(widget.NewCard("", "", l))
	}
	for _, f := range wizard.ByUrgency(v.sess.Findings()) {
		box.Add(v.renderFindingCard(f))
	}
	box.Add(v.fixArea())
	box.Add(v.checkedList())
	if v.a.exportEnabled() && !v.training && v.journal != nil {
		v.export = widget.NewButtonWithIcon(tr.T("wizui.export"), theme.DocumentSaveIcon(), func() { v.a.exportSession(v.journal.ID()) })
		box.Add(v.export)
	}
	return box
}
