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

func ExampleDB_Triangulate() {
	dir, _ := os.MkdirTemp("", "posdoctor-example")
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for i, card := range []string{"6222021111111111", "6222022222222222", "6222023333333333"} {
		db.SaveSession(store.Session{ID: fmt.Sprint(i), Started: now.Add(-time.Duration(i+1) * time.Minute),
			Terminal: "SN1", Code: "96", Card: card}, nil)
	}
	tr, _ := db.Triangulate(now, 10*time.Minute)
	fmt.Printf("%d failures, %d cards, %d terminal(s)\n", tr.Failures, len(tr.Cards), len(tr.Terminals))
	fmt.Println(tr.Terminals[0].Key, tr.Terminals[0].Count, tr.Terminals[0].Codes)
	// Output:
	// 3 failures, 3 cards, 1 terminal(s)
	// SN1 3 [96]
}

func ExampleDB_Changes() {
	dir, _ := os.MkdirTemp("", "posdoctor-example")
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	signIn := day.Add(-48 * time.Hour)
	db.AddSnapshot(store.Snapshot{Terminal: "SN1", Taken: day, Versions: map[string]string{"firmware": "2.3.0"}, LastSignIn: signIn})
	db.AddSnapshot(store.Snapshot{Terminal: "SN1", Taken: day.Add(24 * time.Hour), Versions: map[string]string{"firmware": "2.3.1"}, LastSignIn: signIn})

	changes, latest, _, _ := db.Changes("SN1")
	for _, c := range changes {
		fmt.Println(c.Field, c.Old, "→", c.New)
	}
	fmt.Println("last sign-in", latest.Taken.Sub(latest.LastSignIn).Hours()/24, "days before the last read")
	// Output:
	// version:firmware 2.3.0 → 2.3.1
	// last sign-in 3 days before the last read
}
