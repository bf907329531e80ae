// Package ui is POS Doctor's graphical interface, built with Fyne.
//
// It holds no business logic: every verdict it shows comes from package
// wizard, device or store; ui only lays out, translates (package ui/i18n)
// and runs work off the main goroutine, updating widgets through fyne.Do.
//
// Screens are data: the screens table lists each one with its title key,
// icon and constructor, and the navigation is built from it. A screen whose
// feature does not exist is not in the table, so nothing unreachable is shown.
//
// The language, text size and contrast are user preferences (Fyne
// Preferences). Changing the language rebuilds every screen; Fyne's own
// dialog words (OK, Cancel) are registered in the same language, so a dialog
// never mixes languages.
package ui
