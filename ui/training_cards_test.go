package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"posdoctor/wizard/training"
)

func TestCardIconsAreThemeIcons(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range mustDeck(t).Cards {
		if _, ok := cardIcons[c.Icon]; !ok {
			t.Errorf("card %s: icon %q has no entry in cardIcons", c.ID, c.Icon)
		}
	}
	for name, icon := range cardIcons {
		t.Run(name, func(t *testing.T) {
			if !training.IsIcon(name) {
				t.Errorf("training.IsIcon(%q) = false; a card cannot name it", name)
			}
			got, want := icon(), theme.Icon(fyne.ThemeIconName(name))
			if got == nil || want == nil || got.Name() != want.Name() {
				t.Errorf("cardIcons[%q]() = %v; want the theme's %q icon %v", name, got, name, want)
			}
		})
	}
}

func TestTrainingFlipsCards(t *testing.T) {
	e, v := trainingEnv(t, "zh-Hans", Options{})
	tr := e.a.tr
	order := training.Order(v.deck, nil)
	title := func(id training.CardID) string {
		c, _ := v.deck.Card(id)
		return tr.T(c.TitleKey())
	}
	test.Tap(v.cards.study)
	steps := []struct {
		name   string
		tap    func() fyne.Tappable
		wantAt int
	}{
		{"start shows the first card", nil, 0},
		{"next", func() fyne.Tappable { return v.cards.next }, 1},
		{"next again", func() fyne.Tappable { return v.cards.next }, 2},
		{"previous", func() fyne.Tappable { return v.cards.prev }, 1},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.tap != nil {
				test.Tap(st.tap())
			}
			if v.page != pageCard || v.cards.pos != st.wantAt {
				t.Fatalf("page %d at %d; want the card page at %d", v.page, v.cards.pos, st.wantAt)
			}
			got := shown(t, v)
			c, _ := v.deck.Card(order[st.wantAt])
			for _, want := range []string{title(order[st.wantAt]), tr.T(training.KeyWhy), tr.T(training.KeySteps),
				tr.T(training.KeyMistakes), "1. " + tr.T(c.StepKeys()[0]), "✖ " + tr.T(c.MistakeKeys()[0]),
				tr.T("trainingui.card.position", "n", st.wantAt+1, "total", len(order))} {
				if !contains(got, want) {
					t.Errorf("card shows %q; want %q among them", got, want)
				}
			}
		})
	}
	t.Run("no quiz without a staff member", func(t *testing.T) {
		if !v.cards.startQuiz.Disabled() {
			t.Error("Start quiz is enabled with nobody chosen")
		}
		if got := shown(t, v); !contains(got, tr.T("trainingui.quiz.needstaff")) {
			t.Errorf("card shows %q; want the hint to choose a staff member", got)
		}
	})
	t.Run("ends of the deck", func(t *testing.T) {
		test.Tap(v.cards.toList)
		test.Tap(v.cards.open[order[len(order)-1]])
		if v.cards.pos != len(order)-1 || !v.cards.next.Disabled() || v.cards.prev.Disabled() {
			t.Errorf("last card: pos %d, next disabled %v, prev disabled %v; want %d, true, false",
				v.cards.pos, v.cards.next.Disabled(), v.cards.prev.Disabled(), len(order)-1)
		}
		test.Tap(v.cards.toList)
		test.Tap(v.cards.study)
		if v.cards.pos != 0 || !v.cards.prev.Disabled() {
			t.Errorf("first card: pos %d, prev disabled %v; want 0, true", v.cards.pos, v.cards.prev.Disabled())
		}
	})
	t.Run("back to the list", func(t *testing.T) {
		test.Tap(v.cards.toList)
		if v.page != pageTabs {
			t.Errorf("page = %d after All cards; want the list", v.page)
		}
	})
}
