package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"posdoctor/store"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// TestSecondInstanceIsToldClearly: when another POS Doctor holds the
// history, Home and History say so in the user's language instead of
// hanging or showing raw errors.
func TestSecondInstanceIsToldClearly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	first, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = store.Open(path)
	if err == nil {
		t.Fatal("a second Open succeeded")
	}
	q := newQueue()
	a := New(test.NewTempApp(t), Options{Catalog: catalog(t), SystemLocales: []string{"zh-CN"},
		DBErr: fmt.Errorf("open: %w", err), Lister: noPorts{}, uiDo: q.do})
	defer a.Close()
	want := catalog(t).Translator("zh-Hans").T("errors.inuse")
	for _, id := range []string{"home", "history"} {
		a.show(id)
		if got := strings.Join(texts(t, a.tabs.Selected().Content), "\n"); !strings.Contains(got, want) {
			t.Errorf("%s shows %q, want %q", id, got, want)
		}
	}
	if a.exportEnabled() {
		t.Error("export offered without a history")
	}
	// Starting a session asks first: it could not be saved (issue 16).
	a.show("home")
	a.startWizard(wizard.MainFlow.ID)
	if a.wizard != nil {
		t.Error("a session started that cannot be saved, without a word")
	}
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question shown before an unsaved session")
	}
	wantQ := catalog(t).Translator("zh-Hans").T("storebranch.gui.unsaved.title")
	if got := strings.Join(texts(t, top), "\n"); !strings.Contains(got, wantQ) {
		t.Errorf("question shows %q, want %q", got, wantQ)
	}
}

// TestHistoryOpensWhileWindowIsCreated drives Options.OpenHistory,
// CatalogReady and FontsReady, main's way of keeping the history, the
// translations and the fonts off the first frame's path: whatever it
// returns (a history, a history held by another instance) is what Home
// shows once New returns, and the log path reaches the options.
func TestHistoryOpensWhileWindowIsCreated(t *testing.T) {
	tr := catalog(t).Translator("zh-Hans")
	path := filepath.Join(t.TempDir(), "history.db")
	for _, c := range []struct {
		name string
		hold bool
		want string
	}{
		{"free", false, tr.T("home.recent.none")},
		{"held by another instance", true, tr.T("errors.inuse")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.hold {
				first, err := store.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer first.Close()
			}
			opened := false
			open := func() (*store.DB, string, error) {
				opened = true
				db, err := store.Open(path)
				return db, "posdoctor.log", err
			}
			q := newQueue()
			fa := test.NewTempApp(t)
			// As main does it: fonts, translations and history all on their way before New.
			a := New(fa, Options{CatalogReady: func() *i18n.Catalog { return catalog(t) }, FontsReady: PreloadFonts(fa),
				SystemLocales: []string{"zh-CN"}, OpenHistory: open, Lister: noPorts{}, uiDo: q.do})
			defer func() {
				a.Close()
				if a.opts.DB != nil {
					a.opts.DB.Close()
				}
			}()
			if !opened || (a.opts.DB == nil) != c.hold || a.opts.LogPath != "posdoctor.log" {
				t.Fatalf("after New: opened %v, DB %v, log %q", opened, a.opts.DB, a.opts.LogPath)
			}
			if got := strings.Join(texts(t, a.tabs.Selected().Content), "\n"); !strings.Contains(got, c.want) {
				t.Errorf("Home shows %q, want %q", got, c.want)
			}
		})
	}
}
