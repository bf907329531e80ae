package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEveryScreenSwitchesLanguage shows each screen in Chinese, switches to
// English, and checks that the screen's own words changed with it.
func TestEveryScreenSwitchesLanguage(t *testing.T) {
	e := newEnv(t, Options{})
	zh, en := catalog(t).Translator("zh-Hans"), catalog(t).Translator("en")
	for i, s := range screens() {
		t.Run(s.id, func(t *testing.T) {
			e.a.setLanguage("zh-Hans")
			e.a.show(s.id)
			zhTexts := texts(t, e.a.tabs.Items[i].Content)
			if s.id != "home" && s.id != "about" && !contains(zhTexts, zh.T(s.title)) {
				t.Errorf("Chinese %s shows %q, want its heading %q", s.id, zhTexts, zh.T(s.title))
			}
			e.a.setLanguage("en")
			e.a.show(s.id)
			if got := e.a.tabs.Items[i].Text; got != en.T(s.title) {
				t.Errorf("tab = %q, want %q", got, en.T(s.title))
			}
			for _, txt := range texts(t, e.a.tabs.Items[i].Content) {
				if hasHan(txt) && !allowedHan(txt) {
					t.Errorf("English %s still shows Chinese: %q", s.id, txt)
				}
			}
		})
	}
}

// allowedHan: names shown in their own language on purpose.
func allowedHan(s string) bool {
	for _, ok := range []string{"简体中文", "跟随系统", "语言", "文泉驿微米黑"} {
		if strings.Contains(s, ok) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestScreensFitTheSmallestWindow: every screen fits 800×600, the smallest
// till-PC window we support; long content scrolls instead of growing.
func TestScreensFitTheSmallestWindow(t *testing.T) {
	e := newEnv(t, Options{})
	for _, lang := range []string{"zh-Hans", "en"} {
		e.a.setLanguage(lang)
		for _, large := range []bool{false, true} {
			e.a.setBool(prefLargeText, large)
			for i, s := range screens() {
				e.a.show(s.id)
				min := e.a.win.Content().MinSize()
				if min.Width > 800 || min.Height > 600 {
					t.Errorf("%s/%s large=%v: needs %v, more than 800×600", lang, s.id, large, min)
				}
				_ = i
			}
		}
	}
}

// TestScreenMarkup keeps a golden rendering of every screen in both
// languages (testdata/screens/*.xml; a mismatch writes testdata/failed/).
func TestScreenMarkup(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/home/merchant/.config") // a stable data folder
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, s := range screens() {
			t.Run(fmt.Sprintf("%s-%s", s.id, lang), func(t *testing.T) {
				fa := test.NewTempApp(t)
				q := newQueue() // never drained: the terminal card stays "searching"
				a := New(fa, Options{Catalog: catalog(t), Version: "1.0.0", Commit: "abc1234",
					SystemLocales: []string{lang}, Screen: s.id, Lister: noPorts{}, uiDo: q.do})
				defer a.Close()
				a.win.Resize(fyne.NewSize(1024, 700))
				test.AssertRendersToMarkup(t, "screens/"+s.id+"-"+lang+".xml", a.win.Canvas())
			})
		}
	}
}
