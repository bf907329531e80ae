package training_test

import (
	"fmt"
	"testing"
	"time"

	"posdoctor/assets"
	"posdoctor/wizard/training"
)

// BenchmarkLoad measures loading and validating the shipped content, which
// the GUI does when the training screen opens.
func BenchmarkLoad(b *testing.B) {
	fsys := assets.Training()
	for b.Loop() {
		if _, err := training.Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTable measures the owner's table for 50 staff members who have
// each tried every card.
func BenchmarkTable(b *testing.B) {
	d := loadDeck(b)
	staff := make([]*training.Progress, 50)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := range staff {
		p, err := training.NewProgress(fmt.Sprintf("staff %02d", i))
		if err != nil {
			b.Fatal(err)
		}
		for j, c := range d.Cards {
			ans := training.Answers{}
			for _, q := range c.Quiz {
				ans[q.ID] = q.Correct
			}
			if (i+j)%3 == 0 {
				ans[c.Quiz[0].ID] = c.Quiz[0].Correct%training.Choice(c.Quiz[0].Choices) + 1
			}
			s, err := c.Grade(ans)
			if err != nil {
				b.Fatal(err)
			}
			if err := p.Record(s, at); err != nil {
				b.Fatal(err)
			}
		}
		staff[i] = p
	}
	for b.Loop() {
		if rows := training.Table(d, staff); len(rows) != len(staff) {
			b.Fatalf("Table gave %d rows; want %d", len(rows), len(staff))
		}
	}
}
