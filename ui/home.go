package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// homeScreen is the first thing a shop owner sees.
func (a *App) homeScreen() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(a.tr.T("home.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(a.tr.T("home.intro"))
	intro.Wrapping = fyne.TextWrapWord
	return container.NewVBox(title, intro)
}
