package journal

import (
	"testing"

	"posdoctor/store"
)

func TestHint(t *testing.T) {
	card := func(k string, n int) store.Group { return store.Group{Key: k, Count: n} }
	tests := []struct {
		name string
		tri  store.Triangulation
		want string
	}{
		{"nothing", store.Triangulation{}, ""},
		{"one failure", store.Triangulation{Failures: 1, Cards: []store.Group{card("622202******0128", 1)}}, ""},
		{"same card twice", store.Triangulation{Failures: 2, Cards: []store.Group{card("622202******0128", 2)}}, "journal.hint.same-card"},
		{"two cards", store.Triangulation{Failures: 2, Cards: []store.Group{card("a", 1), card("b", 1)}}, ""},
		{"three cards", store.Triangulation{Failures: 3, Cards: []store.Group{card("a", 1), card("b", 1), card("c", 1)}}, "journal.hint.many-cards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := Hint(tt.tri); got != tt.want {
				t.Errorf("Hint = %q, want %q", got, tt.want)
			}
		})
	}
}
