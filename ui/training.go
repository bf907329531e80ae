package ui

// The Training screen: staff pick who is training, read the cards, take
// the quizzes, and rehearse real troubleshooting against the simulated
// terminal; the owner sees everyone's progress.
//
// One struct per part, each built by its constructor and held by the
// trainingView the App owns (App.training): staffView (training_staff.go:
// who is training, the owner's table), cardsView (training_cards.go),
// quizView (training_quiz.go) and rehearsalsView (training_rehearsal.go).
// Quiz attempts and rehearsal results are decided in wizard/training; these
// files only draw them.
//
// Invariants:
//   - Every training page carries the "training mode" banner.
//   - Progress goes to the store's staff records only, never to the
//     history: rehearsals open the wizard with no journal, in training mode.
//   - A rehearsal talks only to the simulated terminal and host: the checks
//     get the simulator's device path, a port lister that refuses to list,
//     a loopback-only dialer and a simulated shop network.
//
// Goroutines: none of its own. The screen's state is touched on the main
// goroutine only; a rehearsal's checks run in the wizard view's goroutines,
// which end when the wizard view stops (its close function also stops the
// simulator).

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/device/sim"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// prefTrainingStaff remembers who trained last, so the next start picks
// them again. It is a display name only.
const prefTrainingStaff = "training.staff"

// trainingTab is an inner tab of the Training screen.
type trainingTab int

const (
	tabCards trainingTab = iota
	tabRehearsals
	tabTable
)

// trainingPage is what the screen shows: the tabs, or one card or quiz in
// their place.
type trainingPage int

const (
	pageTabs trainingPage = iota
	pageCard
	pageQuiz // a question, or the result once the attempt is finished
)

// trainingView is the Training screen. It outlives rebuilds (a language
// switch redraws the same card or question). Main goroutine only.
type trainingView struct {
	a       *App
	deck    *training.Deck // the embedded content, loaded when the screen is built
	deckErr error
	now     func() time.Time // when quizzes and rehearsals are recorded (tests fix it)
	// startDemo starts the simulated terminal and host (tests wrap it).
	startDemo func(spec string) (*sim.World, error)

	staff   *training.Progress // who is training; nil until chosen
	loadErr error              // the staff list or record could not be read
	saveErr error              // the last save failed
	tab     trainingTab
	page    trainingPage

	roster     *staffView
	cards      *cardsView
	quiz       *quizView
	rehearsals *rehearsalsView

	root *fyne.Container    // the screen's content, redrawn in place
	tabs *container.AppTabs // on pageTabs
}

// newTrainingView loads the training content and picks the staff member
// who trained last.
func newTrainingView(a *App) *trainingView {
	v := &trainingView{a: a, now: time.Now, startDemo: sim.Start}
	v.deck, v.deckErr = training.Load(assets.Training())
	if name := a.fyne.Preferences().String(prefTrainingStaff); name != "" && a.opts.DB != nil {
		if s, err := a.opts.DB.Staff(name); err == nil {
			v.staff = journal.ProgressFromStore(s)
		}
	}
	v.roster = newStaffView(v)
	v.cards = newCardsView(v)
	v.quiz = newQuizView(v)
	v.rehearsals = newRehearsalsView(v)
	return v
}

// trainingScreen is the Training entry of the navigation; the App keeps
// the screen's state from its first view on.
func (a *App) trainingScreen() fyne.CanvasObject {
	if a.training == nil {
		a.training = newTrainingView(a)
	}
	v := a.training
	v.root = container.NewStack(v.render())
	return v.root
}

// refresh redraws the screen from its state.
func (v *trainingView) refresh() {
	if v.root == nil {
		return
	}
	v.root.Objects = []fyne.CanvasObject{v.render()}
	v.root.Refresh()
}

// render draws the current page under the banner.
func (v *trainingView) render() fyne.CanvasObject {
	tr := v.a.tr
	top := container.NewVBox(trainingBanner(tr.T(training.KeyBanner)))
	if v.deckErr != nil {
		top.Add(heading(tr.T("nav.training")))
		top.Add(wrapped(tr.T("trainingui.invalid")))
		return top
	}
	var body fyne.CanvasObject
	switch {
	case v.page == pageCard:
		body = v.cards.page()
	case v.page == pageQuiz && v.quiz.attempt != nil:
		body = v.quiz.page()
	default:
		top.Add(heading(tr.T("nav.training")))
		top.Add(v.roster.bar())
		body = v.tabsPage()
	}
	return container.NewBorder(top, nil, nil, nil, body)
}

// tabsPage is the cards, the rehearsals and the owner's table.
func (v *trainingView) tabsPage() fyne.CanvasObject {
	tr := v.a.tr
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("trainingui.tab.cards"), theme.DocumentIcon(), v.cards.list()),
		container.NewTabItemWithIcon(tr.T(training.KeyRehearsals), theme.MediaPlayIcon(), v.rehearsals.list()),
		container.NewTabItemWithIcon(tr.T("trainingui.tab.table"), theme.ListIcon(), v.roster.table()),
	)
	v.tabs.SelectIndex(int(v.tab))
	v.tabs.OnSelected = func(*container.TabItem) {
		v.tab = trainingTab(v.tabs.SelectedIndex())
		if v.tab == tabTable { // others may have trained meanwhile
			v.tabs.Items[tabTable].Content = v.roster.table()
			v.tabs.Refresh()
		}
	}
	return v.tabs
}

// showList leaves a card or quiz for the list of cards.
func (v *trainingView) showList() {
	v.page, v.tab = pageTabs, tabCards
	v.quiz.attempt = nil
	v.refresh()
}

// save writes p to the store. A bbolt write takes about a millisecond, so
// it runs on the tap that caused it and its error is shown at once.
func (v *trainingView) save(p *training.Progress) {
	v.saveErr = nil
	if db := v.a.opts.DB; db != nil {
		v.saveErr = db.PutStaff(journal.ProgressToStore(p))
	}
}

// trainingKeys passes keys to the Training screen when it is on view: its
// quiz answers by number. Keys never act while a text field has focus.
func (a *App) trainingKeys(r rune, enter bool) {
	if a.current != "training" || a.wizard != nil || a.training == nil {
		return
	}
	if _, typing := a.win.Canvas().Focused().(*widget.Entry); typing {
		return
	}
	if enter {
		a.training.quiz.typedEnter()
	} else {
		a.training.quiz.typedRune(r)
	}
}
