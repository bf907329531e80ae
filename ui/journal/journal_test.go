package journal_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

func TestSaveAfterEveryStepAndResume(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	clock := func() time.Time { return now }
	s, err := wizard.Start(wizard.SelfTestFlow, clock)
	if err != nil {
		t.Fatal(err)
	}
	j := journal.New(db, "usb:2fb8:2116:ABC", now)
	if err := j.Save(s); err != nil {
		t.Fatalf("Save at start: %v", err)
	}
	open, err := db.Unfinished()
	if err != nil || len(open) != 1 || open[0].ID != j.ID() {
		t.Fatalf("Unfinished = %v, %v; want the one session %s", open, err, j.ID())
	}

	// Walk the self-test with every check passing until it ends.
	for i := 0; !s.Done() && i < 50; i++ {
		pending := s.Pending()
		if len(pending) == 0 {
			choices := s.Choices()
			if len(choices) == 0 {
				t.Fatalf("step %s has neither checks nor choices", s.Current().ID)
			}
			if err := s.Answer(choices[0].ID); err != nil {
				t.Fatal(err)
			}
		} else {
			res := map[wizard.CheckID]wizard.Result{}
			for _, id := range pending {
				res[id] = wizard.Result{Outcome: wizard.Pass, Summary: "x"}
			}
			if err := s.Submit(res); err != nil {
				t.Fatal(err)
			}
		}
		if err := j.Save(s); err != nil {
			t.Fatalf("Save: %v", err)
		}
	}
	if !s.Done() {
		t.Fatal("self-test did not finish")
	}
	rec, doc, err := db.Session(j.ID())
	if err != nil {
		t.Fatal(err)
	}
	if rec.Flow != "selftest" || rec.Terminal != "usb:2fb8:2116:ABC" || rec.Unfinished() {
		t.Errorf("index = %+v, want flow selftest, the terminal, finished", rec)
	}
	if rec.Outcome != s.Summary().Outcome {
		t.Errorf("outcome = %q, want %q", rec.Outcome, s.Summary().Outcome)
	}
	var back map[string]any
	if err := json.Unmarshal(doc, &back); err != nil || back["flow"] != "selftest" {
		t.Errorf("document = %s (%v), want the session JSON", doc, err)
	}
	if _, err := wizard.Resume(doc, wizard.Flows(), clock); err != nil {
		t.Errorf("Resume(saved document) = %v", err)
	}
	if open, _ := db.Unfinished(); len(open) != 0 {
		t.Errorf("Unfinished after the end = %v, want none", open)
	}
}

func TestNewIDSortsByTimeAndIsReadable(t *testing.T) {
	a := journal.NewID(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	b := journal.NewID(time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC))
	if !regexp.MustCompile(`^20260102-030405-[2-9A-HJ-NP-Z]{4}$`).MatchString(a) {
		t.Errorf("NewID = %q, want date-time-4 readable characters", a)
	}
	if !(a < b) {
		t.Errorf("%q does not sort before %q", a, b)
	}
	if journal.NewID(time.Unix(0, 0)) == journal.NewID(time.Unix(0, 0)) {
		t.Error("two IDs of the same second are equal")
	}
}

func TestNilJournalSavesNothing(t *testing.T) {
	var j *journal.Journal
	s, _ := wizard.Start(wizard.SelfTestFlow, nil)
	if err := j.Save(s); err != nil {
		t.Errorf("nil Journal.Save = %v, want nil", err)
	}
}
