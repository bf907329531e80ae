package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// seedStaff saves progress records into env's data folder.
func seedStaff(t *testing.T, env *Env, staff ...*training.Progress) {
	t.Helper()
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range staff {
		if err := db.PutStaff(journal.ProgressToStore(p)); err != nil {
			t.Fatal(err)
		}
	}
}

// passCards records a perfect quiz on the first n cards of d.
func passCards(t *testing.T, d *training.Deck, p *training.Progress, n int, at time.Time) {
	t.Helper()
	for _, c := range d.Cards[:n] {
		ans := training.Answers{}
		for _, q := range c.Quiz {
			ans[q.ID] = q.Correct
		}
		s, err := c.Grade(ans)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Record(s, at); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTrainingCards(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	for _, locale := range []string{"zh-Hans", "en"} {
		t.Run(locale, func(t *testing.T) {
			env, out, errb := storeEnv(t, locale)
			if code := Run(context.Background(), env, []string{"training"}); code != ExitOK {
				t.Fatalf("training = %d; want %d; stderr: %s", code, ExitOK, errb)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != len(d.Cards) {
				t.Errorf("training printed %d lines; want %d", len(lines), len(d.Cards))
			}
			if title := env.Tr.T(d.Cards[0].TitleKey()); !strings.Contains(lines[0], title) {
				t.Errorf("first line %q; want the first card's title %q", lines[0], title)
			}
			for _, k := range []string{"training.cli.summary", "training.cli.usage", "training.cli.card",
				"training.cli.nostaff", "training.cli.invalid", "training.cli.missing"} {
				if !env.Tr.Has(k) {
					t.Errorf("%s lacks %q", locale, k)
				}
			}
		})
	}
}

func TestTrainingCardsJSON(t *testing.T) {
	env, out, _ := storeEnv(t, "en")
	if code := Run(context.Background(), env, []string{"training", "cards", "--json"}); code != ExitOK {
		t.Fatalf("training cards --json = %d; want %d", code, ExitOK)
	}
	var got []cardJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) < 24 || got[0].Title == "" || got[0].Questions < 3 {
		t.Errorf("cards --json = %d cards, first %+v; want at least 24 with titles and quizzes", len(got), got[0])
	}
}

func TestTrainingStaff(t *testing.T) {
	d, err := training.Load(assets.Training())
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ann, _ := training.NewProgress("Ann")
	passCards(t, d, ann, len(d.Cards), at)
	bo, _ := training.NewProgress("小王")
	passCards(t, d, bo, 2, at)
	third := d.Cards[2]
	s, _ := third.Grade(training.Answers{})
	if err := bo.Record(s, at); err != nil {
		t.Fatal(err)
	}

	env, out, errb := storeEnv(t, "en")
	seedStaff(t, env, bo, ann)
	if code := Run(context.Background(), env, []string{"training", "staff", "--json"}); code != ExitOK {
		t.Fatalf("training staff --json = %d; want %d; stderr: %s", code, ExitOK, errb)
	}
	var got []rowJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	n := len(d.Cards)
	want := []rowJSON{
		{Staff: "Ann", Passed: n, Total: n, Percent: 100, Attempts: n, Certified: true, CertifiedAt: &at},
		{Staff: "小王", Passed: 2, Total: n, Percent: 200 / n, Attempts: 3, Retake: []training.CardID{third.ID}, Next: third.ID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("training staff --json mismatch (-want +got):\n%s", diff)
	}

	out.Reset()
	if code := Run(context.Background(), env, []string{"training", "staff"}); code != ExitOK {
		t.Fatalf("training staff = %d; want %d", code, ExitOK)
	}
	text := out.String()
	for _, w := range []string{"Ann", "小王", "Fully trained", env.Tr.T(third.TitleKey())} {
		if !strings.Contains(text, w) {
			t.Errorf("training staff output lacks %q:\n%s", w, text)
		}
	}
}

func TestTrainingStaffEmpty(t *testing.T) {
	env, out, _ := storeEnv(t, "zh-Hans")
	if code := Run(context.Background(), env, []string{"training", "staff"}); code != ExitOK {
		t.Fatalf("training staff = %d; want %d", code, ExitOK)
	}
	if got, want := strings.TrimSpace(out.String()), env.Tr.T("training.cli.nostaff"); got != want {
		t.Errorf("training staff with nobody = %q; want %q", got, want)
	}
}

func TestTrainingUsage(t *testing.T) {
	for _, args := range [][]string{{"training", "dance"}, {"training", "--bogus"}, {"training", "staff", "extra"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			env, _, errb := storeEnv(t, "en")
			if code := Run(context.Background(), env, args); code != ExitUsage {
				t.Errorf("%v = %d; want %d", args, code, ExitUsage)
			}
			if !strings.Contains(errb.String(), "posdoctor training") {
				t.Errorf("%v stderr = %q; want the usage", args, errb)
			}
		})
	}
}

func TestProgressStoreRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p := &training.Progress{Staff: "Ann", Cards: map[training.CardID]training.CardProgress{
		"a": {Attempts: 2, BestScore: 100, LastScore: 66, LastWrong: []training.QuestionID{"2"}, PassedAt: at},
		"b": {Attempts: 1, BestScore: 33, LastScore: 33, LastWrong: []training.QuestionID{"1", "3"}},
	}}
	if diff := cmp.Diff(p, journal.ProgressFromStore(journal.ProgressToStore(p))); diff != "" {
		t.Errorf("store round trip mismatch (-want +got):\n%s", diff)
	}
}
