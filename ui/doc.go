// Package ui is POS Doctor's graphical interface, built with Fyne.
//
// It holds no business logic: every verdict it shows comes from package
// wizard, device or store; ui only lays out, translates (package ui/i18n)
// and runs work off the main goroutine, updating widgets through fyne.Do.
//
// Screens are data: the screens table lists each one with its title key,
// icon and struct, and the navigation is built from it. A screen whose
// feature does not exist is not in the table, so nothing unreachable is shown.
// Each screen is a struct (homeScreen, historyScreen, …) made by a
// constructor and owned by the App; it holds the screen's widgets, which
// tests tap by field, and its state. Only the screen on view is built at
// start; the others when first selected.
//
// The language, text size and contrast are user preferences (Fyne
// Preferences). Changing the language makes every screen's widgets again,
// keeping the screens' state (History's filter, the message on Decode);
// Fyne's own dialog words (OK, Cancel) are registered in the same language,
// so a dialog never mixes languages.
package ui
