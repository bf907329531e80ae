package ui

// Who is training, and the owner's table of everyone's progress.

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// staffView picks, adds and removes the staff member whose progress is
// recorded, and draws the owner's table.
type staffView struct {
	t   *trainingView
	msg string // a name that was not accepted

	// Widgets of the staff bar; nil without a history file.
	choose *widget.Select
	name   *widget.Entry
	add    *widget.Button
	remove *widget.Button // nil with nobody chosen
}

func newStaffView(t *trainingView) *staffView { return &staffView{t: t} }

// bar picks or adds the staff member whose progress is recorded.
func (s *staffView) bar() fyne.CanvasObject {
	t := s.t
	tr := t.a.tr
	db := t.a.opts.DB
	s.choose, s.name, s.add, s.remove = nil, nil, nil, nil
	if db == nil {
		msg := tr.T("trainingui.staff.nodb")
		if t.a.opts.DBErr != nil {
			msg = t.a.errorMessage(t.a.opts.DBErr) + " " + msg
		}
		l := wrapped(msg)
		l.Importance = widget.WarningImportance
		return l
	}
	list, err := db.StaffList()
	if err != nil {
		t.loadErr = err
	}
	names := make([]string, len(list))
	for i, st := range list {
		names[i] = st.Name
	}
	s.choose = widget.NewSelect(names, nil)
	s.choose.PlaceHolder = tr.T("trainingui.staff.choose")
	if t.staff != nil {
		s.choose.SetSelected(t.staff.Staff)
	}
	s.choose.OnChanged = s.pick

	s.name = widget.NewEntry()
	s.name.SetPlaceHolder(tr.T(training.KeyStaffName))
	s.name.OnSubmitted = func(string) { s.addTyped() }
	s.add = widget.NewButtonWithIcon(tr.T("trainingui.staff.add"), theme.ContentAddIcon(), s.addTyped)

	who := widget.NewLabelWithStyle(tr.T("trainingui.staff.label"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var del fyne.CanvasObject
	if t.staff != nil {
		s.remove = widget.NewButtonWithIcon(tr.T("trainingui.staff.delete"), theme.DeleteIcon(), s.confirmRemove)
		s.remove.Importance = widget.LowImportance
		del = s.remove
	}
	box := container.NewVBox(
		container.NewBorder(nil, nil, who, del, s.choose),
		container.NewBorder(nil, nil, nil, s.add, s.name))
	if s.msg != "" {
		l := wrapped(s.msg)
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	if t.staff != nil {
		status := wrapped(s.status(t.staff))
		if ok, _ := t.staff.Certified(t.deck); ok {
			status.Importance = widget.SuccessImportance
		}
		box.Add(status)
	} else {
		box.Add(wrapped(tr.T("trainingui.staff.none")))
	}
	if err := errors.Join(t.loadErr, t.saveErr); err != nil {
		l := wrapped(t.a.errorMessage(err))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	return box
}

// status is one line: certified (since when) or cards passed, and
// rehearsals done.
func (s *staffView) status(p *training.Progress) string {
	deck, tr := s.t.deck, s.t.a.tr
	passed := 0
	for _, c := range deck.Cards {
		if p.Card(c.ID).Passed() {
			passed++
		}
	}
	status := tr.T(training.KeyNotCertified, "passed", passed, "total", len(deck.Cards))
	if ok, since := p.Certified(deck); ok {
		status = tr.T(training.KeyCertified, "date", since.Local().Format(time.DateOnly))
	}
	return tr.T("trainingui.staff.status", "name", p.Staff, "cards", status,
		"rehearsals", tr.T("trainingui.rehearsal.count", "done", p.RehearsalsDone(deck), "total", len(deck.Rehearsals)))
}

// pick makes name the staff member training.
func (s *staffView) pick(name string) {
	t := s.t
	if t.staff != nil && t.staff.Staff == name {
		return
	}
	st, err := t.a.opts.DB.Staff(name)
	t.loadErr, t.saveErr, s.msg = nil, nil, ""
	if err != nil {
		t.loadErr = err
		t.refresh()
		return
	}
	s.set(journal.ProgressFromStore(st))
}

// set makes p (nil: nobody) the staff member training, remembered for the
// next start.
func (s *staffView) set(p *training.Progress) {
	s.t.staff = p
	name := ""
	if p != nil {
		name = p.Staff
	}
	s.t.a.fyne.Preferences().SetString(prefTrainingStaff, name)
	s.t.refresh()
}

// addTyped adds the name typed (or picks it, if it exists already).
// A display name is the only personal data kept.
func (s *staffView) addTyped() {
	t := s.t
	db := t.a.opts.DB
	name := strings.TrimSpace(s.name.Text)
	p, err := training.NewProgress(name)
	if err != nil {
		s.msg = t.a.tr.T(training.KeyStaffInvalid, "max", training.MaxStaffName)
		t.refresh()
		return
	}
	s.msg, t.loadErr, t.saveErr = "", nil, nil
	if st, err := db.Staff(name); err == nil {
		s.set(journal.ProgressFromStore(st))
		return
	} else if !errors.Is(err, store.ErrNotFound) {
		t.loadErr = err
		t.refresh()
		return
	}
	if err := db.PutStaff(journal.ProgressToStore(p)); err != nil {
		t.saveErr = err
		t.refresh()
		return
	}
	s.set(p)
}

// confirmRemove removes the staff member and their records, after asking.
func (s *staffView) confirmRemove() {
	t := s.t
	if t.staff == nil {
		return
	}
	tr := t.a.tr
	name := t.staff.Staff
	dialog.ShowConfirm(tr.T("trainingui.staff.delete"), tr.T("trainingui.staff.delete.confirm", "name", name),
		func(ok bool) {
			if ok {
				s.removeStaff(name)
			}
		}, t.a.win)
}

// removeStaff deletes name's records and leaves nobody chosen.
func (s *staffView) removeStaff(name string) {
	if err := s.t.a.opts.DB.DeleteStaff(name); err != nil {
		s.t.saveErr = err
		s.t.refresh()
		return
	}
	s.set(nil)
}

// table is the owner's view: every staff member's progress.
func (s *staffView) table() fyne.CanvasObject {
	t := s.t
	tr := t.a.tr
	db := t.a.opts.DB
	if db == nil {
		return wrapped(tr.T("trainingui.staff.nodb"))
	}
	list, err := db.StaffList()
	if err != nil {
		return wrapped(t.a.errorMessage(err))
	}
	if len(list) == 0 {
		return wrapped(tr.T("trainingui.table.empty"))
	}
	staff := make([]*training.Progress, len(list))
	for i, st := range list {
		staff[i] = journal.ProgressFromStore(st)
	}
	bold := func(key string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(tr.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	grid := container.NewGridWithColumns(6,
		bold(training.KeyTableStaff), bold(training.KeyTablePassed), bold(training.KeyTableAttempts),
		bold(training.KeyTableRetake), bold("trainingui.table.rehearsals"), bold(training.KeyTableStatus))
	for _, r := range training.Table(t.deck, staff) {
		var retake []string
		for _, id := range r.Retake {
			if c, ok := t.deck.Card(id); ok {
				retake = append(retake, tr.T(c.TitleKey()))
			}
		}
		retakeText := "-"
		if len(retake) > 0 {
			retakeText = strings.Join(retake, tr.T("trainingui.list.sep"))
		}
		status := wrapped(tr.T(training.KeyNotCertified, "passed", r.Passed, "total", r.Total))
		if r.Certified {
			status.SetText(tr.T(training.KeyCertified, "date", r.CertifiedAt.Local().Format(time.DateOnly)))
			status.Importance = widget.SuccessImportance
		}
		name := wrapped(r.Staff)
		name.TextStyle = fyne.TextStyle{Bold: true}
		grid.Add(name)
		grid.Add(wrapped(tr.T("trainingui.table.passedof", "passed", r.Passed, "total", r.Total, "percent", r.Percent)))
		grid.Add(wrapped(fmt.Sprint(r.Attempts)))
		grid.Add(wrapped(retakeText))
		grid.Add(wrapped(tr.T("trainingui.table.rehearsalsof", "done", r.Rehearsals, "total", len(t.deck.Rehearsals))))
		grid.Add(status)
	}
	return container.NewVScroll(container.NewVBox(grid)) // rows as tall as their text
}
