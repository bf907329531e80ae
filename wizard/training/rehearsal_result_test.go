package training

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

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
	tests := []struct {
		name                           string
		found                          []string
		named                          string
		wantReached, wantRight, wantOK bool
	}{
		{"walked there and named it", []string{"net.weak", "sw.not-signed-in"}, "sw.not-signed-in", true, true, true},
		{"walked there, named another", []string{"sw.not-signed-in"}, "net.weak", true, false, false},
		{"named it, but the wizard ended elsewhere", []string{"net.weak"}, "sw.not-signed-in", false, true, false},
		{"walked there, named nothing", []string{"sw.not-signed-in"}, "", true, false, false},
		{"nothing", nil, "", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Judge(tt.found, tt.named)
			want := RehearsalResult{Rehearsal: "x", Expected: "sw.not-signed-in", Found: tt.found, Named: tt.named, Card: "sign-in"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Judge(%v, %q) = %+v; want %+v", tt.found, tt.named, got, want)
			}
			if got.Reached() != tt.wantReached || got.NamedRight() != tt.wantRight || got.Passed() != tt.wantOK {
				t.Errorf("Judge(%v, %q): reached %v, named right %v, passed %v; want %v, %v, %v", tt.found, tt.named,
					got.Reached(), got.NamedRight(), got.Passed(), tt.wantReached, tt.wantRight, tt.wantOK)
			}
		})
	}
	t.Run("the result does not share the caller's slice", func(t *testing.T) {
		found := []string{"sw.not-signed-in"}
		res := r.Judge(found, "sw.not-signed-in")
		found[0] = "net.weak"
		if !res.Passed() {
			t.Error("changing the caller's findings changed the result")
		}
	})
}

func TestRecordRehearsal(t *testing.T) {
	r := Rehearsal{ID: "x", Finding: "f.a"}
	t1 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	t2 := t1.Add(24 * time.Hour)
	type run struct {
		named string
		at    time.Time
	}
	tests := []struct {
		name         string
		old          *CardProgress // a record written before (older versions scored runs as quizzes)
		runs         []run
		wantAttempts int
		wantPassedAt time.Time
	}{
		{"never run", nil, nil, 0, time.Time{}},
		{"a miss is counted, not passed", nil, []run{{"f.b", t1}}, 1, time.Time{}},
		{"a pass after a miss", nil, []run{{"f.b", t1}, {"f.a", t2}}, 2, t2},
		{"once passed stays passed", nil, []run{{"f.a", t1}, {"f.b", t2}}, 2, t1},
		{"an old quiz-style miss is carried on", &CardProgress{Attempts: 1, LastWrong: []QuestionID{"1"}},
			[]run{{"f.a", t1}}, 2, t1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewProgress("小王")
			if err != nil {
				t.Fatal(err)
			}
			if tt.old != nil {
				p.Cards["rehearsal.x"] = *tt.old
			}
			for _, rn := range tt.runs {
				if err := p.RecordRehearsal(r.Judge([]string{"f.a"}, rn.named), rn.at); err != nil {
					t.Fatalf("RecordRehearsal: %v", err)
				}
			}
			got := p.Rehearsal("x")
			want := CardProgress{Attempts: tt.wantAttempts, PassedAt: tt.wantPassedAt}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Rehearsal(x) = %+v; want %+v (runs only, no score)", got, want)
			}
			if len(p.Cards) > 1 {
				t.Errorf("records %v; want only the rehearsal's", p.Cards)
			}
		})
	}
	t.Run("a result naming no rehearsal", func(t *testing.T) {
		p, _ := NewProgress("小王")
		if err := p.RecordRehearsal(RehearsalResult{Expected: "f.a"}, t1); !errors.Is(err, ErrNoRehearsal) {
			t.Errorf("RecordRehearsal(no ID) = %v; want ErrNoRehearsal", err)
		}
	})
	t.Run("nobody chosen", func(t *testing.T) {
		var p *Progress
		if got := p.Rehearsal("x"); got.Attempts != 0 || got.Passed() {
			t.Errorf("nil Progress: Rehearsal(x) = %+v; want the zero record", got)
		}
	})
}

func TestRehearsalsDoneAndTable(t *testing.T) {
	d := &Deck{
		Cards:      []Card{{ID: "a", Quiz: []Question{{ID: "1", Choices: 2, Correct: 1}}}},
		Rehearsals: []Rehearsal{{ID: "r1", Finding: "f.1"}, {ID: "r2", Finding: "f.2"}, {ID: "r3", Finding: "f.3"}},
		index:      map[CardID]int{"a": 0},
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	p, _ := NewProgress("Amy")
	for _, rn := range []struct{ id, found, named string }{
		{"r1", "f.1", "f.1"},   // passed
		{"r2", "f.2", "f.9"},   // missed
		{"gone", "f.x", "f.x"}, // a rehearsal no longer in the deck
	} {
		r := Rehearsal{ID: rn.id, Finding: rn.found}
		if err := p.RecordRehearsal(r.Judge([]string{rn.found}, rn.named), at); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.RehearsalsDone(d); got != 1 {
		t.Errorf("RehearsalsDone = %d; want 1", got)
	}
	row := Table(d, []*Progress{p})[0]
	if row.Rehearsals != 1 || row.Passed != 0 || row.Attempted != 0 || row.Attempts != 0 || row.Certified {
		t.Errorf("Table row %+v; want 1 rehearsal and no card touched (rehearsals are not cards)", row)
	}
	if got := Order(d, p); !reflect.DeepEqual(got, []CardID{"a"}) {
		t.Errorf("Order = %v; want only the deck's card", got)
	}
}
