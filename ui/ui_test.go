package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
)

// loadCatalog parses the embedded translations once per test binary: the
// catalog is read-only after loading, and every screen test needs it.
var loadCatalog = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(assets.I18n(), assets.Locales) })

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := loadCatalog()
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
	if got := lang.L("Cancel"); got != "取消" {
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
	a.settings.language.SetSelected("English")
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

// TestFontCoversEveryCharacter guards against boxes and against screens that
// depend on the PC's fonts: every rune of every text in every language, and
// of every string literal in the ui sources (symbols such as ✓ ✖), must have
// a glyph in both bundled fonts (any text may end up in a monospace field).
func TestFontCoversEveryCharacter(t *testing.T) {
	used := map[rune][]string{}
	for _, loc := range assets.Locales {
		for key, text := range catalog(t).Messages(loc) {
			for _, r := range text {
				used[r] = append(used[r], loc+":"+key)
			}
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && (lit.Kind == token.STRING || lit.Kind == token.CHAR) {
				for _, r := range lit.Value {
					if r > 0x7e {
						used[r] = append(used[r], name)
					}
				}
			}
			return true
		})
	}
	for name, ttf := range map[string][]byte{"wqy-microhei.ttf (PDF)": assets.FontTTF(), assets.ScreenFontName: assets.ScreenFont(), assets.MonoFontName: assets.MonoFont()} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("parse bundled font %s: %v", name, err)
		}
		var buf sfnt.Buffer
		for r, where := range used {
			if r < 0x20 {
				continue // line breaks and tabs are not drawn
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				if len(where) > 3 {
					where = append(where[:3], "…")
				}
				t.Errorf("%s has no glyph for %q (U+%04X), used in %s (reword, or add it to the subset: make font)", name, r, r, strings.Join(where, ", "))
			}
		}
	}
}

func TestThemeUsesBundledFonts(t *testing.T) {
	th := newTheme(false, false)
	if got := th.Font(fyne.TextStyle{}); got.Name() != assets.ScreenFontName {
		t.Errorf("regular font = %q, want %q", got.Name(), assets.ScreenFontName)
	}
	if got := th.Font(fyne.TextStyle{Bold: true}); got.Name() != assets.ScreenFontName {
		t.Errorf("bold font = %q, want %q", got.Name(), assets.ScreenFontName)
	}
	if got := th.Font(fyne.TextStyle{Monospace: true}); got.Name() != assets.MonoFontName {
		t.Errorf("monospace font = %q, want the bundled %q (Chinese in a hex box must not depend on system fonts)", got.Name(), assets.MonoFontName)
	}
}
