package assets

import (
	"embed"
	"io/fs"
)

//go:embed i18n
var i18nFS embed.FS

//go:embed fonts/wqy-microhei.ttf
var fontTTF []byte

//go:embed fonts/wqy-microhei-mono.ttf
var fontMonoTTF []byte

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

// FontTTF returns the bundled font: WenQuanYi Micro Hei, a single-face
// TrueType file with Simplified Chinese and Latin glyphs. Callers must not
// modify the returned slice.
func FontTTF() []byte { return fontTTF }

// FontName is the file name of the bundled font, for resources that need one.
const FontName = "wqy-microhei.ttf"

// FontMonoTTF returns the bundled monospace font: WenQuanYi Micro Hei Mono
// (face 1 of the same collection, same subset), so hex dumps line up and
// Chinese typed or pasted into a monospace field still renders on a PC with
// no Chinese fonts. Callers must not modify the returned slice.
func FontMonoTTF() []byte { return fontMonoTTF }

// FontMonoName is the file name of the bundled monospace font.
const FontMonoName = "wqy-microhei-mono.ttf"

// FontLicense returns the font's copyright notice and licence text.
func FontLicense() string { return fontLicense }

// IconPNG returns the 512×512 application icon. Callers must not modify it.
func IconPNG() []byte { return iconPNG }
