package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"posdoctor/wizard/pan"
)

const benchSessions = 100_000

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixturePath string
	fixtureErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// fixture builds, once per run, a history of 100k finished sessions with
// ~1 KB documents over 60 days, in one transaction. One session in 1000
// has the finding "rare.finding".
func fixture(b *testing.B) string {
	b.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "posdoctor-bench")
		if fixtureErr != nil {
			return
		}
		fixturePath = filepath.Join(fixtureDir, FileName)
		var db *DB
		if db, fixtureErr = OpenWith(fixturePath, Options{}); fixtureErr != nil {
			return
		}
		defer db.Close()
		doc := []byte(`{"steps":"` + strings.Repeat("x", 1000) + `"}`)
		outcomes := []string{"resolved", "unresolved", "abandoned"}
		fixtureErr = db.update(func(tx *bolt.Tx) error {
			index, sessions, ids := tx.Bucket(bucketIndex), tx.Bucket(bucketSessions), tx.Bucket(bucketIDs)
			index.FillPercent, sessions.FillPercent = appendFill, appendFill
			for i := range benchSessions {
				s := session(i, t0.Add(-60*24*time.Hour+time.Duration(i)*52*time.Second))
				s.Outcome = outcomes[i%3]
				s.Terminal = fmt.Sprintf("SN%d", i%5)
				s.Card = pan.Mask(s.Card)
				if i%1000 == 0 {
					s.Findings = []string{"rare.finding"}
				}
				seq, _ := index.NextSequence()
				key := sessionKey(s.Started, seq)
				v, _ := json.Marshal(s)
				if err := index.Put(key, seal(key, v)); err != nil {
					return err
				}
				if err := sessions.Put(key, seal(key, doc)); err != nil {
					return err
				}
				if err := ids.Put([]byte(s.ID), seal([]byte(s.ID), key)); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if fixtureErr != nil {
		b.Fatal(fixtureErr)
	}
	return fixturePath
}

func openFixture(b *testing.B) *DB {
	b.Helper()
	db, err := Open(fixture(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkOpen100k measures Open (validation, guarded open, walk, schema
// check) on 100k sessions. Goal: ≤ 100 ms.
func BenchmarkOpen100k(b *testing.B) {
	path := fixture(b)
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	st, _ := os.Stat(path)
	b.ReportMetric(float64(st.Size())/1e6, "file-MB")
}

// BenchmarkNewestPage100k measures the history list's first page. Goal:
// ≤ 5 ms.
func BenchmarkNewestPage100k(b *testing.B) {
	db := openFixture(b)
	for b.Loop() {
		p, err := db.Sessions(Query{Limit: 50})
		if err != nil || len(p.Sessions) != 50 {
			b.Fatalf("Sessions() = %d, %v", len(p.Sessions), err)
		}
	}
}

// BenchmarkFilterAll100k measures a filter that must look at every session
// (a rare finding). Goal: ≤ 200 ms.
func BenchmarkFilterAll100k(b *testing.B) {
	db := openFixture(b)
	for b.Loop() {
		p, err := db.Sessions(Query{Finding: "rare.finding", Limit: 1000})
		if err != nil || len(p.Sessions) != benchSessions/1000 {
			b.Fatalf("Sessions() = %d, %v", len(p.Sessions), err)
		}
	}
}

// BenchmarkFilterDecodeAll100k is the worst case of a filter: every
// record passes the byte test and is decoded, then rejected.
func BenchmarkFilterDecodeAll100k(b *testing.B) {
	db := openFixture(b)
	for b.Loop() {
		p, err := db.Sessions(Query{Outcome: "resolved", Terminal: "SN1", Finding: "card.expired", Since: t0.Add(-61 * 24 * time.Hour), Limit: benchSessions})
		if err != nil || len(p.Sessions) == 0 {
			b.Fatalf("Sessions() = %d, %v", len(p.Sessions), err)
		}
	}
}

// BenchmarkRecurring100k groups the last 30 days (half the fixture).
func BenchmarkRecurring100k(b *testing.B) {
	db := openFixture(b)
	for b.Loop() {
		if _, err := db.Recurring(t0, RecurringWindow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveStep100k measures one step's save (an upsert with fsync) in
// a history of 100k sessions.
func BenchmarkSaveStep100k(b *testing.B) {
	db := openFixture(b)
	s := Session{ID: "bench-step", Started: t0, Flow: "invalid-txn"}
	doc := []byte(`{"steps":"` + strings.Repeat("y", 2000) + `"}`)
	for b.Loop() {
		if err := db.SaveSession(s, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBackup100k measures a hot backup of the fixture.
func BenchmarkBackup100k(b *testing.B) {
	db := openFixture(b)
	dst := filepath.Join(b.TempDir(), "b.db")
	for b.Loop() {
		if err := db.Backup(dst); err != nil {
			b.Fatal(err)
		}
	}
}
