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
	bg := canvas.NewRectangle(th.Color(color, v))
	bg.CornerRadius = 6
	label := canvas.NewText(text, th.Color(theme.ColorNameForegroundOnPrimary, v))
	if color == theme.ColorNameDisabled {
		label.Color = th.Color(theme.ColorNameForeground, v)
	}
	label.TextStyle = fyne.TextStyle{Bold: true}
	label.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, container.NewCenter(label))
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
	return newBadge(tr.T("wizui.badge."+o.String()), outcomeColors[o])
}

// trainingBanner marks every training screen, so nobody mistakes a
// rehearsal for a real sale.
func trainingBanner(text string) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := canvas.NewRectangle(th.Color(theme.ColorNameWarning, v))
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewStack(bg, l)
}
