package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"posdoctor/store"
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
