package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/wizard"
)

// sampleLog is one of the constructed log layouts the log reader is
// tested with.
func sampleLog(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "device", "unionpay", "testdata", "logs", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDecodeLogDropped: a log dropped on the window, whatever screen is
// showing, opens on the Decode screen as a timeline with the newest failed
// answer; "diagnose with it" starts the wizard at that code's branch with
// the log kept as evidence (issue 19 §4).
func TestDecodeLogDropped(t *testing.T) {
	e := newEnv(t, Options{})
	e.a.show("home")
	e.a.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(t.TempDir()), storage.NewFileURI(sampleLog(t, "hexdump_banner_zh.log"))})
	e.q.until(t, "the timeline", 10*time.Second, func() bool { return e.a.decode.log != nil })
	if e.a.current != "decode" {
		t.Errorf("screen %q after the drop; want decode", e.a.current)
	}
	got := strings.Join(texts(t, e.a.tabs.Selected().Content), "\n")
	for _, want := range []string{"日志：hexdump_banner_zh.log", "共 9 条报文", "最近一笔失败的应答：#6 2026-11-25 14:03:27 · 12 无效交易"} {
		if !strings.Contains(got, want) {
			t.Errorf("Decode screen lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "6222021234567890128") {
		t.Error("the screen shows a full card number")
	}
	if n := e.a.decode.timeline.Length(); n != 9 {
		t.Errorf("timeline has %d rows; want 9", n)
	}
	test.Tap(e.a.decode.useLog)
	if e.a.wizard == nil {
		t.Fatal("no wizard after \"diagnose with it\"")
	}
	trail := e.a.wizard.sess.Trail()
	if len(trail) == 0 {
		t.Fatal("empty trail")
	}
	last := trail[len(trail)-1]
	if r, ok := last.Results[wizard.EvidenceLogResponse]; !ok || last.Code != "12" || r.Code != "12" {
		t.Errorf("trail record %+v; want code 12 with the log evidence", last)
	}
	if got, want := e.a.wizard.sess.Current().ID, wizard.MainFlow.CodeTarget("12"); got != want {
		t.Errorf("wizard at %s; want %s", got, want)
	}
}

// TestDecodeLogOpened: the open-file path (what the dialog calls) reads a
// log with no failure and offers no diagnosis; Clear puts the screen back
// to a message; the open button shows the file dialog.
func TestDecodeLogOpened(t *testing.T) {
	e := newEnv(t, Options{Screen: "decode"})
	e.a.show("decode")
	p := filepath.Join(t.TempDir(), "ok.log")
	text := "[2026-11-25 09:00:01] >> SEND\n00 37 60 00 03 00 00 60 31 00 00 00 00 08 20 00 20 00 00 00 C0 00 10 00 00 77 31 32 33 34 35 36 37 38 38 39 38 33 31 30 30 34 38 31 36 31 32 33 34 00 11 00 00 00 12 30 10\n"
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	e.a.decode.loadLog("ok.log", f)
	e.q.until(t, "the timeline", 10*time.Second, func() bool { return e.a.decode.log != nil })
	got := strings.Join(texts(t, e.a.tabs.Selected().Content), "\n")
	if !strings.Contains(got, "这个日志里没有失败的应答。") || strings.Contains(got, e.a.tr.T("decodeui.use")) {
		t.Errorf("want no failure and no diagnose button:\n%s", got)
	}
	if !strings.Contains(got, e.a.tr.T("decodeui.open")) {
		t.Errorf("no open-file button:\n%s", got)
	}
	test.Tap(e.a.decode.clearLog)
	if d := e.a.decode; d.log != nil || d.rows != nil || d.logName != "" {
		t.Errorf("after Clear the screen still holds the log %q (%d rows)", d.logName, len(d.rows))
	}
	if got := strings.Join(texts(t, e.a.tabs.Selected().Content), "\n"); strings.Contains(got, "ok.log") {
		t.Errorf("after Clear the screen still shows the log:\n%s", got)
	}
	test.Tap(e.a.decode.open)
	if e.a.win.Canvas().Overlays().Top() == nil {
		t.Error("the open-file dialog did not show")
	}
}

// TestDecodeRunAndClear: Decode shows a typed message masked, says what is
// wrong with text that is not one, and Clear empties the screen.
func TestDecodeRunAndClear(t *testing.T) {
	hex, err := fs.ReadFile(assets.Samples(), "sale_response_12.hex")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, Options{Screen: "decode"})
	d := e.a.decode
	d.entry.SetText(string(hex))
	test.Tap(d.run)
	if d.summary.Text == "" || d.meaning.Text == "" || d.summary.Importance == widget.DangerImportance {
		t.Errorf("a sale response decodes to summary %q, meaning %q; want both, not an error", d.summary.Text, d.meaning.Text)
	}
	if strings.Contains(d.body.Text, "6222021234567890128") || !strings.Contains(d.body.Text, "622202") {
		t.Errorf("the decoded fields show the card number unmasked or not at all:\n%s", d.body.Text)
	}

	d.entry.SetText("zz not hex")
	test.Tap(d.run)
	if d.summary.Text == "" || d.summary.Importance != widget.DangerImportance || d.body.Text == "" {
		t.Errorf("text that is no message: summary %q (importance %v), detail %q; want the problem, as an error", d.summary.Text, d.summary.Importance, d.body.Text)
	}

	test.Tap(d.clear)
	for name, l := range map[string]*widget.Label{"summary": d.summary, "meaning": d.meaning, "next step": d.next, "fields": d.body} {
		if l.Text != "" {
			t.Errorf("after Clear the %s still reads %q", name, l.Text)
		}
	}
	if d.entry.Text != "" || d.input != "" {
		t.Errorf("after Clear the entry holds %q (kept %q); want nothing", d.entry.Text, d.input)
	}
}
