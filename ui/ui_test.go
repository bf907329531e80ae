package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
)

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// newTestApp builds the GUI on Fyne's test driver with a fixed system locale.
func newTestApp(t *testing.T, system ...string) *App {
	t.Helper()
	if system == nil {
		system = []string{}
	}
	return newEnv(t, Options{SystemLocales: system}).a
}

// texts returns every label text visible under o.
func texts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *paragraph: // its label holds the text with line breaks put in
			out = append(out, w.text)
			return
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.RichText: // the training banner
			out = append(out, w.String())
			return
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			r := test.TempWidgetRenderer(t, w)
			for _, ch := range r.Objects() {
				walk(ch)
			}
		}
	}
	walk(o)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLanguageFollowsSystemThenChoice(t *testing.T) {
	a := newTestApp(t, "en-US")
	cat := catalog(t)
	enTitle := cat.Translator("en").T("home.title")
	zhTitle := cat.Translator("zh-Hans").T("home.title")
	if enTitle == zhTitle {
		t.Fatal("home.title is the same in both languages")
	}
	if got := texts(t, a.tabs.Items[0].Content); !contains(got, enTitle) {
		t.Fatalf("English system: home shows %q, want %q", got, enTitle)
	}

	a.setLanguage(i18n.Chinese)
	a.show("home")
	if got := texts(t, a.tabs.Items[0].Content); !contains(got, zhTitle) {
		t.Fatalf("after choosing Chinese: home shows %q, want %q", got, zhTitle)
	}
	if got := a.tabs.Items[0].Text; got != "首页" {
		t.Errorf("home tab = %q, want 首页", got)
	}
	if got := a.fyne.Preferences().String(prefLanguage); got != i18n.Chinese {
		t.Errorf("saved language = %q, want %q", got, i18n.Chinese)
	}
	if got := i18n.T("Cancel"); got != "取消" {
		t.Errorf("Fyne's Cancel in Chinese = %q, want 取消", got)
	}
}

func TestUnknownSystemLocaleIsChinese(t *testing.T) {
	a := newTestApp(t, "fr-FR")
	if got := a.tr.Locale(); got != i18n.Chinese {
		t.Errorf("locale = %q, want %q", got, i18n.Chinese)
	}
}

func TestLargeTextScalesTheTheme(t *testing.T) {
	a := newTestApp(t, "zh-CN")
	normal := a.fyne.Settings().Theme().Size(theme.SizeNameText)
	a.setBool(prefLargeText, true)
	large := a.fyne.Settings().Theme().Size(theme.SizeNameText)
	if large <= normal {
		t.Fatalf("text size with large text = %v, normal %v: want larger", large, normal)
	}
	if got, want := large/normal, float32(largeTextScale); got < want-0.01 || got > want+0.01 {
		t.Errorf("scale = %v, want %v", got, want)
	}
}

func TestSettingsLanguageSelectSwitchesEveryTab(t *testing.T) {
	a := newTestApp(t, "zh-CN")
	a.show("settings")
	sel := findSelect(t, a.tabs.Selected().Content)
	if sel == nil {
		t.Fatal("no language select on Settings")
	}
	sel.SetSelected("English")
	for i, s := range screens() {
		want := catalog(t).Translator("en").T(s.title)
		if got := a.tabs.Items[i].Text; got != want {
			t.Errorf("tab %s = %q, want %q", s.id, got, want)
		}
	}
	if a.tabs.Selected().Text != "Settings" {
		t.Errorf("after switching, selected tab = %q, want Settings", a.tabs.Selected().Text)
	}
}

func findSelect(t *testing.T, o fyne.CanvasObject) *widget.Select {
	if s, ok := o.(*widget.Select); ok {
		return s
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			if s := findSelect(t, ch); s != nil {
				return s
			}
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, ch := range test.TempWidgetRenderer(t, w).Objects() {
			if s := findSelect(t, ch); s != nil {
				return s
			}
		}
	}
	return nil
}

// TestFontCoversEveryChineseCharacter guards against boxes: every rune of
// every zh-Hans text must have a glyph in the bundled font.
func TestFontCoversEveryChineseCharacter(t *testing.T) {
	f, err := sfnt.Parse(assets.FontTTF())
	if err != nil {
		t.Fatalf("parse bundled font: %v", err)
	}
	var buf sfnt.Buffer
	missing := map[rune][]string{}
	for key, text := range catalog(t).Messages(i18n.Chinese) {
		for _, r := range text {
			if r == '\n' || r == '\t' {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				missing[r] = append(missing[r], key)
			}
		}
	}
	for r, keys := range missing {
		t.Errorf("font has no glyph for %q (U+%04X), used in %s", r, r, strings.Join(keys, ", "))
	}
}

func TestThemeUsesBundledFontExceptMonospace(t *testing.T) {
	th := newTheme(false, false)
	if got := th.Font(fyne.TextStyle{}); got.Name() != assets.FontName {
		t.Errorf("regular font = %q, want %q", got.Name(), assets.FontName)
	}
	if got := th.Font(fyne.TextStyle{Bold: true}); got.Name() != assets.FontName {
		t.Errorf("bold font = %q, want %q", got.Name(), assets.FontName)
	}
	if got := th.Font(fyne.TextStyle{Monospace: true}); got.Name() == assets.FontName {
		t.Error("monospace uses the CJK font; want the default monospace")
	}
}
