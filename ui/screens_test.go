package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"posdoctor/ui/journal"
	"posdoctor/wizard"
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
// till-PC window we support, with large text and high contrast, with a
// history to show (a session open in History's detail pane); long content
// scrolls or wraps instead of growing the window. Issue 21.
func TestScreensFitTheSmallestWindow(t *testing.T) {
	e := newEnv(t, Options{})
	var last string
	for i := range 3 { // the same cause three times: History lists it as recurring
		at := time.Now().Add(time.Duration(i-10) * time.Minute)
		f := *wizard.MainFlow
		f.Start = "m.screen"
		s, err := wizard.Start(&f, func() time.Time { return at })
		if err != nil {
			t.Fatal(err)
		}
		for _, ans := range []string{"code", "=55", "few"} {
			if ans[0] == '=' {
				err = s.Input(ans[1:])
			} else {
				err = s.Answer(ans)
			}
			if err != nil {
				t.Fatalf("answer %s: %v", ans, err)
			}
		}
		doc, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		last = journal.New(e.db, "", at).ID()
		if err := e.db.SaveSession(journal.Index(last, "", s.Summary()), doc); err != nil {
			t.Fatal(err)
		}
	}
	e.a.history.filter.selected = last
	e.a.win.Resize(fyne.NewSize(800, 600))
	e.a.setBool(prefHighContrast, true)
	for _, lang := range []string{"zh-Hans", "en"} {
		e.a.setLanguage(lang)
		for _, large := range []bool{true} { // normal text needs less room
			e.a.setBool(prefLargeText, large)
			for _, s := range screens() {
				e.a.show(s.id)
				min := e.a.win.Content().MinSize()
				if min.Width > 800 || min.Height > 600 {
					t.Errorf("%s/%s large=%v: needs %v, more than 800×600", lang, s.id, large, min)
				}
				if got := texts(t, e.a.tabs.Selected().Content); s.id == "history" &&
					(!contains(got, e.a.tr.T("history.recurring")) || !contains(got, e.a.tr.T("history.trail"))) {
					t.Errorf("%s/history shows %q; want the recurring causes and a session's detail", lang, got)
				}
			}
			for _, step := range []wizard.StepID{"m.link", "m.screen", "m.expiry", "m.f.pin-wrong"} {
				f := *wizard.MainFlow
				f.Start = step
				sess, err := wizard.Start(&f, nil)
				if err != nil {
					t.Fatal(err)
				}
				v := e.a.openWizard(sess, wizard.NewRegistry(), nil, nil, false)
				if min := e.a.win.Content().MinSize(); min.Width > 800 || min.Height > 600 {
					t.Errorf("%s/wizard at %s large=%v: needs %v, more than 800×600", lang, step, large, min)
				}
				v.close()
			}
		}
	}
}

// TestScreenMarkup keeps a golden rendering of every screen, and of the
// wizard at its longest question, in both languages at 800×600 with large
// text and high contrast (testdata/screens/*.xml; a mismatch writes
// testdata/failed/).
func TestScreenMarkup(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/home/merchant/.config") // a stable data folder
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, s := range append(screens(), screen{id: "wizard"}) {
			t.Run(fmt.Sprintf("%s-%s", s.id, lang), func(t *testing.T) {
				fa := test.NewTempApp(t)
				fa.Preferences().SetBool(prefLargeText, true)
				fa.Preferences().SetBool(prefHighContrast, true)
				q := newQueue() // never drained: the terminal card stays "searching"
				id := s.id
				if id == "wizard" {
					id = "home"
				}
				a := New(fa, Options{Catalog: catalog(t), Version: "1.0.0", Commit: "abc1234",
					SystemLocales: []string{lang}, Screen: id, Lister: noPorts{}, uiDo: q.do})
				defer a.Close()
				a.win.Resize(fyne.NewSize(800, 600))
				if s.id == "wizard" {
					f := *wizard.MainFlow
					f.Start = "m.screen" // ten options: the longest question
					sess, err := wizard.Start(&f, nil)
					if err != nil {
						t.Fatal(err)
					}
					a.openWizard(sess, wizard.NewRegistry(), nil, nil, false)
				}
				test.AssertRendersToMarkup(t, "screens/"+s.id+"-"+lang+".xml", a.win.Canvas())
			})
		}
	}
}

// TestScreenStateOutlivesALanguageSwitch: a language switch makes every
// screen's widgets again, but not what the owner set up on them: History's
// filter and the message on Decode stay, in the new language.
func TestScreenStateOutlivesALanguageSwitch(t *testing.T) {
	e := newEnv(t, Options{})
	e.a.setLanguage("zh-Hans")
	e.a.show("history")
	e.a.history.flowSel.SetSelected(e.a.tr.T(wizard.SelfTestFlow.Title))
	e.a.show("decode")
	d := e.a.decode
	d.samples.SetSelected(d.samples.Options[0])
	hex, zhSummary := d.entry.Text, d.summary.Text
	if hex == "" || zhSummary == "" {
		t.Fatalf("a sample shows entry %q, summary %q; want both", hex, zhSummary)
	}

	e.a.setLanguage("en")
	e.a.show("decode")
	if d.entry.Text != hex {
		t.Errorf("Decode's entry after the switch = %q; want the message %q", d.entry.Text, hex)
	}
	if d.summary.Text == "" || d.summary.Text == zhSummary || hasHan(d.summary.Text) {
		t.Errorf("Decode's summary after the switch = %q; want the message decoded in English (was %q)", d.summary.Text, zhSummary)
	}
	e.a.show("history")
	if got, want := e.a.history.flowSel.Selected, e.a.tr.T(wizard.SelfTestFlow.Title); got != want {
		t.Errorf("History's kind filter after the switch = %q; want %q", got, want)
	}
}
