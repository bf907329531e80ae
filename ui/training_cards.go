package ui

// The training cards: the list in study order and one card at a time.

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/wizard/training"
)

// cardIcons maps the icon names cards use (Fyne theme icon names, see
// training.IsIcon) to Fyne's icons. Looked up when drawn, so the icon
// follows the theme. Read only.
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

// cardState is how far the staff member is with a card.
type cardState int

const (
	cardNew cardState = iota
	cardPassed
	cardRetake
)

// cardStates are the badges of the states that have one. Read only.
var cardStates = map[cardState]struct {
	key   string
	color fyne.ThemeColorName
}{
	cardPassed: {"trainingui.card.passed", theme.ColorNameSuccess},
	cardRetake: {training.KeyTableRetake, theme.ColorNameWarning},
}

// cardsView is the list of cards and the card on view.
type cardsView struct {
	t     *trainingView
	order []training.CardID // the cards Prev and Next walk through
	pos   int               // the card on view, in order

	// The list's widgets.
	study *widget.Button                     // the first card to study
	open  map[training.CardID]*widget.Button // each card's entry
	// The card page's widgets.
	toList, prev, next, startQuiz *widget.Button
}

func newCardsView(t *trainingView) *cardsView { return &cardsView{t: t} }

// state is how far the staff member training is with card id.
func (c *cardsView) state(id training.CardID) cardState {
	cp := c.t.staff.Card(id) // the zero record with nobody chosen
	switch {
	case len(cp.LastWrong) > 0:
		return cardRetake
	case cp.Passed():
		return cardPassed
	}
	return cardNew
}

// badge marks a passed card or one to retake; a new card gets none, so
// the list stays quiet until there is something to say.
func (c *cardsView) badge(id training.CardID) fyne.CanvasObject {
	size := fyne.NewSize(110, 36)
	st := c.state(id)
	if st == cardNew {
		return container.NewGridWrap(size, canvas.NewRectangle(color.Transparent))
	}
	s := cardStates[st]
	return container.NewGridWrap(size, newBadge(c.t.a.tr.T(s.key), s.color))
}

// list lists the cards in study order: missed ones first.
func (c *cardsView) list() fyne.CanvasObject {
	t := c.t
	tr := t.a.tr
	order := training.Order(t.deck, t.staff)
	c.study = widget.NewButtonWithIcon(tr.T("trainingui.study"), theme.MediaPlayIcon(), func() { c.show(order, 0) })
	c.study.Importance = widget.HighImportance
	box := container.NewVBox(container.NewHBox(c.study))
	c.open = map[training.CardID]*widget.Button{}
	for i, id := range order {
		card, _ := t.deck.Card(id)
		b := widget.NewButton("", func() { c.show(order, i) })
		c.open[id] = b
		icon := widget.NewIcon(cardIcon(card.Icon))
		title := container.NewPadded(container.NewBorder(nil, nil, icon, nil, wrapped(tr.T(card.TitleKey()))))
		box.Add(container.NewBorder(nil, nil, nil, c.badge(id), container.NewStack(b, title)))
	}
	return container.NewVScroll(box)
}

// show opens order[i]; Prev and Next walk order.
func (c *cardsView) show(order []training.CardID, i int) {
	c.order, c.pos = order, i
	c.t.page = pageCard
	c.t.quiz.attempt = nil
	c.t.refresh()
}

// current returns the card on view.
func (c *cardsView) current() training.Card {
	card, _ := c.t.deck.Card(c.order[c.pos])
	return card
}

// page shows one card: icon and title, why it matters, the steps, the
// common mistakes; Prev, Next and Start quiz.
func (c *cardsView) page() fyne.CanvasObject {
	t := c.t
	tr := t.a.tr
	card := c.current()

	c.toList = widget.NewButtonWithIcon(tr.T("trainingui.card.list"), theme.NavigateBackIcon(), t.showList)
	pos := widget.NewLabel(tr.T("trainingui.card.position", "n", c.pos+1, "total", len(c.order)))
	header := container.NewHBox(c.toList, pos, layout.NewSpacer(), c.badge(card.ID))

	icon := canvas.NewImageFromResource(cardIcon(card.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle(tr.T(card.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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
	section(training.KeyWhy, []string{card.WhyKey()}, func(int) string { return "" })
	section(training.KeySteps, card.StepKeys(), func(i int) string { return fmt.Sprintf("%d. ", i+1) })
	section(training.KeyMistakes, card.MistakeKeys(), func(int) string { return "✖ " })

	c.prev = widget.NewButtonWithIcon(tr.T("trainingui.card.prev"), theme.NavigateBackIcon(), func() { c.show(c.order, c.pos-1) })
	if c.pos == 0 {
		c.prev.Disable()
	}
	c.next = widget.NewButtonWithIcon(tr.T("trainingui.card.next"), theme.NavigateNextIcon(), func() { c.show(c.order, c.pos+1) })
	if c.pos >= len(c.order)-1 {
		c.next.Disable()
	}
	c.startQuiz = widget.NewButtonWithIcon(tr.T(training.KeyStartQuiz), theme.QuestionIcon(), func() { t.quiz.begin(card) })
	c.startQuiz.Importance = widget.HighImportance
	bottom := container.NewVBox()
	if t.staff == nil {
		c.startQuiz.Disable()
		bottom.Add(wrapped(tr.T("trainingui.quiz.needstaff")))
	}
	bottom.Add(container.NewHBox(c.prev, c.next, layout.NewSpacer(), c.startQuiz))
	return container.NewBorder(header, container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// studyNext opens the next card that needs work after card cur, in the
// fresh study order; the list when nothing is left.
func (c *cardsView) studyNext(cur training.CardID) {
	order := training.Order(c.t.deck, c.t.staff)
	for i, id := range order {
		if id != cur && c.state(id) != cardPassed {
			c.show(order, i)
			return
		}
	}
	c.t.showList()
}
