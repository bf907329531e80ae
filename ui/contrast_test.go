package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// relativeLuminance is WCAG 2.x's relative luminance of an opaque colour,
// written from the definition (sRGB → linear, weighted sum), not from any
// code the theme uses.
func relativeLuminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrastRatio is WCAG's (L1+0.05)/(L2+0.05), lighter over darker.
func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over composites a possibly translucent colour over an opaque one, as the
// renderer does (source-over).
func over(fg, bg color.Color) color.NRGBA {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// colourPairs are the text-or-control colour on the surface it is drawn
// on, as Fyne's widgets draw them: labels and importance texts on the
// window, the selected tab and checked boxes (primary) on the window, button
// text on buttons, entry text and placeholders in entries, text on a
// selected or hovered list row, and text on the coloured buttons.
var colourPairs = []struct{ fg, bg fyne.ThemeColorName }{
	{theme.ColorNameForeground, theme.ColorNameBackground},
	{theme.ColorNameForeground, theme.ColorNameButton},
	{theme.ColorNameForeground, theme.ColorNameInputBackground},
	{theme.ColorNameForeground, theme.ColorNameMenuBackground},
	{theme.ColorNameForeground, theme.ColorNameOverlayBackground},
	{theme.ColorNameForeground, theme.ColorNameHeaderBackground},
	{theme.ColorNameForeground, theme.ColorNameSelection},
	{theme.ColorNameForeground, theme.ColorNameHover},
	{theme.ColorNamePlaceHolder, theme.ColorNameInputBackground},
	{theme.ColorNamePrimary, theme.ColorNameBackground},
	{theme.ColorNameHyperlink, theme.ColorNameBackground},
	{theme.ColorNameError, theme.ColorNameBackground},
	{theme.ColorNameSuccess, theme.ColorNameBackground},
	{theme.ColorNameWarning, theme.ColorNameBackground},
	{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
	{theme.ColorNameForegroundOnError, theme.ColorNameError},
	{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess},
	{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
	{theme.ColorNameForeground, theme.ColorNameFocus},   // a focused button
	{theme.ColorNameForeground, theme.ColorNamePressed}, // a pressed button
	{theme.ColorNameInputBorder, theme.ColorNameBackground},
	{theme.ColorNameInputBorder, theme.ColorNameInputBackground},
}

// boundary marks the pairs that are a control's outline, not text: WCAG
// asks 3:1 of those (1.4.11); high contrast still asks 7:1.
func boundary(n fyne.ThemeColorName) bool { return n == theme.ColorNameInputBorder }

// TestThemeContrast computes the WCAG contrast of every text and control
// colour on its surface: at least 7:1 (AAA) in high contrast, 4.5:1 (AA) in
// the normal light and dark themes.
func TestThemeContrast(t *testing.T) {
	for _, hc := range []bool{false, true} {
		th := newTheme(false, hc)
		min := 4.5
		if hc {
			min = 7
		}
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			window := over(th.Color(theme.ColorNameBackground, v), color.White)
			for _, p := range colourPairs {
				name := fmt.Sprintf("highContrast=%v/variant=%d/%s on %s", hc, v, p.fg, p.bg)
				bg := over(th.Color(p.bg, v), window)
				fg := over(th.Color(p.fg, v), bg)
				want := min
				if boundary(p.fg) && !hc {
					want = 3
				}
				if r := contrastRatio(fg, bg); r < want {
					t.Errorf("%s: %v on %v = %.2f:1, want ≥ %.1f:1", name, fg, bg, r, want)
				}
			}
		}
	}
}

// TestContrastRatioOracle pins the formula to WCAG's published values.
func TestContrastRatioOracle(t *testing.T) {
	for _, tt := range []struct {
		a, b color.NRGBA
		want float64
	}{
		{color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}, 21},
		{color.NRGBA{255, 255, 255, 255}, color.NRGBA{255, 255, 255, 255}, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 255}, color.NRGBA{255, 255, 255, 255}, 4.54}, // the lightest grey passing AA on white
		{color.NRGBA{0, 0, 0xff, 255}, color.NRGBA{255, 255, 255, 255}, 8.59},
	} {
		if got := contrastRatio(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrastRatio(%v, %v) = %.3f; want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestApplyThemeOnlyOnChange: setting an equal theme again would empty
// Fyne's font caches and parse the bundled fonts again (a language switch
// used to do that); a changed choice does take effect.
func TestApplyThemeOnlyOnChange(t *testing.T) {
	a := test.NewTempApp(t)
	for _, c := range []struct{ large, contrast bool }{{false, false}, {true, false}, {true, true}, {false, true}} {
		applyTheme(a, c.large, c.contrast)
		first, ok := a.Settings().Theme().(*appTheme)
		if !ok || first.large() != c.large || first.highContrast != c.contrast {
			t.Fatalf("%+v: theme %#v", c, a.Settings().Theme())
		}
		applyTheme(a, c.large, c.contrast)
		if a.Settings().Theme() != first {
			t.Errorf("%+v: an unchanged choice replaced the theme", c)
		}
	}
}
