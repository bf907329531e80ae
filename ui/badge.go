package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// newBadge is a coloured label: PASS, WARN, FAIL… readable without colour
// too, since the word is written on it.
func newBadge(text string, color fyne.ThemeColorName) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	on, ok := badgeText[color]
	if !ok { // a grey badge (queued, skipped): ordinary text on a button's grey
		color, on = theme.ColorNameButton, theme.ColorNameForeground
	}
	bg := canvas.NewRectangle(th.Color(color, v))
	bg.CornerRadius = 6
	label := canvas.NewText(text, th.Color(on, v))
	label.TextStyle = fyne.TextStyle{Bold: true}
	label.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, container.NewCenter(label))
}

// badgeText is the text colour on each badge colour, the pairs the
// contrast test checks.
var badgeText = map[fyne.ThemeColorName]fyne.ThemeColorName{
	theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary,
	theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
	theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
	theme.ColorNameError:   theme.ColorNameForegroundOnError,
}

// outcomeColors are the badge colours of the outcomes.
var outcomeColors = map[wizard.Outcome]fyne.ThemeColorName{
	wizard.Pass:    theme.ColorNameSuccess,
	wizard.Warn:    theme.ColorNameWarning,
	wizard.Fail:    theme.ColorNameError,
	wizard.Skipped: theme.ColorNameDisabled,
}

// outcomeBadge is the badge of a finished check.
func outcomeBadge(tr *i18n.Translator, o wizard.Outcome) fyne.CanvasObject {
	return newBadge(tr.T(o.Key()), outcomeColors[o])
}

// trainingBanner marks every training screen, so nobody mistakes a
// rehearsal for a real sale.
func trainingBanner(text string) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := canvas.NewRectangle(th.Color(theme.ColorNameWarning, v))
	l := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: fyne.TextAlignCenter, ColorName: theme.ColorNameForegroundOnWarning, TextStyle: fyne.TextStyle{Bold: true}}})
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, l)
}
