package ui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"posdoctor/wizard"
)

// TestExportFromTheEndPage: the end page's Export shows what will be
// shared, with a reference code and no full card number; Save writes a PDF
// into the user's documents, not the data folder, and says where.
func TestExportFromTheEndPage(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	e := newEnv(t, Options{CheckTimeout: time.Second})
	reg := wizard.NewRegistry()
	for _, id := range []wizard.CheckID{wizard.CheckTerminalFound, wizard.CheckTerminalPort, wizard.CheckTerminalStatus,
		wizard.CheckTerminalSignIn, wizard.CheckTerminalFirmware, wizard.CheckTerminalClock, wizard.CheckTerminalHardware} {
		reg.Register(id, func(context.Context) (wizard.Result, error) {
			return wizard.Result{Outcome: wizard.Pass, Summary: "check.error", Evidence: []wizard.Fact{{Key: "k", Value: "card 6222021234567890128"}}}, nil
		})
	}
	reg.Register(wizard.CheckTerminalLastTxn, func(context.Context) (wizard.Result, error) {
		return wizard.Result{Outcome: wizard.Fail, Summary: "check.error", Code: "54"}, nil
	})
	s, _ := wizard.Start(wizard.MainFlow, nil)
	e.a.startWizardWith(s, reg) // with a journal, as from Home
	s = e.walk(t, nil)
	if !s.Done() {
		t.Fatal("session not done")
	}
	exp := e.a.wizard.export
	if exp == nil {
		t.Fatal("no Export button on the end page")
	}
	test.Tap(exp)
	e.q.until(t, "the preview", 10*time.Second, func() bool { return e.a.export != nil && e.a.win.Canvas().Overlays().Top() != nil })
	preview := strings.Join(texts(t, e.a.win.Canvas().Overlays().Top()), "\n")
	if !regexp.MustCompile(`PD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}`).MatchString(preview) {
		t.Errorf("preview has no reference code:\n%s", preview)
	}
	if strings.Contains(preview, "6222021234567890128") {
		t.Error("preview shows a full card number")
	}
	x := e.a.export
	if got, want := x.format.Selected, e.a.tr.T("export.format.pdf"); got != want {
		t.Errorf("format chosen = %q; want %q", got, want)
	}
	x.preview.Confirm() // the dialog's Save
	var saved string
	e.q.until(t, "the saved report", 20*time.Second, func() bool {
		m, _ := filepath.Glob(filepath.Join(home, "*", "POSDoctor-*.pdf"))
		m2, _ := filepath.Glob(filepath.Join(home, "POSDoctor-*.pdf"))
		m = append(m, m2...)
		if len(m) > 0 {
			saved = m[0]
		}
		return saved != "" && x.openFolder != nil
	})
	if x.path != saved {
		t.Errorf("the saved dialog is about %s; want %s", x.path, saved)
	}
	if strings.HasPrefix(saved, filepath.Dir(e.db.Path())) {
		t.Errorf("report saved in the data folder: %s", saved)
	}
	b, err := os.ReadFile(saved)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("saved file is not a PDF (%v)", err)
	}
	if got := strings.Join(texts(t, e.a.win.Canvas().Overlays().Top()), "\n"); !strings.Contains(got, saved) {
		t.Errorf("the saved dialog does not show the path %s:\n%s", saved, got)
	}

	// No file manager: "Open folder" fails, and the dialog says where the
	// report is with a way to copy the path — no "unexpected problem".
	e.a.opts.openURL = func(*url.URL) error { return errors.New("no file manager") }
	test.Tap(x.openFolder)
	got := strings.Join(texts(t, e.a.win.Canvas().Overlays().Top()), "\n")
	if !strings.Contains(got, e.a.tr.T("export.openfolder.failed")) || !strings.Contains(got, saved) {
		t.Errorf("after a failed Open folder the dialog shows:\n%s\nwant the failure note and the path %s", got, saved)
	}
	if strings.Contains(got, e.a.tr.T("errors.unexpected")) {
		t.Error("a missing file manager is reported as an unexpected problem")
	}
	test.Tap(x.copyPath)
	if c := e.a.fyne.Clipboard().Content(); c != saved {
		t.Errorf("clipboard = %q; want the path %q", c, saved)
	}
}
