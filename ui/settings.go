package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/ui/i18n"
)

// languageChoices are the Settings options, each named in its own language
// so a user who cannot read the current one still finds theirs.
var languageChoices = []struct{ value, label string }{
	{"", "settings.language.system"},
	{i18n.Chinese, "settings.language.zh"},
	{i18n.English, "settings.language.en"},
}

// settingsScreen holds language, text size, contrast and where data lives.
func (a *App) settingsScreen() fyne.CanvasObject {
	p := a.fyne.Preferences()

	labels := make([]string, len(languageChoices))
	selected := ""
	for i, c := range languageChoices {
		labels[i] = a.tr.T(c.label)
		if c.value == p.String(prefLanguage) {
			selected = labels[i]
		}
	}
	lang := widget.NewSelect(labels, nil)
	lang.SetSelected(selected)
	lang.OnChanged = func(s string) {
		for i, l := range labels {
			if l == s {
				a.setLanguage(languageChoices[i].value)
			}
		}
	}

	large := widget.NewCheck(a.tr.T("settings.largetext"), nil)
	large.SetChecked(p.Bool(prefLargeText))
	large.OnChanged = func(on bool) { a.setBool(prefLargeText, on) }

	contrast := widget.NewCheck(a.tr.T("settings.contrast"), nil)
	contrast.SetChecked(p.Bool(prefHighContrast))
	contrast.OnChanged = func(on bool) { a.setBool(prefHighContrast, on) }

	dataDir := widget.NewLabel(a.dataDir())
	dataDir.Wrapping = fyne.TextWrapBreak
	dataDir.Selectable = true

	form := widget.NewForm(
		widget.NewFormItem(a.tr.T("settings.language"), lang),
		widget.NewFormItem(a.tr.T("settings.display"), container.NewVBox(large, contrast)),
		widget.NewFormItem(a.tr.T("settings.datadir"), dataDir),
	)
	return container.NewVScroll(container.NewVBox(heading(a.tr.T("nav.settings")), form))
}

// setLanguage saves the choice ("" follows the system) and rebuilds.
func (a *App) setLanguage(value string) {
	a.opts.Language = "" // an explicit choice ends a --lang override
	a.fyne.Preferences().SetString(prefLanguage, value)
	a.current = "settings"
	a.applyPreferences()
}

func (a *App) setBool(key string, on bool) {
	a.fyne.Preferences().SetBool(key, on)
	a.current = "settings"
	a.applyPreferences()
}

// heading is a screen's title line.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}
