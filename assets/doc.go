// Package assets embeds the files POS Doctor ships with: translations, the
// CJK font, the app icon, training content and sample captures.
//
// It only embeds: parsing happens where the data is used. It imports no other
// package of this module and nothing outside the standard library, so every
// package (and every test) may depend on it.
//
// Translations live in i18n/<locale>/<area>.json, one flat JSON object of
// key → text per file. Each area (home, device, decode, wizard …) owns its own
// file so that keys are grouped by the part of the product that shows them;
// the loader merges the files of a locale and rejects a key defined twice.
package assets
