package assets

import (
	"embed"
	"io/fs"
)

//go:embed i18n
var i18nFS embed.FS

//go:embed fonts/wqy-microhei.ttf
var fontTTF []byte

//go:embed fonts/wqy-microhei.otf
var screenFont []byte

//go:embed fonts/wqy-microhei-mono.otf
var monoFont []byte

//go:embed fonts/LICENSE-wqy-microhei.txt
var fontLicense string

//go:embed icon/icon.png
var iconPNG []byte

// Locales lists the translation locales shipped, the default first.
var Locales = []string{"zh-Hans", "en"}

// I18n returns the translation tree: one directory per locale in Locales,
// each holding <area>.json files. The FS is read-only and safe to share.
func I18n() fs.FS {
	sub, err := fs.Sub(i18nFS, "i18n")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// FontTTF returns the bundled font for documents: WenQuanYi Micro Hei, a
// single-face TrueType file with Simplified Chinese and Latin glyphs (the
// PDF library embeds TrueType outlines only). Callers must not modify the
// returned slice.
func FontTTF() []byte { return fontTTF }

// ScreenFont returns the same font with the same glyphs and advances as
// FontTTF, its outlines in CFF: the GUI's font parser reads every TrueType
// glyph when it loads a font, but keeps CFF charstrings as bytes until a
// glyph is drawn, which takes most of the font's cost off start-up.
// Callers must not modify the returned slice.
func ScreenFont() []byte { return screenFont }

// ScreenFontName is the file name of ScreenFont, for resources that need one.
const ScreenFontName = "wqy-microhei.otf"

// MonoFont returns the bundled monospace font for the screen: WenQuanYi
// Micro Hei Mono (face 1 of the same collection, same subset, CFF outlines
// like ScreenFont), so hex dumps line up and Chinese typed or pasted into a
// monospace field still renders on a PC with no Chinese fonts. Callers must
// not modify the returned slice.
func MonoFont() []byte { return monoFont }

// MonoFontName is the file name of MonoFont.
const MonoFontName = "wqy-microhei-mono.otf"

// FontLicense returns the font's copyright notice and licence text.
func FontLicense() string { return fontLicense }

// IconPNG returns the 512×512 application icon. Callers must not modify it.
func IconPNG() []byte { return iconPNG }
