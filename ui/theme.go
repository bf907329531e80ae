package ui

import (
	"image/color"

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
	fontResource     = fyne.NewStaticResource(assets.FontName, assets.FontTTF())
	monoFontResource = fyne.NewStaticResource(assets.FontMonoName, assets.FontMonoTTF())
)

func newTheme(large, highContrast bool) *appTheme {
	t := &appTheme{base: theme.DefaultTheme(), font: fontResource, mono: monoFontResource, scale: 1, highContrast: highContrast}
	if large {
		t.scale = largeTextScale
	}
	return t
}

var _ fyne.Theme = (*appTheme)(nil)

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.highContrast {
		switch n {
		case theme.ColorNameForeground:
			if v == theme.VariantDark {
				return color.White
			}
			return color.Black
		case theme.ColorNameBackground:
			if v == theme.VariantDark {
				return color.Black
			}
			return color.White
		case theme.ColorNamePlaceHolder, theme.ColorNameDisabled:
			return color.NRGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xff}
		case theme.ColorNamePrimary:
			return color.NRGBA{R: 0x00, G: 0x3c, B: 0xa0, A: 0xff}
		}
	}
	return t.base.Color(n, v)
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
