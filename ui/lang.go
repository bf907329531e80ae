package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	_ "posdoctor/ui/clocale" // C/POSIX locales mapped before Fyne reads them: see its doc
	"posdoctor/ui/i18n"
)

// fyneKeys are the words Fyne's own widgets and dialogs look up (their keys
// are English phrases); our translation files define them in the "fyne" area.
var fyneKeys = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes",
}

// useLanguage makes locale the language of our words and of Fyne's. Fyne's
// lang package follows only the OS locale and has no call to force another,
// so the chosen words are registered under the locales Fyne may pick: the
// system's, English (its fallback) and Simplified Chinese.
func useLanguage(cat *i18n.Catalog, locale string) *i18n.Translator {
	tr := cat.Translator(locale)
	words := make(map[string]string, len(fyneKeys))
	for _, k := range fyneKeys {
		words[k] = tr.T(k)
	}
	data, err := json.Marshal(words)
	if err != nil {
		return tr // a map of strings always marshals
	}
	for _, l := range []fyne.Locale{lang.SystemLocale(), "en", "zh-Hans"} {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("register dialog words for "+l.String(), err)
		}
	}
	return tr
}
