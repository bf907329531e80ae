package ui

// A card's quiz: one question at a time with big answer buttons, feedback
// after each answer, then the score. The attempt itself (order, judging,
// score, review of mistakes) is a training.Attempt; this file draws it and
// records the score.

import (
	"errors"
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/wizard/training"
)

// answerPause is how long after a question appears a tap on its answers
// is ignored: a double click on one answer must not also answer the next
// question, whose answers appear under the pointer.
const answerPause = 300 * time.Millisecond

// quizView is the quiz on view, if any.
type quizView struct {
	t         *trainingView
	attempt   *training.Attempt // nil when no quiz is on view
	certified bool              // the finished attempt made the staff member fully trained
	shownAt   time.Time         // when the current question or its feedback appeared (tapClock)
	// tapClock times taps against answerPause (tests step it).
	tapClock func() time.Time

	// The question page's widgets.
	answers []*widget.Button // the question's answers, answer 1 first
	nextQ   *widget.Button   // after an answer's feedback: the next question or the score
	stop    *widget.Button
	// The result page's widgets.
	retry, backCard, nextCard, toList *widget.Button
}

func newQuizView(t *trainingView) *quizView { return &quizView{t: t, tapClock: time.Now} }

// begin asks the card's questions, the ones missed last time first.
func (q *quizView) begin(c training.Card) {
	t := q.t
	if t.staff == nil {
		return
	}
	q.attempt, q.certified = training.NewAttempt(c, t.staff.Card(c.ID)), false
	q.shownAt = q.tapClock()
	t.page = pageQuiz
	t.refresh()
}

// page shows the question on view, or the result once the attempt is
// finished.
func (q *quizView) page() fyne.CanvasObject {
	if q.attempt.Finished() {
		return q.result()
	}
	return q.question()
}

// backToCard leaves the quiz for its card.
func (q *quizView) backToCard() {
	q.attempt, q.t.page = nil, pageCard
	q.t.refresh()
}

// question asks one question with big answer buttons.
func (q *quizView) question() fyne.CanvasObject {
	t := q.t
	tr := t.a.tr
	a := q.attempt
	c := a.Card()
	question, _ := a.Current()
	qid := question.ID
	n, total := a.Position()

	title := widget.NewLabelWithStyle(tr.T("trainingui.quiz.title", "title", tr.T(c.TitleKey())),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	progress := widget.NewProgressBar()
	progress.Max = float64(total)
	progress.SetValue(float64(n))
	progress.TextFormatter = func() string { return tr.T(training.KeyQuestionOf, "n", n+1, "total", total) }
	who := widget.NewLabel(tr.T("trainingui.quiz.who", "name", t.staff.Staff))

	text := widget.NewLabelWithStyle(tr.T(c.QuestionKey(qid)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.SizeName = theme.SizeNameSubHeadingText
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(text)
	q.answers, q.nextQ = nil, nil
	keys := c.AnswerKeys(question)
	fb, answered := a.Feedback()
	for i, key := range keys {
		choice := training.Choice(i + 1)
		b := widget.NewButton("", func() { q.answer(qid, choice) })
		q.answers = append(q.answers, b)
		text := fmt.Sprintf("%c.  %s", optionKey(i), tr.T(key))
		if answered {
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
	if answered {
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
		if a.Last() {
			label = "trainingui.quiz.score"
		}
		q.nextQ = widget.NewButtonWithIcon(tr.T(label), theme.NavigateNextIcon(), q.advance)
		q.nextQ.Importance = widget.HighImportance
		box.Add(q.nextQ)
	}
	q.stop = widget.NewButtonWithIcon(tr.T("trainingui.quiz.stop"), theme.CancelIcon(), q.backToCard)
	top := container.NewVBox(title, progress, who)
	return container.NewBorder(top, container.NewHBox(q.stop), nil, nil,
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

// answer takes answer ch to question qid and shows the feedback.
func (q *quizView) answer(qid training.QuestionID, ch training.Choice) {
	if q.attempt == nil || q.t.page != pageQuiz || q.tapClock().Sub(q.shownAt) < answerPause {
		return // no quiz on view, or the second click of a double click
	}
	if _, err := q.attempt.Answer(qid, ch); errors.Is(err, training.ErrOutOfTurn) {
		return // a late tap on a question already answered
	} else if err != nil { // only offered choices can be tapped
		q.t.a.showError(err)
		return
	}
	q.shownAt = q.tapClock()
	q.t.refresh()
}

// advance leaves an answer's feedback for the next question; after the
// last it records the score for the staff member and saves.
func (q *quizView) advance() {
	t := q.t
	a := q.attempt
	if a == nil || t.page != pageQuiz || q.tapClock().Sub(q.shownAt) < answerPause {
		return // a double click on the answer must not skip its feedback
	}
	if err := a.Next(); errors.Is(err, training.ErrOutOfTurn) {
		return // not answered yet
	} else if err != nil {
		t.a.showError(err)
		return
	}
	q.shownAt = q.tapClock()
	score, finished := a.Score()
	if !finished {
		t.refresh()
		return
	}
	was, _ := t.staff.Certified(t.deck)
	if err := t.staff.Record(score, t.now()); err != nil {
		t.a.showError(err)
		return
	}
	t.save(t.staff)
	is, _ := t.staff.Certified(t.deck)
	q.certified = is && !was
	t.refresh()
}

// result shows the score, passed or not, and each missed question with
// its right answer.
func (q *quizView) result() fyne.CanvasObject {
	t := q.t
	tr := t.a.tr
	c := q.attempt.Card()
	s, _ := q.attempt.Score()

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
		_, since := t.staff.Certified(t.deck)
		l := wrapped(tr.T(training.KeyCertified, "date", since.Local().Format(time.DateOnly)))
		l.Importance = widget.SuccessImportance
		l.TextStyle = fyne.TextStyle{Bold: true}
		box.Add(widget.NewCard("", "", l))
	}
	if t.saveErr != nil {
		l := wrapped(t.a.errorMessage(t.saveErr))
		l.Importance = widget.DangerImportance
		box.Add(l)
	} else {
		box.Add(wrapped(tr.T("trainingui.quiz.saved", "name", t.staff.Staff)))
	}
	if review := q.attempt.Review(); len(review) > 0 {
		h := widget.NewLabelWithStyle(tr.T("trainingui.quiz.wrong"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.SizeName = theme.SizeNameSubHeadingText
		h.Importance = widget.HighImportance
		box.Add(h)
		for _, m := range review {
			keys := c.AnswerKeys(m.Question)
			ql := wrapped(tr.T(c.QuestionKey(m.Question.ID)))
			ql.TextStyle = fyne.TextStyle{Bold: true}
			right := wrapped(tr.T(training.KeyRightAnswer, "answer", tr.T(keys[m.Right-1])))
			right.Importance = widget.SuccessImportance
			box.Add(widget.NewCard("", "", container.NewVBox(ql, right)))
		}
	}

	q.retry = widget.NewButtonWithIcon(tr.T("trainingui.quiz.retry"), theme.ViewRefreshIcon(), func() { q.begin(c) })
	q.backCard = widget.NewButtonWithIcon(tr.T("trainingui.quiz.back"), theme.DocumentIcon(), q.backToCard)
	q.nextCard = widget.NewButtonWithIcon(tr.T("trainingui.quiz.next"), theme.NavigateNextIcon(), func() { t.cards.studyNext(c.ID) })
	if s.Passed {
		q.nextCard.Importance = widget.HighImportance
	} else {
		q.retry.Importance = widget.HighImportance
	}
	q.toList = widget.NewButtonWithIcon(tr.T("trainingui.card.list"), theme.ListIcon(), t.showList)
	bottom := container.NewHBox(q.retry, q.backCard, q.nextCard, layout.NewSpacer(), q.toList)
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(box)))
}

// typedRune answers the question on view by its keys (1, 2, 3…).
func (q *quizView) typedRune(r rune) {
	a := q.attempt
	if a == nil || q.t.page != pageQuiz {
		return
	}
	if _, answered := a.Feedback(); answered {
		return
	}
	cur, ok := a.Current()
	if i := optionIndex(r); ok && i >= 0 && i < len(q.answers) {
		q.answer(cur.ID, training.Choice(i+1))
	}
}

// typedEnter goes on from an answer's feedback.
func (q *quizView) typedEnter() {
	if q.attempt == nil || q.t.page != pageQuiz {
		return
	}
	if _, answered := q.attempt.Feedback(); answered {
		q.advance()
	}
}
