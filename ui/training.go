package ui

// The Training screen: staff pick who is training, read the cards, take
// the quizzes, and rehearse real troubleshooting against the simulated
// terminal; the owner sees everyone's progress.
//
// Invariants:
//   - Every training page carries the "training mode" banner.
//   - Progress goes to the store's staff records only, never to the
//     history: rehearsals open the wizard with no journal, in training mode.
//   - A rehearsal talks only to the simulated terminal and host: the checks
//     get the simulator's device path, a port lister that refuses to list,
//     a loopback-only dialer and a simulated shop network.
//
// Goroutines: none of its own. The screen's state (trainingView) is touched
// on the main goroutine only; a rehearsal's checks run in the wizard view's
// goroutines, which end when the wizard view stops (its close function also
// stops the simulator).

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
	"posdoctor/wizard/training"
)

// prefTrainingStaff remembers who trained last, so the next start picks
// them again. It is a display name only.
const prefTrainingStaff = "training.staff"

// loadDeck reads the embedded training content once; it never changes.
var loadDeck = sync.OnceValues(func() (*training.Deck, error) {
	return training.Load(assets.Training())
})

// cardIcons maps the icon names cards use (Fyne theme icon names, see
// training.IsIcon) to Fyne's icons. Looked up when drawn, so the icon
// follows the theme.
var cardIcons = map[string]func() fyne.Resource{
	"account": theme.AccountIcon, "arrowBack": theme.NavigateBackIcon, "arrowForward": theme.NavigateNextIcon,
	"calendar": theme.CalendarIcon, "cancel": theme.CancelIcon, "checked": theme.CheckButtonCheckedIcon,
	"computer": theme.ComputerIcon, "confirm": theme.ConfirmIcon, "contentUndo": theme.ContentUndoIcon,
	"contentRedo": theme.ContentRedoIcon, "delete": theme.DeleteIcon, "desktop": theme.DesktopIcon,
	"document": theme.DocumentIcon, "documentPrint": theme.DocumentPrintIcon, "download": theme.DownloadIcon,
	"error": theme.ErrorIcon, "file": theme.FileIcon, "fileText": theme.FileTextIcon, "folder": theme.FolderIcon,
	"help": theme.HelpIcon, "history": theme.HistoryIcon, "home": theme.HomeIcon, "info": theme.InfoIcon,
	"list": theme.ListIcon, "login": theme.LoginIcon, "logout": theme.LogoutIcon,
	"mailCompose": theme.MailComposeIcon, "mailSend": theme.MailSendIcon, "mediaPause": theme.MediaPauseIcon,
	"mediaPlay": theme.MediaPlayIcon, "mediaReplay": theme.MediaReplayIcon, "mediaStop": theme.MediaStopIcon,
	"question": theme.QuestionIcon, "search": theme.SearchIcon, "settings": theme.SettingsIcon,
	"storage": theme.StorageIcon, "upload": theme.UploadIcon, "viewRefresh": theme.ViewRefreshIcon,
	"visibility": theme.VisibilityIcon, "visibilityOff": theme.VisibilityOffIcon, "volumeUp": theme.VolumeUpIcon,
	"warning": theme.WarningIcon,
}

// cardIcon returns the icon named name; a loaded deck only names known ones.
func cardIcon(name string) fyne.Resource {
	if f, ok := cardIcons[name]; ok {
		return f()
	}
	return theme.QuestionIcon()
}

// trainingTab is an inner tab of the Training screen.
type trainingTab int

const (
	tabCards trainingTab = iota
	tabRehearsals
	tabTable
)

// trainingPage is what the screen shows: the tabs, or one card, quiz or
// quiz result in their place.
type trainingPage int

const (
	pageTabs trainingPage = iota
	pageCard
	pageQuiz
	pageResult
)

// answerPause is how long after a question appears a tap on its answers
// is ignored: a double click on one answer must not also answer the next
// question, whose answers appear under the pointer.
const answerPause = 300 * time.Millisecond

// quizRun is one quiz attempt: the questions in the order asked, the
// answers so far, and the score once the last one is answered.
type quizRun struct {
	card      training.Card
	order     []training.QuestionID
	pos       int
	shownAt   time.Time // when the current question appeared (tapClock)
	answers   training.Answers
	score     training.Score
	certified bool               // the attempt made the staff member fully trained
	fb        *training.Feedback // the current question's answer, right or wrong, until Next
}

// trainingView is the Training screen's state. It outlives rebuilds (a
// language switch redraws the same card or question). Main goroutine only.
type trainingView struct {
	a       *App
	deck    *training.Deck
	deckErr error
	now     func() time.Time
	// tapClock times taps against answerPause (tests step it).
	tapClock func() time.Time
	// startDemo starts the simulated terminal and host (tests wrap it).
	startDemo func(spec string) (*sim.World, error)

	staff    *training.Progress // who is training; nil until chosen
	loadErr  error              // the staff list or record could not be read
	saveErr  error              // the last save failed
	staffMsg string             // a name that was not accepted
	tab      trainingTab
	page     trainingPage
	order    []training.CardID // the cards Prev/Next walk through
	pos      int
	quiz     *quizRun

	rehearsalMsg    string // why a rehearsal could not start, or how it went
	rehearsalOK     bool
	rehearsalDetail string // raw error text, for support

	root *fyne.Container // the screen's content, redrawn in place

	// Widgets, kept for tests.
	staffSel  *widget.Select
	nameEntry *widget.Entry
	addStaff  *widget.Button
	delStaff  *widget.Button
	tabs      *container.AppTabs
	study     *widget.Button
	cards     map[training.CardID]*widget.Button
	toList    *widget.Button
	prev      *widget.Button
	next      *widget.Button
	startQuiz *widget.Button
	answers   []*widget.Button // the question on screen's answers, answer 1 first
	nextQ     *widget.Button   // after an answer's feedback: the next question or the score
	stopQuiz  *widget.Button
	retry     *widget.Button
	backCard  *widget.Button
	nextCard  *widget.Button
	rehearse  map[string]*widget.Button
}

var (
	trainingMu    sync.Mutex
	trainingViews = map[*App]*trainingView{} // one per App, dropped when it closes
)

// trainingState returns the App's Training screen state, creating it on first use.
func (a *App) trainingState() *trainingView {
	trainingMu.Lock()
	defer trainingMu.Unlock()
	if v, ok := trainingViews[a]; ok {
		return v
	}
	v := &trainingView{a: a, now: time.Now, tapClock: time.Now, startDemo: sim.Start}
	v.deck, v.deckErr = loadDeck()
	if name := a.fyne.Preferences().String(prefTrainingStaff); name != "" && a.opts.DB != nil {
		if s, err := a.opts.DB.Staff(name); err == nil {
			v.staff = journal.ProgressFromStore(s)
		}
	}
	trainingViews[a] = v
	context.AfterFunc(a.ctx, func() {
		trainingMu.Lock()
		delete(trainingViews, a)
		trainingMu.Unlock()
	})
	return v
}

// trainingScreen is the Training entry of the navigation.
func (a *App) trainingScreen() fyne.CanvasObject {
	v := a.trainingState()
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
	switch v.page {
	case pageCard:
		body = v.cardPage()
	case pageQuiz:
		body = v.quizPage()
	case pageResult:
		body = v.resultPage()
	default:
		top.Add(heading(tr.T("nav.training")))
		top.Add(v.staffBar())
		body = v.tabsPage()
	}
	return container.NewBorder(top, nil, nil, nil, body)
}

// staffBar picks or adds the staff member whose progress is recorded.
func (v *trainingView) staffBar() fyne.CanvasObject {
	tr := v.a.tr
	db := v.a.opts.DB
	v.staffSel, v.nameEntry, v.addStaff, v.delStaff = nil, nil, nil, nil
	if db == nil {
		msg := tr.T("trainingui.staff.nodb")
		if v.a.opts.DBErr != nil {
			msg = v.a.errorMessage(v.a.opts.DBErr) + " " + msg
		}
		l := wrapped(msg)
		l.Importance = widget.WarningImportance
		return l
	}
	list, err := db.StaffList()
	if err != nil {
		v.loadErr = err
	}
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.Name
	}
	v.staffSel = widget.NewSelect(names, nil)
	v.staffSel.PlaceHolder = tr.T("trainingui.staff.choose")
	if v.staff != nil {
		v.staffSel.SetSelected(v.staff.Staff)
	}
	v.staffSel.OnChanged = v.chooseStaff

	v.nameEntry = widget.NewEntry()
	v.nameEntry.SetPlaceHolder(tr.T(training.KeyStaffName))
	v.nameEntry.OnSubmitted = func(string) { v.addStaffMember() }
	v.addStaff = widget.NewButtonWithIcon(tr.T("trainingui.staff.add"), theme.ContentAddIcon(), v.addStaffMember)

	who := widget.NewLabelWithStyle(tr.T("trainingui.staff.label"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if v.staff != nil {
		v.delStaff = widget.NewButtonWithIcon(tr.T("trainingui.staff.delete"), theme.DeleteIcon(), v.confirmDelete)
		v.delStaff.Importance = widget.LowImportance
	}
	var del fyne.CanvasObject
	if v.delStaff != nil {
		del = v.delStaff
	}
	box := container.NewVBox(
		container.NewBorder(nil, nil, who, del, v.staffSel),
		container.NewBorder(nil, nil, nil, v.addStaff, v.nameEntry))
	if v.staffMsg != "" {
		l := wrapped(v.staffMsg)
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	if v.staff != nil {
		status := wrapped(v.staffStatus(v.staff))
		if ok, _ := v.staff.Certified(v.deck); ok {
			status.Importance = widget.SuccessImportance
		}
		box.Add(status)
	} else {
		box.Add(wrapped(tr.T("trainingui.staff.none")))
	}
	if err := errors.Join(v.loadErr, v.saveErr); err != nil {
		l := wrapped(v.a.errorMessage(err))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	return box
}

// staffStatus is one line: certified (since when) or cards passed, and
// rehearsals done.
func (v *trainingView) staffStatus(p *training.Progress) string {
	tr := v.a.tr
	passed := 0
	for _, c := range v.deck.Cards {
		if p.Card(c.ID).Passed() {
			passed++
		}
	}
	status := tr.T(training.KeyNotCertified, "passed", passed, "total", len(v.deck.Cards))
	if ok, since := p.Certified(v.deck); ok {
		status = tr.T(training.KeyCertified, "date", since.Local().Format(time.DateOnly))
	}
	return tr.T("trainingui.staff.status", "name", p.Staff, "cards", status,
		"rehearsals", tr.T("trainingui.rehearsal.count", "done", v.rehearsalsDone(p), "total", len(v.deck.Rehearsals)))
}

// rehearsalsDone counts the rehearsals p has ever completed.
func (v *trainingView) rehearsalsDone(p *training.Progress) int {
	n := 0
	for _, r := range v.deck.Rehearsals {
		if p.Card(rehearsalCard(r.ID)).Passed() {
			n++
		}
	}
	return n
}

// chooseStaff makes name the staff member training.
func (v *trainingView) chooseStaff(name string) {
	if v.staff != nil && v.staff.Staff == name {
		return
	}
	s, err := v.a.opts.DB.Staff(name)
	v.loadErr, v.saveErr, v.staffMsg = nil, nil, ""
	if err != nil {
		v.loadErr = err
		v.refresh()
		return
	}
	v.setStaff(journal.ProgressFromStore(s))
}

func (v *trainingView) setStaff(p *training.Progress) {
	v.staff = p
	name := ""
	if p != nil {
		name = p.Staff
	}
	v.a.fyne.Preferences().SetString(prefTrainingStaff, name)
	v.refresh()
}

// addStaffMember adds the name typed (or picks it, if it exists already).
// A display name is the only personal data kept.
func (v *trainingView) addStaffMember() {
	db := v.a.opts.DB
	name := strings.TrimSpace(v.nameEntry.Text)
	p, err := training.NewProgress(name)
	if err != nil {
		v.staffMsg = v.a.tr.T(training.KeyStaffInvalid, "max", training.MaxStaffName)
		v.refresh()
		return
	}
	v.staffMsg, v.loadErr, v.saveErr = "", nil, nil
	if s, err := db.Staff(name); err == nil {
		v.setStaff(journal.ProgressFromStore(s))
		return
	} else if !errors.Is(err, store.ErrNotFound) {
		v.loadErr = err
		v.refresh()
		return
	}
	if err := db.PutStaff(journal.ProgressToStore(p)); err != nil {
		v.saveErr = err
		v.refresh()
		return
	}
	v.setStaff(p)
}

// confirmDelete removes the staff member and their records, after asking.
func (v *trainingView) confirmDelete() {
	if v.staff == nil {
		return
	}
	tr := v.a.tr
	name := v.staff.Staff
	dialog.ShowConfirm(tr.T("trainingui.staff.delete"), tr.T("trainingui.staff.delete.confirm", "name", name),
		func(ok bool) {
			if ok {
				v.deleteStaff(name)
			}
		}, v.a.win)
}

func (v *trainingView) deleteStaff(name string) {
	if err := v.a.opts.DB.DeleteStaff(name); err != nil {
		v.saveErr = err
		v.refresh()
		return
	}
	v.setStaff(nil)
}

// save writes p to the store. A bbolt write takes about a millisecond, so
// it runs on the tap that caused it and its error is shown at once.
func (v *trainingView) save(p *training.Progress) {
	v.saveErr = nil
	if db := v.a.opts.DB; db != nil {
		v.saveErr = db.PutStaff(journal.ProgressToStore(p))
	}
}

// tabsPage is the cards, the rehearsals and the owner's table.
func (v *trainingView) tabsPage() fyne.CanvasObject {
	tr := v.a.tr
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("trainingui.tab.cards"), theme.DocumentIcon(), v.cardList()),
		container.NewTabItemWithIcon(tr.T(training.KeyRehearsals), theme.MediaPlayIcon(), v.rehearsalList()),
		container.NewTabItemWithIcon(tr.T("trainingui.tab.table"), theme.ListIcon(), v.table()),
	)
	v.tabs.SelectIndex(int(v.tab))
	v.tabs.OnSelected = func(*container.TabItem) {
		v.tab = trainingTab(v.tabs.SelectedIndex())
		if v.tab == tabTable { // others may have trained meanwhile
			v.tabs.Items[tabTable].Content = v.table()
			v.tabs.Refresh()
		}
	}
	return v.tabs
}

// cardState is how far the staff member is with a card.
type cardState int

const (
	cardNew cardState = iota
	cardPassed
	cardRetake
)

var cardStates = map[cardState]struct {
	key   string
	color fyne.ThemeColorName
}{
	cardPassed: {"trainingui.card.passed", theme.ColorNameSuccess},
	cardRetake: {training.KeyTableRetake, theme.ColorNameWarning},
}

func (v *trainingView) cardState(id training.CardID) cardState {
	if v.staff == nil {
		return cardNew
	}
	cp := v.staff.Card(id)
	switch {
	case len(cp.LastWrong) > 0:
		return cardRetake
	case cp.Passed():
		return cardPassed
	}
	return cardNew
}

// cardBadge marks a passed card or one to retake; a new card gets none, so
// the list stays quiet until there is something to say.
func (v *trainingView) cardBadge(id training.CardID) fyne.CanvasObject {
	size := fyne.NewSize(110, 36)
	st := v.cardState(id)
	if st == cardNew {
		return container.NewGridWrap(size, canvas.NewRectangle(color.Transparent))
	}
	s := cardStates[st]
	return container.NewGridWrap(size, newBadge(v.a.tr.T(s.key), s.color))
}

// cardList lists the cards in study order: missed ones first.
func (v *trainingView) cardList() fyne.CanvasObject {
	tr := v.a.tr
	order := training.Order(v.deck, v.staff)
	v.study = widget.NewButtonWithIcon(tr.T("trainingui.study"), theme.MediaPlayIcon(), func() { v.openCard(order, 0) })
	v.study.Importance = widget.HighImportance
	box := container.NewVBox(container.NewHBox(v.study))
	v.cards = map[training.CardID]*widget.Button{}
	for i, id := range order {
		c, _ := v.deck.Card(id)
		b := widget.NewButton("", func() { v.openCard(order, i) })
		v.cards[id] = b
		icon := widget.NewIcon(cardIcon(c.Icon))
		title := container.NewPadded(container.NewBorder(nil, nil, icon, nil, wrapped(tr.T(c.TitleKey()))))
		box.Add(container.NewBorder(nil, nil, nil, v.cardBadge(id), container.NewStack(b, title)))
	}
	return container.NewVScroll(box)
}

// openCard shows order[i]; Prev and Next walk order.
func (v *trainingView) openCard(order []training.CardID, i int) {
	v.order, v.pos, v.page, v.quiz = order, i, pageCard, nil
	v.refresh()
}

func (v *trainingView) currentCard() training.Card {
	c, _ := v.deck.Card(v.order[v.pos])
	return c
}

// cardPage shows one card: icon and title, why it matters, the steps, the
// common mistakes; Prev, Next and Start quiz.
func (v *trainingView) cardPage() fyne.CanvasObject {
	tr := v.a.tr
	c := v.currentCard()

	v.toList = widget.NewButtonWithIcon(tr.T("trainingui.card.list"), theme.NavigateBackIcon(), v.showList)
	pos := widget.NewLabel(tr.T("trainingui.card.position", "n", v.pos+1, "total", len(v.order)))
	header := container.NewHBox(v.toList, pos, layout.NewSpacer(), v.cardBadge(c.ID))

	icon := canvas.NewImageFromResource(cardIcon(c.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle(tr.T(c.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord

	body := container.NewVBox(container.NewBorder(nil, nil, icon, nil, title))
	section := func(key string, items []string, mark func(i int) string) {
		h := widget.NewLabelWithStyle(tr.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.SizeName = theme.SizeNameSubHeadingText
		h.Importance = widget.HighImportance
		body.Add(h)
		for i, k := range items {
			body.Add(wrapped(mark(i) + tr.T(k)))
		}
	}
	section(training.KeyWhy, []string{c.WhyKey()}, func(int) string { return "" })
	section(training.KeySteps, c.StepKeys(), func(i int) string { return fmt.Sprintf("%d. ", i+1) })
	section(training.KeyMistakes, c.MistakeKeys(), func(int) string { return "✖ " })

	v.prev = widget.NewButtonWithIcon(tr.T("trainingui.card.prev"), theme.NavigateBackIcon(), func() { v.openCard(v.order, v.pos-1) })
	if v.pos == 0 {
		v.prev.Disable()
	}
	v.next = widget.NewButtonWithIcon(tr.T("trainingui.card.next"), theme.NavigateNextIcon(), func() { v.openCard(v.order, v.pos+1) })
	if v.pos >= len(v.order)-1 {
		v.next.Disable()
	}
	v.startQuiz = widget.NewButtonWithIcon(tr.T(training.KeyStartQuiz), theme.QuestionIcon(), func() { v.beginQuiz(c) })
	v.startQuiz.Importance = widget.HighImportance
	bottom := container.NewVBox()
	if v.staff == nil {
		v.startQuiz.Disable()
		bottom.Add(wrapped(tr.T("trainingui.quiz.needstaff")))
	}
	bottom.Add(container.NewHBox(v.prev, v.next, layout.NewSpacer(), v.startQuiz))
	return container.NewBorder(header, container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// showList leaves a card or quiz for the list of cards.
func (v *trainingView) showList() {
	v.page, v.quiz, v.tab = pageTabs, nil, tabCards
	v.refresh()
}

// beginQuiz asks the card's questions, the ones missed last time first.
func (v *trainingView) beginQuiz(c training.Card) {
	if v.staff == nil {
		return
	}
	v.quiz = &quizRun{card: c, order: c.QuestionOrder(v.staff.Card(c.ID)), answers: training.Answers{}, shownAt: v.tapClock()}
	v.page = pageQuiz
	v.refresh()
}

// quizPage asks one question with big answer buttons.
func (v *trainingView) quizPage() fyne.CanvasObject {
	tr := v.a.tr
	q := v.quiz
	c := q.card
	qid := q.order[q.pos]
	question, _ := c.Question(qid)

	title := widget.NewLabelWithStyle(tr.T("trainingui.quiz.title", "title", tr.T(c.TitleKey())),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	progress := widget.NewProgressBar()
	progress.Max = float64(len(q.order))
	progress.SetValue(float64(q.pos))
	n, total := q.pos+1, len(q.order)
	progress.TextFormatter = func() string { return tr.T(training.KeyQuestionOf, "n", n, "total", total) }
	who := widget.NewLabel(tr.T("trainingui.quiz.who", "name", v.staff.Staff))

	text := widget.NewLabelWithStyle(tr.T(c.QuestionKey(qid)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.SizeName = theme.SizeNameSubHeadingText
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(text)
	v.answers, v.nextQ = nil, nil
	keys := c.AnswerKeys(question)
	for i, key := range keys {
		choice := training.Choice(i + 1)
		b := widget.NewButton("", func() { v.answer(qid, choice) })
		v.answers = append(v.answers, b)
		text := fmt.Sprintf("%c.  %s", optionKey(i), tr.T(key))
		if fb := q.fb; fb != nil {
			b.Disable() // answered: the feedback below says how it went
			switch choice {
			case fb.Right:
				b.Importance = widget.SuccessImportance
				text += "  " + tr.T("trainingui.quiz.mark.right")
			case fb.Chosen:
				b.Importance = widget.DangerImportance
				text += "  " + tr.T("trainingui.quiz.mark.chosen")
			}
		}
		box.Add(bigButton(b, text))
	}
	if fb := q.fb; fb != nil {
		verdict := wrapped(tr.T("trainingui.quiz.right"))
		verdict.Importance = widget.SuccessImportance
		if !fb.Correct {
			verdict.SetText(tr.T("trainingui.quiz.wrongone", "answer", tr.T(keys[fb.Right-1])))
			verdict.Importance = widget.DangerImportance
		}
		verdict.TextStyle = fyne.TextStyle{Bold: true}
		why := wrapped(tr.T(fb.ExplainKey))
		box.Add(widget.NewCard("", "", container.NewVBox(verdict,
			widget.NewLabelWithStyle(tr.T(training.KeyWhy), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), why)))
		label := "trainingui.quiz.nextq"
		if q.pos+1 == len(q.order) {
			label = "trainingui.quiz.score"
		}
		v.nextQ = widget.NewButtonWithIcon(tr.T(label), theme.NavigateNextIcon(), v.advance)
		v.nextQ.Importance = widget.HighImportance
		box.Add(v.nextQ)
	}
	v.stopQuiz = widget.NewButtonWithIcon(tr.T("trainingui.quiz.stop"), theme.CancelIcon(), func() {
		v.quiz, v.page = nil, pageCard
		v.refresh()
	})
	top := container.NewVBox(title, progress, who)
	return container.NewBorder(top, container.NewHBox(v.stopQuiz), nil, nil,
		container.NewVScroll(container.NewPadded(box)))
}

// bigButton is a tall button whose words wrap: the label lies on top of
// the button, and taps fall through the label to it.
func bigButton(b *widget.Button, text string) fyne.CanvasObject {
	l := wrapped(text)
	l.SizeName = theme.SizeNameSubHeadingText
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(1, 64))
	return container.NewStack(space, b, container.NewVBox(layout.NewSpacer(), l, layout.NewSpacer()))
}

// answer takes one answer; after the last it scores the quiz, records it
// for the staff member and saves.
func (v *trainingView) answer(qid training.QuestionID, c training.Choice) {
	q := v.quiz
	if q == nil || v.page != pageQuiz || q.order[q.pos] != qid {
		return // a late tap on a question already answered
	}
	if q.fb != nil || v.tapClock().Sub(q.shownAt) < answerPause {
		return // answered already, or the second click of a double click
	}
	fb, err := q.card.Check(qid, c)
	if err != nil { // only offered choices can be tapped
		v.a.showError(err)
		return
	}
	q.answers[qid] = c
	q.fb, q.shownAt = &fb, v.tapClock()
	v.refresh()
}

// advance leaves an answer's feedback for the next question; after the
// last it scores the quiz, records it for the staff member and saves.
func (v *trainingView) advance() {
	q := v.quiz
	if q == nil || v.page != pageQuiz || q.fb == nil {
		return
	}
	if v.tapClock().Sub(q.shownAt) < answerPause {
		return // a double click on the answer must not skip its feedback
	}
	q.fb = nil
	q.pos++
	if q.pos < len(q.order) {
		q.shownAt = v.tapClock()
		v.refresh()
		return
	}
	score, err := q.card.Grade(q.answers)
	if err != nil { // only offered choices can be tapped
		v.a.showError(err)
		return
	}
	was, _ := v.staff.Certified(v.deck)
	if err := v.staff.Record(score, v.now()); err != nil {
		v.a.showError(err)
		return
	}
	v.save(v.staff)
	is, _ := v.staff.Certified(v.deck)
	q.score, q.certified = score, is && !was
	v.page = pageResult
	v.refresh()
}

// resultPage shows the score, passed or not, and each missed question with
// its right answer.
func (v *trainingView) resultPage() fyne.CanvasObject {
	tr := v.a.tr
	q := v.quiz
	s := q.score
	c := q.card

	title := widget.NewLabelWithStyle(tr.T("trainingui.quiz.title", "title", tr.T(c.TitleKey())),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	result := widget.NewLabelWithStyle(tr.T(training.KeyResult, "correct", s.Correct, "total", s.Total, "percent", s.Percent),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	result.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(title, result)
	verdict := wrapped(tr.T(training.KeyFailed, "pass", training.PassPercent))
	verdict.Importance = widget.DangerImportance
	if s.Passed {
		verdict.SetText(tr.T(training.KeyPassed, "pass", training.PassPercent))
		verdict.Importance = widget.SuccessImportance
	}
	verdict.TextStyle = fyne.TextStyle{Bold: true}
	box.Add(verdict)
	if q.certified {
		_, since := v.staff.Certified(v.deck)
		l := wrapped(tr.T(training.KeyCertified, "date", since.Local().Format(time.DateOnly)))
		l.Importance = widget.SuccessImportance
		l.TextStyle = fyne.TextStyle{Bold: true}
		box.Add(widget.NewCard("", "", l))
	}
	if v.saveErr != nil {
		l := wrapped(v.a.errorMessage(v.saveErr))
		l.Importance = widget.DangerImportance
		box.Add(l)
	} else {
		box.Add(wrapped(tr.T("trainingui.quiz.saved", "name", v.staff.Staff)))
	}
	if len(s.Wrong) > 0 {
		h := widget.NewLabelWithStyle(tr.T("trainingui.quiz.wrong"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.SizeName = theme.SizeNameSubHeadingText
		h.Importance = widget.HighImportance
		box.Add(h)
		for _, qid := range s.Wrong {
			question, _ := c.Question(qid)
			keys := c.AnswerKeys(question)
			ql := wrapped(tr.T(c.QuestionKey(qid)))
			ql.TextStyle = fyne.TextStyle{Bold: true}
			right := wrapped(tr.T(training.KeyRightAnswer, "answer", tr.T(keys[question.Correct-1])))
			right.Importance = widget.SuccessImportance
			box.Add(widget.NewCard("", "", container.NewVBox(ql, right)))
		}
	}

	v.retry = widget.NewButtonWithIcon(tr.T("trainingui.quiz.retry"), theme.ViewRefreshIcon(), func() { v.beginQuiz(c) })
	v.backCard = widget.NewButtonWithIcon(tr.T("trainingui.quiz.back"), theme.DocumentIcon(), func() {
		v.quiz, v.page = nil, pageCard
		v.refresh()
	})
	v.nextCard = widget.NewButtonWithIcon(tr.T("trainingui.quiz.next"), theme.NavigateNextIcon(), v.studyNext)
	if s.Passed {
		v.nextCard.Importance = widget.HighImportance
	} else {
		v.retry.Importance = widget.HighImportance
	}
	v.toList = widget.NewButtonWithIcon(tr.T("trainingui.card.list"), theme.ListIcon(), v.showList)
	bottom := container.NewHBox(v.retry, v.backCard, v.nextCard, layout.NewSpacer(), v.toList)
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(box)))
}

// typedRune answers the quiz on screen by its keys (1, 2, 3…).
func (v *trainingView) typedRune(r rune) {
	q := v.quiz
	if q == nil || v.page != pageQuiz || q.fb != nil {
		return
	}
	if i := optionIndex(r); i >= 0 && i < len(v.answers) {
		v.answer(q.order[q.pos], training.Choice(i+1))
	}
}

// typedEnter goes on from an answer's feedback.
func (v *trainingView) typedEnter() {
	if v.quiz != nil && v.page == pageQuiz && v.quiz.fb != nil {
		v.advance()
	}
}

// trainingKeys passes keys to the Training screen when it is on view: its
// quiz answers by number. Keys never act while a text field has focus.
func (a *App) trainingKeys(r rune, enter bool) {
	if a.current != "training" || a.wizard != nil {
		return
	}
	if _, typing := a.win.Canvas().Focused().(*widget.Entry); typing {
		return
	}
	trainingMu.Lock()
	v := trainingViews[a]
	trainingMu.Unlock()
	if v == nil {
		return
	}
	if enter {
		v.typedEnter()
	} else {
		v.typedRune(r)
	}
}

// studyNext opens the next card that needs work, in the fresh study order;
// the list when nothing is left.
func (v *trainingView) studyNext() {
	cur := v.quiz.card.ID
	order := training.Order(v.deck, v.staff)
	for i, id := range order {
		if id != cur && v.cardState(id) != cardPassed {
			v.openCard(order, i)
			return
		}
	}
	v.showList()
}

// rehearsalCard is the progress key of a rehearsal's result. Card IDs
// cannot hold a dot, so it never meets a real card; the training engine
// ignores records of cards not in the deck (table, certification, order).
func rehearsalCard(id string) training.CardID { return training.CardID("rehearsal." + id) }

// rehearsalSpec is the simulator spec (sim.Start) that stages r.
func rehearsalSpec(r training.Rehearsal) string {
	spec := r.Scenario
	if r.Scenario == "code" {
		spec = "code=" + r.Code
	}
	if r.Host != "" {
		spec += ",host-" + r.Host
	}
	return spec
}

// rehearsalList lists the rehearsals with each one's result so far.
func (v *trainingView) rehearsalList() fyne.CanvasObject {
	tr := v.a.tr
	box := container.NewVBox(wrapped(tr.T(training.KeyRehearsalSafe)))
	if v.staff == nil {
		l := wrapped(tr.T("trainingui.rehearsal.needstaff"))
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	if v.rehearsalMsg != "" {
		l := wrapped(v.rehearsalMsg)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Importance = widget.DangerImportance
		if v.rehearsalOK {
			l.Importance = widget.SuccessImportance
		}
		box.Add(l)
		if v.rehearsalDetail != "" {
			d := wrapped(v.rehearsalDetail)
			d.Selectable = true
			box.Add(widget.NewAccordion(widget.NewAccordionItem(tr.T("errors.details"), d)))
		}
	}
	v.rehearse = map[string]*widget.Button{}
	for _, r := range v.deck.Rehearsals {
		title := widget.NewLabelWithStyle(tr.T(r.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		title.SizeName = theme.SizeNameSubHeadingText
		item := container.NewVBox(title, wrapped(tr.T(r.BriefKey())))
		if c, ok := v.deck.Card(r.Card); ok {
			item.Add(wrapped(tr.T("trainingui.rehearsal.card", "title", tr.T(c.TitleKey()))))
		}
		b := widget.NewButtonWithIcon(tr.T("trainingui.rehearsal.start"), theme.MediaPlayIcon(), func() { v.startRehearsal(r) })
		b.Importance = widget.HighImportance
		if v.staff == nil {
			b.Disable()
		}
		v.rehearse[r.ID] = b
		box.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil,
			container.NewVBox(v.rehearsalBadge(r), b), item)))
	}
	return container.NewVScroll(box)
}

// rehearsalBadge shows whether the staff member has done the rehearsal.
func (v *trainingView) rehearsalBadge(r training.Rehearsal) fyne.CanvasObject {
	size := fyne.NewSize(130, 36)
	var cp training.CardProgress
	if v.staff != nil {
		cp = v.staff.Card(rehearsalCard(r.ID))
	}
	switch {
	case cp.Passed():
		return container.NewGridWrap(size, newBadge(v.a.tr.T("trainingui.rehearsal.done"), theme.ColorNameSuccess))
	case cp.Attempts > 0:
		return container.NewGridWrap(size, newBadge(v.a.tr.T("trainingui.rehearsal.missed"), theme.ColorNameWarning))
	}
	return container.NewGridWrap(size, canvas.NewRectangle(color.Transparent)) // not tried: nothing to say
}

// startRehearsal stages r on the simulator and opens the real wizard on it
// in training mode: no history is written, and the result goes to the
// staff member's training progress when the session ends.
func (v *trainingView) startRehearsal(r training.Rehearsal) {
	a := v.a
	if v.staff == nil {
		return
	}
	v.rehearsalMsg, v.rehearsalDetail, v.rehearsalOK = "", "", false
	f, err := wizard.FlowByID(wizard.FlowID(r.Flow))
	if err != nil {
		a.showError(err)
		return
	}
	s, err := wizard.Start(f, nil)
	if err != nil {
		a.showError(err)
		return
	}
	demo, err := v.startDemo(rehearsalSpec(r))
	if err != nil {
		key := "trainingui.rehearsal.nosim"
		if runtime.GOOS == "windows" {
			key = "trainingui.rehearsal.nosim.windows"
		}
		v.rehearsalMsg, v.rehearsalDetail = a.tr.T(key), err.Error()
		v.refresh()
		return
	}
	cfg := rehearsalConfig(demo.Port(), a.checkTimeout())
	if a.opts.tuneChecks != nil {
		a.opts.tuneChecks(&cfg)
	}
	reg, closeReg := checks.Registry(a.ctx, cfg)
	closeAll := func() error { // runs off the main goroutine when the wizard stops
		err := closeReg()
		demo.Close()
		return err
	}
	name := v.staff.Staff
	wv := a.openWizard(s, reg, closeAll, nil, true)
	wv.onEnd = func(s *wizard.Session) {
		wv.causes = training.CauseChoices(r, v.deck.Rehearsals, causeChoices)
		wv.onCause = func(named string) { v.judge(r, name, s, wv, named) }
	}
}

// causeChoices is how many causes a trainee chooses from at a rehearsal's end.
const causeChoices = 4

// judge decides whether the rehearsal found its cause — the wizard reached
// it and the trainee named it — records the result for the staff member and
// says how it went; after a miss, the right cause and the card to study.
func (v *trainingView) judge(r training.Rehearsal, name string, s *wizard.Session, wv *wizardView, named string) {
	a := v.a
	var found []string
	for _, id := range s.Summary().Findings {
		found = append(found, string(id))
	}
	res := r.Judge(found, named)
	ok := res.Passed
	p := v.staff
	if p == nil || p.Staff != name { // switched meanwhile: record for who rehearsed
		p = nil
		if db := a.opts.DB; db != nil {
			if st, err := db.Staff(name); err == nil {
				p = journal.ProgressFromStore(st)
			}
		}
	}
	if p != nil {
		_ = p.Record(res.Score(rehearsalCard(r.ID)), v.now()) // the score names its card
		v.save(p)
	}
	key := training.KeyRehearsalMiss
	if ok {
		key = training.KeyRehearsalOK
	}
	v.rehearsalMsg = a.tr.T("trainingui.rehearsal.outcome", "title", a.tr.T(r.TitleKey()), "result", a.tr.T(key))
	v.rehearsalOK, v.rehearsalDetail = ok, ""
	v.tab, v.page = tabRehearsals, pageTabs
	a.do(func() { // after the wizard has drawn its last page
		if a.wizard != wv {
			return
		}
		msg := wrapped(a.tr.T(key))
		msg.TextStyle = fyne.TextStyle{Bold: true}
		content := container.NewVBox(msg)
		if ok {
			msg.Importance = widget.SuccessImportance
		} else {
			msg.Importance = widget.WarningImportance
			content.Add(wrapped(a.tr.T("trainingui.rehearsal.right", "cause", a.findingTitle(res.Right))))
		}
		var d dialog.Dialog
		if c, has := v.deck.Card(res.Card); has && !ok {
			content.Add(widget.NewButtonWithIcon(a.tr.T("trainingui.rehearsal.study", "title", a.tr.T(c.TitleKey())), theme.DocumentIcon(), func() {
				d.Hide()
				if a.wizard == wv {
					wv.close()
				}
				a.show("training")
				v.openCard([]training.CardID{c.ID}, 0)
			}))
		}
		d = dialog.NewCustomConfirm(a.tr.T("trainingui.rehearsal.result"), a.tr.T("trainingui.rehearsal.back"),
			a.tr.T("trainingui.rehearsal.stay"), content, func(back bool) {
				if back && a.wizard == wv {
					wv.close()
					a.show("training")
				}
			}, a.win)
		d.Show()
	})
}

// table is the owner's view: every staff member's progress.
func (v *trainingView) table() fyne.CanvasObject {
	tr := v.a.tr
	db := v.a.opts.DB
	if db == nil {
		return wrapped(tr.T("trainingui.staff.nodb"))
	}
	list, err := db.StaffList()
	if err != nil {
		return wrapped(v.a.errorMessage(err))
	}
	if len(list) == 0 {
		return wrapped(tr.T("trainingui.table.empty"))
	}
	staff := make([]*training.Progress, len(list))
	byName := map[string]*training.Progress{}
	for i, s := range list {
		staff[i] = journal.ProgressFromStore(s)
		byName[s.Name] = staff[i]
	}
	bold := func(key string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(tr.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	grid := container.NewGridWithColumns(6,
		bold(training.KeyTableStaff), bold(training.KeyTablePassed), bold(training.KeyTableAttempts),
		bold(training.KeyTableRetake), bold("trainingui.table.rehearsals"), bold(training.KeyTableStatus))
	for _, r := range training.Table(v.deck, staff) {
		var retake []string
		for _, id := range r.Retake {
			if c, ok := v.deck.Card(id); ok {
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
		grid.Add(wrapped(tr.T("trainingui.table.rehearsalsof", "done", v.rehearsalsDone(byName[r.Staff]), "total", len(v.deck.Rehearsals))))
		grid.Add(status)
	}
	return container.NewVScroll(container.NewVBox(grid)) // rows as tall as their text
}

// errNoRealPorts is what a rehearsal's port lister answers: a rehearsal
// never looks for a real terminal.
var errNoRealPorts = errors.New("ui: a rehearsal does not list real ports")

// noRealPorts is the port lister of rehearsals.
type noRealPorts struct{}

func (noRealPorts) Ports() ([]device.PortInfo, error) { return nil, errNoRealPorts }

// loopbackOnly dials 127.0.0.1 and ::1 only: the simulated host and the
// simulated shop's gateway.
type loopbackOnly struct{ d net.Dialer }

func (l *loopbackOnly) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("dial %s: %w", address, errNotLoopback)
	}
	return l.d.DialContext(ctx, network, address)
}

// errNotLoopback is returned by a rehearsal's dialer for any address not on
// this computer.
var errNotLoopback = errors.New("ui: a rehearsal only connects to the simulator")

// noLookups is a rehearsal's resolver: the simulated host is an address.
type noLookups struct{}

func (noLookups) LookupHost(_ context.Context, host string) ([]string, error) {
	return nil, fmt.Errorf("look up %s: %w", host, errNotLoopback)
}

// rehearsalConfig points the checks at the simulated terminal on port and
// a simulated shop network (a wired link, a gateway and a resolver on this
// computer), so a rehearsal ends the same way on every PC and touches no
// real port or network.
func rehearsalConfig(port string, timeout time.Duration) checks.Config {
	return checks.Config{
		Port:     port,
		Lister:   noRealPorts{},
		Timeout:  timeout,
		Dialer:   &loopbackOnly{},
		Resolver: noLookups{},
		Interfaces: func(string) ([]netcheck.Interface, error) {
			return []netcheck.Interface{{Name: "eth0", Up: true, Medium: netcheck.MediumWired,
				Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.10/24")}}}, nil
		},
		Routes: func(context.Context) ([]netcheck.Route, error) {
			return []netcheck.Route{{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"),
				Gateway: netip.MustParseAddr("127.0.0.1")}}, nil
		},
		Nameservers: func() ([]string, error) { return []string{"127.0.0.1"}, nil },
	}
}
