// Package i18n loads POS Doctor's translation files and looks words up in
// the language the user chose. It imports no Fyne, so the command line uses
// it as the GUI does.
//
// Files are flat JSON objects under <locale>/<area>.json (see package
// assets). Load merges the areas of each locale and rejects a key that two
// files define. Texts may hold text/template actions such as {{.code}}; T
// fills them from key/value pairs.
//
// There is no process-wide translator: the GUI and each command hold the
// Translator for their language and pass it on.
package i18n
