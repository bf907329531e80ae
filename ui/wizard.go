package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

// checkState is where one automatic check stands on screen.
type checkState int

const (
	stateQueued checkState = iota
	stateRunning
	stateDone
)

// wizardView is a troubleshooting session on screen. It owns the session
// (touched only on the main goroutine), the registry of real checks, and
// the journal that saves the session after every step.
type wizardView struct {
	a *App
	// shownLayer is the layer whose sentence the end page already shows
	// above the findings: a card does not repeat it.
	shownLayer wizard.Layer
	sess       *wizard.Session
	reg        *wizard.Registry
	closeReg   func() error
	journal    *journal.Journal
	saver      chan func() // serialises writes to the store, off the main goroutine
	training   bool        // a rehearsal: no history, a banner on every screen

	ctx    context.Context
	cancel context.CancelFunc

	// The current check step's run: states and results by check ID.
	runStep StepKey
	states  map[wizard.CheckID]checkState
	results map[wizard.CheckID]wizard.Result
	fixing  bool
	fixDone *bool
	errText string  // a typed answer that could not be read
	shown   float64 // the progress bar's fill so far: it never drops except on Back

	// Widgets, kept for tests and keyboard shortcuts.
	answers map[string]*widget.Button
	next    *widget.Button
	back    *widget.Button
	leave   *widget.Button
	input   *widget.Entry
	search  *widget.Entry
	export  *widget.Button        // on the end page, when the session is saved
	onEnd   func(*wizard.Session) // called once when the session ends (training)
	hint    string                // what recent failures suggest, shown at the end

	// A rehearsal's end: before the result the trainee names the cause
	// among causes (finding IDs); onCause takes the choice.
	causes  []string
	onCause func(string)
}

// StepKey identifies one visit of a step: the step and how many steps came
// before, so a revisited step (after Back) runs its checks again.
type StepKey struct {
	Step  wizard.StepID
	Depth int
}

func (v *wizardView) key() StepKey {
	return StepKey{v.sess.Current().ID, len(v.sess.Trail())}
}

// Start opens a new session of the flow named id ("main", "waiting",
// "money", "selftest"), as the Home buttons do.
func (a *App) Start(id string) { a.startWizard(wizard.FlowID(id)) }

// startWizard opens a new session of the flow with the real checks. When
// the session could not be saved (another window holds the history, the
// file is read-only), it asks first: never a session that silently is not
// saved (issue 16).
func (a *App) startWizard(id wizard.FlowID) {
	if why := a.unsavedReason(); why != "" {
		dialog.ShowConfirm(a.tr.T("storebranch.gui.unsaved.title"), a.tr.T("storebranch.gui.unsaved.body", "why", why),
			func(ok bool) {
				if ok {
					a.startWizardNow(id)
				}
			}, a.win)
		return
	}
	a.startWizardNow(id)
}

// unsavedReason says why a new session would not be saved, or "".
func (a *App) unsavedReason() string {
	switch {
	case a.opts.DB == nil && a.opts.DBErr != nil:
		return a.errorMessage(a.opts.DBErr)
	case a.opts.DB == nil:
		return ""
	case a.opts.DB.ReadOnly():
		return a.tr.T("storebranch.gui.readonly")
	}
	return ""
}

// newSession starts a session of flow id, or says why it cannot.
func (a *App) newSession(id wizard.FlowID) (*wizard.Session, bool) {
	f, err := wizard.FlowByID(id)
	if err != nil {
		a.showError(err)
		return nil, false
	}
	s, err := wizard.Start(f, nil)
	if err != nil {
		a.showError(err)
		return nil, false
	}
	return s, true
}

func (a *App) startWizardNow(id wizard.FlowID) {
	s, ok := a.newSession(id)
	if !ok {
		return
	}
	reg, closeReg := a.newRegistry(a.ctx)
	a.startWizardWith(s, reg, closeReg)
}

// startWizardWith puts a new session on screen with the given checks,
// saved to the history.
func (a *App) startWizardWith(s *wizard.Session, reg *wizard.Registry, closeReg ...func() error) {
	var j *journal.Journal
	if a.opts.DB != nil {
		j = journal.New(a.opts.DB, a.terminalKey(), time.Now())
	}
	var c func() error
	if len(closeReg) > 0 {
		c = closeReg[0]
	}
	a.openWizard(s, reg, c, j, false)
}

// resumeWizard continues an unfinished session from the history.
func (a *App) resumeWizard(rec store.Session) {
	_, doc, err := a.opts.DB.Session(rec.ID)
	if err != nil {
		a.showError(err)
		return
	}
	s, err := wizard.Resume(doc, wizard.Flows(), nil)
	if err != nil {
		a.showError(err)
		return
	}
	reg, closeReg := a.newRegistry(a.ctx)
	a.openWizard(s, reg, closeReg, journal.Reopen(a.opts.DB, rec), false)
}

// openWizard puts a session on screen in place of the navigation.
func (a *App) openWizard(s *wizard.Session, reg *wizard.Registry, closeReg func() error, j *journal.Journal, training bool) *wizardView {
	v := newWizardView(a, s, reg, closeReg, j, training)
	a.wizard = v
	v.save()
	v.show()
	return v
}

// newWizardView makes the view of session s, with the checks of reg, saved
// to j (nil: not saved). Its saver runs until the view stops.
func newWizardView(a *App, s *wizard.Session, reg *wizard.Registry, closeReg func() error, j *journal.Journal, training bool) *wizardView {
	v := &wizardView{a: a, sess: s, reg: reg, closeReg: closeReg, journal: j, training: training,
		saver: make(chan func(), 64)}
	v.ctx, v.cancel = context.WithCancel(a.ctx)
	go func() { // the saver: one write at a time, in step order; exits on stop
		for {
			select {
			case w := <-v.saver:
				w()
			case <-v.ctx.Done():
				for {
					select {
					case w := <-v.saver:
						w()
					default:
						return
					}
				}
			}
		}
	}()
	return v
}

// terminalKey names the detected terminal for the history, or "".
func (a *App) terminalKey() string {
	if a.terminal == nil {
		return ""
	}
	cands, _, _ := a.terminal.snapshot()
	return journal.KeyOf(cands)
}

// stop ends the session's background work: running checks, the link.
func (v *wizardView) stop() {
	v.cancel()
	if v.closeReg != nil {
		go func() { _ = v.closeReg() }() // closing a link can take ~50 ms: not on the main goroutine
	}
}

// save hands the session's current state to the saver goroutine. The JSON
// is made here, on the main goroutine, because the session is not safe for
// concurrent use; the write happens off it.
func (v *wizardView) save() {
	if v.journal == nil || v.training {
		return
	}
	doc, err := v.sess.MarshalJSON()
	if err != nil {
		fyne.LogError("session JSON", err)
		return
	}
	rec := journal.Index(v.journal.ID(), v.a.terminalKey(), v.sess.Summary())
	db := v.a.opts.DB
	select {
	case v.saver <- func() {
		if err := db.SaveSession(rec, doc); err != nil {
			v.a.do(func() { v.a.showError(err) })
		}
	}:
	default:
		fyne.LogError("session save queue full", errors.New("dropped one save"))
	}
}

// show redraws the session and starts the current step's checks if needed.
func (v *wizardView) show() {
	if v.a.wizard != v {
		return // left already
	}
	v.a.win.SetContent(v.render())
	v.bindKeys()
	if v.input != nil {
		v.a.win.Canvas().Focus(v.input) // the step asks for text: typing goes there, not to shortcuts
	}
	if ids := v.sess.Pending(); len(ids) > 0 && v.runStep != v.key() {
		v.runChecks(ids)
	}
}

// runChecks runs the current step's checks concurrently, each with its
// deadline, off the main goroutine; every result redraws its badge.
func (v *wizardView) runChecks(ids []wizard.CheckID) {
	key := v.key()
	v.runStep = key
	v.states = map[wizard.CheckID]checkState{}
	v.results = map[wizard.CheckID]wizard.Result{}
	for _, id := range ids {
		v.states[id] = stateRunning
	}
	v.a.win.SetContent(v.render())
	timeout := v.a.checkTimeout()
	go func() {
		all := v.reg.RunAll(v.ctx, ids, timeout, func(id wizard.CheckID, r wizard.Result) {
			v.a.do(func() {
				if v.runStep != key {
					return
				}
				v.states[id], v.results[id] = stateDone, r
				if v.a.wizard == v {
					v.a.win.SetContent(v.render())
				}
			})
		})
		v.a.do(func() {
			if v.runStep != key || v.ctx.Err() != nil {
				return
			}
			if wizard.Worst(all) <= wizard.Pass {
				v.submit() // all clear: go on without a tap
				return
			}
			v.show() // something failed: let the owner see it, then Continue
		})
	}()
}

// finished reports whether every check of the current step has a result.
func (v *wizardView) finished() bool {
	if v.runStep != v.key() {
		return false
	}
	for _, s := range v.states {
		if s != stateDone {
			return false
		}
	}
	return true
}

// submit hands the check results to the session and moves on.
func (v *wizardView) submit() {
	if err := v.sess.Submit(v.results); err != nil {
		v.a.showError(err)
		return
	}
	v.stepped()
}

// answer takes a choice.
func (v *wizardView) answer(id string) {
	if err := v.sess.Answer(id); err != nil {
		v.a.showError(err)
		return
	}
	v.stepped()
}

// typed answers a typed question. The entry is cleared at once: a card
// number is kept only masked, by the session.
func (v *wizardView) typed(text string) {
	err := v.sess.Input(text)
	if v.input != nil {
		v.input.SetText("")
	}
	var ie *wizard.InputError
	if errors.As(err, &ie) {
		v.errText = v.a.tr.T(ie.Reason)
		v.show()
		return
	}
	if err != nil {
		v.a.showError(err)
		return
	}
	v.stepped()
}

// goBack returns to the previous step.
func (v *wizardView) goBack() {
	if err := v.sess.Back(); err != nil {
		return // nothing to go back to
	}
	v.runStep = StepKey{}
	v.shown = 0
	v.stepped()
}

// stepped saves and redraws after a step.
func (v *wizardView) stepped() {
	v.errText = ""
	v.fixDone = nil
	v.save()
	if v.sess.Done() && !v.training && v.a.opts.DB != nil {
		v.loadHint()
	}
	if v.sess.Done() && v.onEnd != nil {
		end := v.onEnd
		v.onEnd = nil
		end(v.sess)
	}
	v.show()
}

// loadHint reads recent failures off the main goroutine, after the saver
// has written this session, and shows what they suggest.
func (v *wizardView) loadHint() {
	db := v.a.opts.DB
	select {
	case v.saver <- func() {
		tri, err := db.Triangulate(time.Now(), journal.TriangulationWindow)
		if err != nil {
			return
		}
		if key, args := journal.Hint(tri); key != "" {
			v.a.do(func() {
				v.hint = v.a.tr.T(key, args...)
				v.show()
			})
		}
	}:
	default:
	}
}

// close leaves the session: it stays saved (unfinished ones can be resumed
// from Home) and the navigation comes back.
func (v *wizardView) close() {
	v.save()
	v.stop()
	v.a.showTabs("home")
}

// applyFix runs the current finding's fix and its verifying checks off the
// main goroutine (detect → fix → verify). No fix ever moves money.
func (v *wizardView) applyFix() {
	fix, ok := v.sess.Fix()
	if !ok || v.fixing {
		return
	}
	v.fixing = true
	v.show()
	timeout := v.a.checkTimeout()
	go func() {
		err := v.reg.Apply(v.ctx, fix.Action)
		var res map[wizard.CheckID]wizard.Result
		if err == nil {
			res = v.reg.RunAll(v.ctx, fix.Verify, timeout, nil)
		}
		v.a.do(func() {
			v.fixing = false
			fixed, serr := v.sess.SubmitFix(err, res)
			if serr != nil {
				v.a.showError(serr)
			}
			v.fixDone = &fixed
			v.save()
			v.show()
		})
	}()
}

// optionKey is the key that picks the i-th option (from 0): 1–9, then 0,
// then a, b, c…; 0 when there is none.
func optionKey(i int) rune {
	switch {
	case i < 0:
		return 0
	case i < 9:
		return rune('1' + i)
	case i == 9:
		return '0'
	case i < 10+26:
		return rune('a' + i - 10)
	}
	return 0
}

// optionIndex is optionKey's inverse: the option a typed key picks, or -1.
func optionIndex(r rune) int {
	switch {
	case r >= '1' && r <= '9':
		return int(r - '1')
	case r == '0':
		return 9
	case r >= 'a' && r <= 'z':
		return 10 + int(r-'a')
	case r >= 'A' && r <= 'Z':
		return 10 + int(r-'A')
	}
	return -1
}

// bindKeys: number keys answer, Enter continues, Escape leaves, Backspace
// goes back (when no text field has focus).
func (v *wizardView) bindKeys() {
	c := v.a.win.Canvas()
	c.SetOnTypedRune(func(r rune) {
		if _, typing := c.Focused().(*widget.Entry); typing {
			return // a shortcut never acts while the owner types
		}
		if i := optionIndex(r); v.onCause != nil && i >= 0 && i < len(v.causes) {
			v.nameCause(v.causes[i])
			return
		}
		choices := v.sess.Choices()
		if i := optionIndex(r); i >= 0 && i < len(choices) {
			v.answer(choices[i].ID)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			if v.next != nil && !v.next.Disabled() {
				v.next.OnTapped()
			}
		case fyne.KeyEscape:
			v.close()
		case fyne.KeyBackspace:
			v.goBack()
		}
	})
}
