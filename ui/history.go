package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"posdoctor/store"
	"posdoctor/wizard"
	"posdoctor/wizard/pan"
	"posdoctor/wizard/report"
)

// historyFilter is what the History screen shows; it survives rebuilds.
type historyFilter struct {
	days     int    // 0: all time
	outcome  string // "" all
	terminal string // "" all
	flow     string // "" all; "selftest" shows the shift-start self-tests
	selected string // session ID shown in the detail pane
}

// historyOutcomes are the outcome filter choices, "" meaning all.
var historyOutcomes = []string{"", wizard.VerdictProblem, wizard.VerdictFixed, wizard.VerdictOK, wizard.VerdictOpen}

// historyRanges are the date filter choices, in days (0 = all).
var historyRanges = []int{1, 7, 30, 0}

// historyScreen lists saved sessions with filters, the detail of one, and
// the causes that keep coming back per terminal.
type historyScreen struct {
	a      *App
	filter historyFilter

	// The filters: date range, kind of session, outcome, terminal.
	rangeSel    *widget.Select
	flowSel     *widget.Select
	outcomeSel  *widget.Select
	terminalSel *widget.Select
	count       *widget.Label // how many sessions the filters let through
	list        *widget.List
	sessions    []store.Session // the list's rows
	detail      *fyne.Container // the selected session's trail
}

func newHistoryScreen(a *App) *historyScreen {
	return &historyScreen{a: a, filter: historyFilter{days: 30}}
}

func (h *historyScreen) build() fyne.CanvasObject {
	a := h.a
	db := a.opts.DB
	if db == nil {
		msg := widget.NewLabel(a.errorMessage(a.opts.DBErr))
		msg.Wrapping = fyne.TextWrapWord
		return container.NewVBox(heading(a.tr.T("nav.history")), msg)
	}
	f := &h.filter

	rangeLabels := make([]string, len(historyRanges))
	for i, d := range historyRanges {
		rangeLabels[i] = a.tr.T(fmt.Sprintf("history.range.%d", d))
	}
	rangeSel := widget.NewSelect(rangeLabels, nil)
	h.rangeSel = rangeSel
	for i, d := range historyRanges {
		if d == f.days {
			rangeSel.SetSelected(rangeLabels[i])
		}
	}
	outLabels := make([]string, len(historyOutcomes))
	for i, o := range historyOutcomes {
		outLabels[i] = a.tr.T(wizard.VerdictLabelKey(outcomeOr2(o)))
	}
	outSel := widget.NewSelect(outLabels, nil)
	h.outcomeSel = outSel
	for i, o := range historyOutcomes {
		if o == f.outcome {
			outSel.SetSelected(outLabels[i])
		}
	}
	terms, _ := db.Terminals()
	termLabels := []string{a.tr.T("history.terminal.all")}
	termKeys := []string{""}
	for _, t := range terms {
		name := t.Name
		if name == "" {
			name = t.Model
		}
		if name == "" {
			name = t.Key
		}
		termLabels = append(termLabels, name)
		termKeys = append(termKeys, t.Key)
	}
	termSel := widget.NewSelect(termLabels, nil)
	h.terminalSel = termSel
	for i, k := range termKeys {
		if k == f.terminal {
			termSel.SetSelected(termLabels[i])
		}
	}

	flowLabels := []string{a.tr.T("history.flow.all")}
	flowIDs := []string{""}
	for _, fl := range wizard.Flows() {
		flowLabels = append(flowLabels, a.tr.T(fl.Title))
		flowIDs = append(flowIDs, string(fl.ID))
	}
	flowSel := widget.NewSelect(flowLabels, nil)
	h.flowSel = flowSel
	for i, id := range flowIDs {
		if id == f.flow {
			flowSel.SetSelected(flowLabels[i])
		}
	}

	q := store.Query{Outcome: f.outcome, Terminal: f.terminal, Limit: 200}
	if f.days > 0 {
		q.Since = time.Now().AddDate(0, 0, -f.days)
	}
	page, err := db.Sessions(q)
	var sessions []store.Session
	if err == nil {
		for _, s := range page.Sessions {
			if f.flow == "" || s.Flow == f.flow {
				sessions = append(sessions, s)
			}
		}
	}

	placeholder := "history.pick"
	if len(sessions) == 0 {
		placeholder = "history.none"
	}
	detail := container.NewVBox(wrapped(a.tr.T(placeholder)))
	h.sessions, h.detail = sessions, detail
	list := widget.NewList(
		func() int { return len(sessions) },
		func() fyne.CanvasObject { // two lines: when and which kind, then what was found
			when, what := widget.NewLabel(""), widget.NewLabel("")
			when.Truncation = fyne.TextTruncateEllipsis // a narrow pane shows "…", the detail shows all
			what.Truncation = fyne.TextTruncateEllipsis
			what.TextStyle = fyne.TextStyle{Bold: true}
			return container.NewVBox(when, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := sessions[i]
			o.(*fyne.Container).Objects[0].(*widget.Label).SetText(s.Started.Local().Format("2006-01-02 15:04") + "  ·  " + a.tr.T("flows."+s.Flow+".title"))
			o.(*fyne.Container).Objects[1].(*widget.Label).SetText(a.sessionWhat(s))
		},
	)
	h.list = list
	list.OnSelected = func(i widget.ListItemID) {
		f.selected = sessions[i].ID
		detail.Objects = []fyne.CanvasObject{a.sessionDetail(sessions[i].ID)}
		detail.Refresh()
	}
	for i, s := range sessions {
		if s.ID == f.selected {
			list.Select(i)
		}
	}

	reload := func() { a.refresh("history") }
	rangeSel.OnChanged = func(s string) {
		for i, l := range rangeLabels {
			if l == s {
				f.days = historyRanges[i]
			}
		}
		reload()
	}
	outSel.OnChanged = func(s string) {
		for i, l := range outLabels {
			if l == s {
				f.outcome = historyOutcomes[i]
			}
		}
		reload()
	}
	termSel.OnChanged = func(s string) {
		for i, l := range termLabels {
			if l == s {
				f.terminal = termKeys[i]
			}
		}
		reload()
	}

	flowSel.OnChanged = func(s string) {
		for i, l := range flowLabels {
			if l == s {
				f.flow = flowIDs[i]
			}
		}
		reload()
	}

	filters := container.NewGridWithColumns(2, rangeSel, flowSel, outSel, termSel) // two rows: fits 800 px with large text
	count := widget.NewLabel(a.tr.T("history.count", "n", len(sessions)))
	h.count = count
	if err != nil {
		count.SetText(a.errorMessage(err))
	}
	left := container.NewBorder(container.NewVBox(filters, count), a.recurringView(), nil, nil, list)
	split := container.NewHSplit(left, container.NewVScroll(detail))
	split.Offset = 0.45
	return container.NewBorder(heading(a.tr.T("nav.history")), nil, nil, nil, split)
}

func outcomeOr2(o string) string {
	if o == "" {
		return "all"
	}
	return o
}

// recurringView names the causes that came back on a terminal in the last
// 30 days.
func (a *App) recurringView() fyne.CanvasObject {
	box := container.NewVBox()
	rec, err := a.opts.DB.Recurring(time.Now(), 30*24*time.Hour)
	if err != nil || len(rec) == 0 {
		return box
	}
	box.Add(widget.NewLabelWithStyle(a.tr.T("history.recurring"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i, r := range rec {
		if i == 5 {
			break
		}
		term := r.Terminal
		if term == "" {
			term = a.tr.T("history.terminal.unknown")
		}
		l := widget.NewLabel(a.tr.T("history.recurring.line", "finding", a.findingTitle(r.Finding), "n", r.Count, "terminal", term))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	return box
}

// openSession shows one saved session on the History screen.
func (a *App) openSession(id string) {
	a.history.filter.selected = id
	a.history.filter.days = 0
	a.show("history")
	a.refresh("history")
}

// sessionDetail is the trail of one saved session: what was checked and
// answered, when, and what was found.
func (a *App) sessionDetail(id string) fyne.CanvasObject {
	tr := a.tr
	rec, doc, err := a.opts.DB.Session(id)
	if err != nil {
		return widget.NewLabel(a.errorMessage(err))
	}
	s, err := wizard.Resume(doc, wizard.Flows(), nil)
	if err != nil {
		return widget.NewLabel(a.errorMessage(err))
	}
	// Every line wraps: the detail pane must never widen the window.
	box := container.NewVBox(
		wrapped(tr.T(s.Flow().Title)+" · "+rec.Started.Local().Format("2006-01-02 15:04:05")),
		wrapped(tr.T(wizard.VerdictKey(outcomeOr(rec.Outcome)))),
	)
	box.Objects[0].(*widget.Label).TextStyle = fyne.TextStyle{Bold: true}
	if rec.Code != "" {
		box.Add(wrapped(tr.T("history.code", "code", rec.Code)))
	}
	if rec.Card != "" {
		box.Add(wrapped(tr.T("history.card", "card", pan.Mask(rec.Card))))
	}
	v := &wizardView{a: a, sess: s}
	for _, f := range s.Findings() {
		box.Add(v.renderFindingCard(f))
	}
	box.Add(widget.NewLabelWithStyle(tr.T("history.trail"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	flow := s.Flow()
	for _, r := range s.Trail() {
		st, _ := flow.Step(r.Step)
		line := r.At.Local().Format("15:04:05") + "  " + tr.T(st.Title)
		switch {
		case r.Input != "" && st.Input == wizard.InputCardNumber:
			line += " → " + pan.Mask(r.Input) // masked when typed; again in case an old record is not
		case r.Input != "":
			line += " → " + report.Scrub(r.Input).Text
		case r.Answer != "":
			line += " → " + tr.T(answerLabel(st, r.Answer))
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
		ids := make([]wizard.CheckID, 0, len(r.Results))
		for id := range r.Results {
			ids = append(ids, id)
		}
		sortCheckIDs(ids)
		for _, id := range ids {
			res := r.Results[id]
			cl := widget.NewLabel("      " + tr.T(res.Outcome.Key()) + "  " + tr.T(id.TitleKey()) + ": " + tr.T(res.Summary, a.argsText(res.Args)...))
			cl.Wrapping = fyne.TextWrapWord
			box.Add(cl)
		}
	}
	if a.exportEnabled() {
		box.Add(widget.NewButton(tr.T("wizui.export"), func() { a.exportSession(id) }))
	}
	return box
}

// answerLabel returns the translation key of an answer ID at step st.
func answerLabel(st wizard.Step, id string) string {
	for _, an := range st.Answers {
		if an.ID == id {
			return an.Label
		}
	}
	return wizard.StandardAnswerKey(id)
}

func sortCheckIDs(ids []wizard.CheckID) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}
