package training_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/training"
)

func TestTable(t *testing.T) {
	d := smallDeck(t)
	ann, _ := training.NewProgress("Ann")
	attempt(t, d, ann, "a", allRight, t0)
	attempt(t, d, ann, "b", oneWrong, t0)
	attempt(t, d, ann, "b", allRight, t1)
	attempt(t, d, ann, "c", allRight, t2)

	bo, _ := training.NewProgress("Bo")
	attempt(t, d, bo, "a", allRight, t0)
	attempt(t, d, bo, "c", twoWrong, t0)
	attempt(t, d, bo, "b", oneWrong, t1)

	cy, _ := training.NewProgress("Cy")

	got := training.Table(d, []*training.Progress{cy, bo, nil, ann})
	want := []training.Row{
		{Staff: "Ann", Passed: 3, Total: 3, Percent: 100, Attempted: 3, Attempts: 4, Certified: true, CertifiedAt: t2},
		{Staff: "Bo", Passed: 1, Total: 3, Percent: 33, Attempted: 3, Attempts: 3,
			Retake: []training.CardID{"c", "b"}, Next: "c"},
		{Staff: "Cy", Total: 3, Next: "a"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Table mismatch (-want +got):\n%s", diff)
	}
}

func TestTableEmpty(t *testing.T) {
	d := smallDeck(t)
	if got := training.Table(d, nil); len(got) != 0 {
		t.Errorf("Table(no staff) = %v; want no rows", got)
	}
}
