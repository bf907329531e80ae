package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"posdoctor/wizard"
)

// openAt puts a main-flow session on screen at step id, as if the owner
// had answered their way there.
func openAt(t *testing.T, e *env, id wizard.StepID) *wizardView {
	t.Helper()
	f := *wizard.MainFlow
	f.Start = id
	s, err := wizard.Start(&f, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg, closeReg := e.a.newRegistry(e.a.ctx)
	e.a.startWizardWith(s, reg, closeReg)
	return e.a.wizard
}

// TestTypingGoesToTheFieldNotToShortcuts: a step that asks for text gives
// its field the focus, so typing "12/29" fills the field and never presses
// "1. skip"; skipping is never the default; away from the field, number
// keys still answer. Issue 21.
func TestTypingGoesToTheFieldNotToShortcuts(t *testing.T) {
	e := newEnv(t, Options{})
	v := openAt(t, e, "m.expiry")
	c := e.a.win.Canvas()
	if c.Focused() != v.input || v.input == nil {
		t.Fatalf("focused = %v; want the expiry field", c.Focused())
	}
	test.TypeOnCanvas(c, "12") // the window's own handler, even if called, must not act
	if got := v.sess.Current().ID; got != "m.expiry" {
		t.Fatalf("key 1 while the field has focus moved the session to %s; want it still at m.expiry", got)
	}
	typeOnWindow(c, "12/29")
	if got := v.sess.Current().ID; got != "m.expiry" {
		t.Fatalf("typing 12/29 moved the session to %s; want it still at m.expiry", got)
	}
	if v.input.Text != "12/29" {
		t.Errorf("field = %q; want 12/29", v.input.Text)
	}
	skip := v.answers[wizard.AnswerSkip]
	if skip == nil {
		t.Fatal("no skip button")
	}
	if skip.Importance == widget.HighImportance || v.next == skip {
		t.Error("skip is the highlighted default; want the field's OK button")
	}
	c.Unfocus()
	typeOnWindow(c, "1")
	if got := v.sess.Current().ID; got != "m.cardno" {
		t.Errorf("key 1 with no field focused: step %s; want skipped to m.cardno", got)
	}
	if c.Focused() != e.a.wizard.input {
		t.Error("the card-number step did not focus its field")
	}
}

// TestEveryOptionHasAKey: a question with ten options numbers all of them
// (the tenth is 0) and each key picks its own option. Issue 21.
func TestEveryOptionHasAKey(t *testing.T) {
	e := newEnv(t, Options{})
	v := openAt(t, e, "m.screen")
	choices := v.sess.Choices()
	if len(choices) < 10 {
		t.Fatalf("m.screen has %d options; the test needs 10 or more", len(choices))
	}
	for i, ch := range choices {
		k := string(optionKey(i))
		if b := v.answers[ch.ID]; b == nil || !strings.HasPrefix(b.Text, k+".") {
			t.Errorf("option %d (%s) reads %q; want it to start with %q", i+1, ch.ID, b.Text, k+".")
		}
	}
	typeOnWindow(e.a.win.Canvas(), "0")
	if got, want := v.sess.Trail()[0].Answer, choices[9].ID; got != want {
		t.Errorf("key 0 answered %q; want the tenth option %q", got, want)
	}
}

// typeOnWindow delivers keys as the desktop driver does: to the focused
// widget if there is one, else to the window's handler.
func typeOnWindow(c fyne.Canvas, chars string) {
	for _, r := range chars {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if h := c.OnTypedRune(); h != nil {
			h(r)
		}
	}
}

// TestOptionKeys: 1–9, then 0, then letters; each key maps back to its
// option, and keys that name no option map to none.
func TestOptionKeys(t *testing.T) {
	want := "1234567890abcdefghijklmnopqrstuvwxyz"
	for i, r := range want {
		if got := optionKey(i); got != r {
			t.Errorf("optionKey(%d) = %q; want %q", i, got, r)
		}
		if got := optionIndex(r); got != i {
			t.Errorf("optionIndex(%q) = %d; want %d", r, got, i)
		}
	}
	if got := optionKey(len(want)); got != 0 {
		t.Errorf("optionKey(%d) = %q; want none", len(want), got)
	}
	for _, r := range " /.-+" {
		if got := optionIndex(r); got != -1 {
			t.Errorf("optionIndex(%q) = %d; want -1", r, got)
		}
	}
}
