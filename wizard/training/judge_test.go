package training

import (
	"errors"
	"slices"
	"testing"
)

func TestCardCheck(t *testing.T) {
	c := Card{ID: "refund", Quiz: []Question{{ID: "1", Choices: 3, Correct: 1}, {ID: "2", Choices: 4, Correct: 3}}}
	for _, tt := range []struct {
		name    string
		q       QuestionID
		ch      Choice
		correct bool
		right   Choice
	}{
		{"right answer", "1", 1, true, 1},
		{"wrong answer names the right one", "2", 1, false, 3},
		{"last choice, right", "2", 3, true, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb, err := c.Check(tt.q, tt.ch)
			if err != nil {
				t.Fatal(err)
			}
			if fb.Correct != tt.correct || fb.Right != tt.right || fb.Chosen != tt.ch || fb.ExplainKey != "training.card.refund.why" {
				t.Errorf("Check(%s, %d) = %+v; want correct %v, right %d, the card's why", tt.q, tt.ch, fb, tt.correct, tt.right)
			}
		})
	}
	for _, tt := range []struct {
		name string
		q    QuestionID
		ch   Choice
		want error
	}{
		{"unknown question", "9", 1, ErrUnknownQuestion},
		{"choice 0", "1", 0, ErrBadChoice},
		{"choice past the last", "1", 4, ErrBadChoice},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.Check(tt.q, tt.ch); !errors.Is(err, tt.want) {
				t.Errorf("Check(%s, %d) error = %v; want %v", tt.q, tt.ch, err, tt.want)
			}
		})
	}
}

func TestCauseChoices(t *testing.T) {
	all := []Rehearsal{
		{ID: "a", Flow: "main", Finding: "f.a"},
		{ID: "b", Flow: "main", Finding: "f.b"},
		{ID: "c", Flow: "money", Finding: "f.c"},
		{ID: "d", Flow: "main", Finding: "f.a"}, // the same cause as a
		{ID: "e", Flow: "main", Finding: "f.e"},
	}
	for _, tt := range []struct {
		name string
		r    Rehearsal
		n    int
		want []string // as a set
	}{
		{"same flow first", all[0], 3, []string{"f.a", "f.b", "f.e"}},
		{"other flows fill up", all[2], 3, []string{"f.c", "f.a", "f.b"}},
		{"no repeats, fewer than asked", all[0], 10, []string{"f.a", "f.b", "f.e", "f.c"}},
		{"at least the right one", all[1], 0, []string{"f.b"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := CauseChoices(tt.r, all, tt.n)
			s1, s2 := slices.Clone(got), slices.Clone(tt.want)
			slices.Sort(s1)
			slices.Sort(s2)
			if !slices.Equal(s1, s2) {
				t.Errorf("CauseChoices(%s, %d) = %v; want the set %v", tt.r.ID, tt.n, got, tt.want)
			}
			if again := CauseChoices(tt.r, all, tt.n); !slices.Equal(again, got) {
				t.Errorf("CauseChoices is not stable: %v then %v", got, again)
			}
		})
	}
	// Across rehearsals the right cause does not always come first.
	positions := map[int]bool{}
	for i := range 20 {
		r := Rehearsal{ID: string(rune('A' + i)), Flow: "main", Finding: "f.a"}
		positions[slices.Index(CauseChoices(r, all, 4), "f.a")] = true
	}
	if len(positions) < 2 {
		t.Errorf("the right cause sits at positions %v in 20 rehearsals; want it to move", positions)
	}
}

func TestRehearsalJudge(t *testing.T) {
	r := Rehearsal{ID: "x", Finding: "sw.not-signed-in", Card: "sign-in"}
	for _, tt := range []struct {
		name     string
		findings []string
		named    string
		want     RehearsalResult
	}{
		{"walked there and named it", []string{"net.weak", "sw.not-signed-in"}, "sw.not-signed-in",
			RehearsalResult{Reached: true, Named: true, Passed: true, Right: "sw.not-signed-in", Card: "sign-in"}},
		{"walked there, named another", []string{"sw.not-signed-in"}, "net.weak",
			RehearsalResult{Reached: true, Right: "sw.not-signed-in", Card: "sign-in"}},
		{"named it, but the wizard ended elsewhere", []string{"net.weak"}, "sw.not-signed-in",
			RehearsalResult{Named: true, Right: "sw.not-signed-in", Card: "sign-in"}},
		{"nothing", nil, "", RehearsalResult{Right: "sw.not-signed-in", Card: "sign-in"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Judge(tt.findings, tt.named)
			if got != tt.want {
				t.Errorf("Judge(%v, %q) = %+v; want %+v", tt.findings, tt.named, got, tt.want)
			}
			sc := got.Score("rehearsal.x")
			if sc.Passed != tt.want.Passed || sc.Total != 1 || sc.Card != "rehearsal.x" || (len(sc.Wrong) == 0) != tt.want.Passed {
				t.Errorf("Score = %+v; want one question, passed %v", sc, tt.want.Passed)
			}
		})
	}
}
