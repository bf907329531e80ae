package training_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

var (
	t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t0.Add(2 * time.Hour)
)

// smallDeck has three cards a, b, c, each with three questions whose
// correct answer is 1.
func smallDeck(t testing.TB) *training.Deck {
	t.Helper()
	card := func(id string) string {
		return `{"id": "` + id + `", "icon": "info", "topics": ["pin"], "steps": 1, "mistakes": 1,
		 "quiz": [{"id": "1", "choices": 3, "correct": 1}, {"id": "2", "choices": 3, "correct": 1}, {"id": "3", "choices": 3, "correct": 1}]}`
	}
	d, err := training.ParseCards([]byte(deckJSON(card("a"), card("b"), card("c"))))
	if err != nil {
		t.Fatalf("ParseCards(small deck): %v", err)
	}
	return d
}

// attempt grades answers on the card and records them at at.
func attempt(t *testing.T, d *training.Deck, p *training.Progress, id training.CardID, answers training.Answers, at time.Time) {
	t.Helper()
	c, ok := d.Card(id)
	if !ok {
		t.Fatalf("no card %s", id)
	}
	s, err := c.Grade(answers)
	if err != nil {
		t.Fatalf("Grade: %v", err)
	}
	if err := p.Record(s, at); err != nil {
		t.Fatalf("Record: %v", err)
	}
}

var (
	allRight = training.Answers{"1": 1, "2": 1, "3": 1}
	oneWrong = training.Answers{"1": 1, "2": 2, "3": 1}
	twoWrong = training.Answers{"1": 2, "2": 1, "3": 3}
)

func TestRecord(t *testing.T) {
	d := smallDeck(t)
	p, err := training.NewProgress("小王")
	if err != nil {
		t.Fatalf("NewProgress: %v", err)
	}
	attempt(t, d, p, "a", oneWrong, t0)
	attempt(t, d, p, "a", allRight, t1)
	attempt(t, d, p, "a", twoWrong, t2) // a failed retake keeps the pass
	want := training.CardProgress{
		Attempts: 3, BestScore: 100, LastScore: 33,
		LastWrong: []training.QuestionID{"1", "3"}, PassedAt: t1,
	}
	if diff := cmp.Diff(want, p.Card("a")); diff != "" {
		t.Errorf("Card(a) after three attempts mismatch (-want +got):\n%s", diff)
	}
	if got := p.Card("b"); got.Attempts != 0 || got.Passed() {
		t.Errorf("Card(b) = %+v; want the zero record", got)
	}
	if err := p.Record(training.Score{}, t0); !errors.Is(err, training.ErrNoCard) {
		t.Errorf("Record(empty score) = %v; want ErrNoCard", err)
	}
}

func TestRecordOnZeroProgress(t *testing.T) {
	var p training.Progress
	if err := p.Record(training.Score{Card: "a", Correct: 3, Total: 3, Percent: 100, Passed: true}, t0); err != nil {
		t.Fatalf("Record on zero Progress: %v", err)
	}
	if !p.Card("a").Passed() {
		t.Errorf("Card(a).Passed() = false; want true")
	}
}

func TestCertified(t *testing.T) {
	d := smallDeck(t)
	p, _ := training.NewProgress("Ann")
	if ok, _ := p.Certified(d); ok {
		t.Errorf("Certified with nothing done = true; want false")
	}
	attempt(t, d, p, "a", allRight, t0)
	attempt(t, d, p, "c", allRight, t2)
	attempt(t, d, p, "b", oneWrong, t1)
	if ok, _ := p.Certified(d); ok {
		t.Errorf("Certified with b failed = true; want false")
	}
	attempt(t, d, p, "b", allRight, t1)
	ok, since := p.Certified(d)
	if !ok || !since.Equal(t2) {
		t.Errorf("Certified = %v, %v; want true, %v (the latest first pass)", ok, since, t2)
	}
	// A record for a card no longer in the deck changes nothing.
	p.Cards["retired"] = training.CardProgress{Attempts: 1, LastScore: 0}
	if ok, _ := p.Certified(d); !ok {
		t.Errorf("Certified with a retired card's record = false; want true")
	}
}

func TestOrder(t *testing.T) {
	d := smallDeck(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, p *training.Progress)
		want  []training.CardID
	}{
		{"nobody started", nil, []training.CardID{"a", "b", "c"}},
		{"wrong card first", func(t *testing.T, p *training.Progress) {
			attempt(t, d, p, "c", oneWrong, t0)
		}, []training.CardID{"c", "a", "b"}},
		{"passed card last", func(t *testing.T, p *training.Progress) {
			attempt(t, d, p, "a", allRight, t0)
		}, []training.CardID{"b", "c", "a"}},
		{"most wrong first, then untried, then right", func(t *testing.T, p *training.Progress) {
			attempt(t, d, p, "a", oneWrong, t0)
			attempt(t, d, p, "b", allRight, t0)
			attempt(t, d, p, "c", twoWrong, t0)
		}, []training.CardID{"c", "a", "b"}},
		{"passed but missed on retake comes back", func(t *testing.T, p *training.Progress) {
			attempt(t, d, p, "a", allRight, t0)
			attempt(t, d, p, "b", allRight, t0)
			attempt(t, d, p, "b", oneWrong, t1)
		}, []training.CardID{"b", "c", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := training.NewProgress("Ann")
			if tt.setup != nil {
				tt.setup(t, p)
			}
			if diff := cmp.Diff(tt.want, training.Order(d, p)); diff != "" {
				t.Errorf("Order mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff([]training.CardID{"a", "b", "c"}, training.Order(d, nil)); diff != "" {
		t.Errorf("Order(nil progress) mismatch (-want +got):\n%s", diff)
	}
}

func TestProgressJSONRoundTrip(t *testing.T) {
	d := smallDeck(t)
	p, _ := training.NewProgress("李 姐")
	attempt(t, d, p, "a", oneWrong, t0)
	attempt(t, d, p, "a", allRight, t1)
	attempt(t, d, p, "b", twoWrong, t2)
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var got training.Progress
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("Unmarshal(%s): %v", data, err)
	}
	if diff := cmp.Diff(*p, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

// storeStaff mirrors the JSON of store.Staff, which this package may not
// import: progress must decode from and encode to it unchanged.
type storeStaff struct {
	Name  string `json:"name"`
	Cards map[string]struct {
		Attempts int       `json:"attempts"`
		Best     int       `json:"best"`
		Last     int       `json:"last"`
		Wrong    []string  `json:"wrong,omitempty"`
		Passed   time.Time `json:"passed,omitzero"`
	} `json:"cards,omitempty"`
}

func TestProgressMatchesStoreJSON(t *testing.T) {
	in := `{"name":"Ann","cards":{"a":{"attempts":2,"best":100,"last":66,"wrong":["2"],"passed":"2026-11-20T09:00:00Z"},"b":{"attempts":1,"best":33,"last":33,"wrong":["1","3"]}}}`
	var p training.Progress
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatalf("Unmarshal(store JSON): %v", err)
	}
	want := training.Progress{Staff: "Ann", Cards: map[training.CardID]training.CardProgress{
		"a": {Attempts: 2, BestScore: 100, LastScore: 66, LastWrong: []training.QuestionID{"2"}, PassedAt: t0},
		"b": {Attempts: 1, BestScore: 33, LastScore: 33, LastWrong: []training.QuestionID{"1", "3"}},
	}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("decoded store JSON mismatch (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var s1, s2 storeStaff
	if err := json.Unmarshal([]byte(in), &s1); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &s2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s1, s2); diff != "" {
		t.Errorf("store view after re-encoding mismatch (-in +out):\n%s\nout: %s", diff, out)
	}
}

func TestValidStaffName(t *testing.T) {
	tests := []struct {
		name  string
		input string
		ok    bool
	}{
		{"chinese", "小王", true},
		{"latin with space", "Ann Lee", true},
		{"max length", strings.Repeat("王", training.MaxStaffName), true},
		{"empty", "", false},
		{"blank", "   ", false},
		{"too long", strings.Repeat("王", training.MaxStaffName+1), false},
		{"leading space", " Ann", false},
		{"control", "Ann\n", false},
		{"tab inside", "A\tB", false},
		{"bad utf8", "\xff", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.ValidStaffName(tt.input)
			if tt.ok && err != nil {
				t.Errorf("ValidStaffName(%q) = %v; want nil", tt.input, err)
			}
			if !tt.ok && !errors.Is(err, training.ErrStaffName) {
				t.Errorf("ValidStaffName(%q) = %v; want ErrStaffName", tt.input, err)
			}
			p, err := training.NewProgress(tt.input)
			if (err == nil) != tt.ok || (tt.ok && p.Staff != tt.input) {
				t.Errorf("NewProgress(%q) = %+v, %v; want ok=%v", tt.input, p, err, tt.ok)
			}
		})
	}
}
