package wizard

import "testing"

func TestProgressCountsStepsAndEstimatesTheRest(t *testing.T) {
	f := &Flow{ID: "p", Start: "q1", Steps: []Step{
		{ID: "q1", Kind: KindQuestion, Title: "t", Answers: []Answer{{ID: "short", Label: "l", Next: "end"}, {ID: "long", Label: "l", Next: "q2"}}},
		{ID: "q2", Kind: KindQuestion, Title: "t", Answers: []Answer{{ID: "a", Label: "l", Next: "q3"}}},
		{ID: "q3", Kind: KindQuestion, Title: "t", Answers: []Answer{{ID: "a", Label: "l", Next: "end"}}},
		{ID: "end", Kind: KindFinding, Finding: "all.clear"},
	}}
	s, err := Start(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		answer          string
		done, wantTotal int
	}{
		{"long", 1, 2}, // from q1 the shortest way is q1 → end
		{"a", 2, 4},    // q2 → q3 → end
		{"a", 3, 4},
	}
	for _, st := range steps {
		if d, tot := s.Progress(); d != st.done || tot != st.wantTotal {
			t.Errorf("at %s: Progress = %d/%d, want %d/%d", s.Current().ID, d, tot, st.done, st.wantTotal)
		}
		if err := s.Answer(st.answer); err != nil {
			t.Fatal(err)
		}
	}
	if d, tot := s.Progress(); d != 4 || tot != 4 {
		t.Errorf("at the finding: Progress = %d/%d, want 4/4", d, tot)
	}
}
