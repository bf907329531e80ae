package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"posdoctor/store"
)

func ExampleDB() {
	dir, _ := os.MkdirTemp("", "posdoctor-example")
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	start := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	s := store.Session{ID: "s1", Started: start, Terminal: "SN1", Flow: "invalid-txn",
		Code: "12", Card: "6222021234567890"} // masked on save
	db.SaveSession(s, []byte(`{"step":"ask-type"}`)) // after every step

	open, _ := db.Unfinished()
	fmt.Println("resume:", open[0].ID, open[0].Card)

	s.Finished, s.Outcome, s.Findings = start.Add(3*time.Minute), "resolved", []string{"txn.void-after-cutoff"}
	db.SaveSession(s, []byte(`{"step":"done"}`))

	page, _ := db.Sessions(store.Query{Outcome: "resolved"})
	for _, s := range page.Sessions {
		fmt.Println(s.Started.Format(time.DateTime), s.Terminal, s.Findings)
	}
	// Output:
	// resume: s1 622202******7890
	// 2026-11-25 09:30:00 SN1 [txn.void-after-cutoff]
}
