package ui

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"posdoctor/assets"
)

// largeTextScale is how much "large text" enlarges every size: text,
// padding and icons grow together so layouts keep their proportions.
const largeTextScale = 1.3

// appTheme draws every text with the bundled CJK font, so Chinese never
// renders as boxes on a PC without Chinese fonts, and applies the user's
// text size and contrast choices.
type appTheme struct {
	base         fyne.Theme
	font         fyne.Resource
	mono         fyne.Resource
	scale        float32
	highContrast bool
}

var (
	fontResource     = fyne.NewStaticResource(assets.ScreenFontName, assets.ScreenFont())
	monoFontResource = fyne.NewStaticResource(assets.MonoFontName, assets.MonoFont())
)

func newTheme(large, highContrast bool) *appTheme {
	t := &appTheme{base: theme.DefaultTheme(), font: fontResource, mono: monoFontResource, scale: 1, highContrast: highContrast}
	if large {
		t.scale = largeTextScale
	}
	return t
}

var _ fyne.Theme = (*appTheme)(nil)

// applyTheme puts the theme for the user's text size and contrast choices
// in use, unless it already is: a new theme empties Fyne's font caches, and
// parsing the bundled CJK font again costs tens of milliseconds per style.
func applyTheme(app fyne.App, large, highContrast bool) {
	if cur, ok := app.Settings().Theme().(*appTheme); ok && cur.large() == large && cur.highContrast == highContrast {
		return
	}
	app.Settings().SetTheme(newTheme(large, highContrast))
}

func (t *appTheme) large() bool { return t.scale != 1 }

// preloadFonts parses the bundled font for the styles every first screen
// draws (regular and bold) on goroutines of their own, so that the work
// overlaps the window's creation instead of delaying the first frame. The
// caller waits before it draws: Fyne's cache of parsed faces is safe for
// concurrent use, but a face's glyph caches are not.
func preloadFonts(app fyne.App) (wait func()) {
	size := app.Settings().Theme().Size(theme.SizeNameText)
	var wg sync.WaitGroup
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		wg.Go(func() { fyne.MeasureText("", size, style) })
	}
	return wg.Wait
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	if t.highContrast {
		if c, ok := highContrastColours[dark][n]; ok {
			return c
		}
	}
	if c, ok := normalColours[dark][n]; ok {
		return c
	}
	return t.base.Color(n, v)
}

func rgb(x uint32) color.NRGBA {
	return color.NRGBA{R: uint8(x >> 16), G: uint8(x >> 8), B: uint8(x), A: 0xff}
}

// normalColours replace the Fyne colours that miss WCAG AA (4.5:1 for text,
// 3:1 for control borders) on their surface, by variant (dark = true).
// Text on a coloured button is dark in the dark variant: a blue light
// enough to read on near-black is too light for white text.
var normalColours = map[bool]map[fyne.ThemeColorName]color.Color{
	false: {
		theme.ColorNamePlaceHolder:         rgb(0x6b6b6b),
		theme.ColorNamePrimary:             rgb(0x1a5fd1),
		theme.ColorNameHyperlink:           rgb(0x1a5fd1),
		theme.ColorNameError:               rgb(0xc62828),
		theme.ColorNameSuccess:             rgb(0x1b7d2f),
		theme.ColorNameWarning:             rgb(0xa35200),
		theme.ColorNameInputBorder:         rgb(0x767676),
		theme.ColorNameForegroundOnPrimary: color.White,
	},
	true: {
		theme.ColorNamePrimary:             rgb(0x6ea8ff),
		theme.ColorNameHyperlink:           rgb(0x6ea8ff),
		theme.ColorNameForegroundOnPrimary: rgb(0x171718),
		theme.ColorNameInputBorder:         rgb(0x8a8a8a),
		theme.ColorNamePressed:             color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x40},
	},
}

// highContrastColours reach WCAG AAA (7:1) for every text and control on
// its surface: black and white, with deep (light variant) or pale (dark
// variant) colours for primary, error, success and warning.
var highContrastColours = map[bool]map[fyne.ThemeColorName]color.Color{
	false: {
		theme.ColorNameForeground:          color.Black,
		theme.ColorNameBackground:          color.White,
		theme.ColorNamePlaceHolder:         rgb(0x404040),
		theme.ColorNameDisabled:            rgb(0x595959),
		theme.ColorNamePrimary:             rgb(0x0b3d91),
		theme.ColorNameHyperlink:           rgb(0x0b3d91),
		theme.ColorNameError:               rgb(0x8b0000),
		theme.ColorNameSuccess:             rgb(0x0a5a1e),
		theme.ColorNameWarning:             rgb(0x7a3d00),
		theme.ColorNameInputBorder:         rgb(0x404040),
		theme.ColorNameForegroundOnPrimary: color.White,
		theme.ColorNameForegroundOnError:   color.White,
		theme.ColorNameForegroundOnSuccess: color.White,
		theme.ColorNameForegroundOnWarning: color.White,
	},
	true: {
		theme.ColorNameForeground:          color.White,
		theme.ColorNameBackground:          color.Black,
		theme.ColorNamePlaceHolder:         rgb(0xc0c0c0),
		theme.ColorNameDisabled:            rgb(0xa6a6a6),
		theme.ColorNamePrimary:             rgb(0x8fc1ff),
		theme.ColorNameHyperlink:           rgb(0x8fc1ff),
		theme.ColorNameError:               rgb(0xff9a90),
		theme.ColorNameSuccess:             rgb(0x7cf07c),
		theme.ColorNameWarning:             rgb(0xffb84d),
		theme.ColorNameInputBorder:         rgb(0xc0c0c0),
		theme.ColorNameForegroundOnPrimary: color.Black,
		theme.ColorNameForegroundOnError:   color.Black,
		theme.ColorNameForegroundOnSuccess: color.Black,
		theme.ColorNameForegroundOnWarning: color.Black,
	},
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.base.Font(s) // Fyne's symbol glyphs
	}
	if s.Monospace {
		return t.mono // hex dumps line up; Chinese still never falls back to system fonts
	}
	return t.font
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) * t.scale }
