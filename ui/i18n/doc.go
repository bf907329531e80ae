// Package i18n loads POS Doctor's translation files and looks words up in
// the language the user chose. It imports no Fyne, so the command line uses
// it as the GUI does.
//
// Files are flat JSON objects under <locale>/<area>.json (see package
// assets). Load merges the areas of each locale and rejects a key that two
// files define. Texts may hold text/template actions such as {{.code}}; T
// fills them from key/value pairs.
//
// The current translator is process-wide and safe for concurrent use:
// Use switches it atomically, and every later T call sees the new language.
package i18n
