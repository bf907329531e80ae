package journal

import (
	"time"

	"posdoctor/store"
)

// TriangulationWindow is how far back Hint looks at failures.
const TriangulationWindow = 10 * time.Minute

// Hint reads recent failures the way a support engineer would: several
// different cards failing in a few minutes point at the terminal, the
// network or the acquirer; the same card failing again points at the card.
// It returns a translation key with its arguments, or "" when the history
// says nothing either way.
func Hint(t store.Triangulation) (key string, args []any) {
	minutes := int(TriangulationWindow / time.Minute)
	if len(t.Cards) >= 3 {
		return "journal.hint.many-cards", []any{"n", len(t.Cards), "minutes", minutes}
	}
	if len(t.Cards) == 1 && t.Cards[0].Count >= 2 {
		return "journal.hint.same-card", []any{"card", t.Cards[0].Key, "n", t.Cards[0].Count, "minutes", minutes}
	}
	return "", nil
}
