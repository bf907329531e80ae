package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fillDB saves n sessions with ~1 KB documents.
func fillDB(t testing.TB, db *DB, from, n int) {
	t.Helper()
	doc := []byte(`{"steps":"` + strings.Repeat("x", 1000) + `"}`)
	for i := from; i < from+n; i++ {
		if err := db.SaveSession(session(i, t0.Add(time.Duration(i)*time.Second)), doc); err != nil {
			t.Fatal(err)
		}
	}
}

// pageSize reads the page size from meta 0 of a good file.
func pageSize(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return int64(binary.LittleEndian.Uint32(b[pageHeaderSize+8:]))
}

// The ways a history file gets damaged. Each gets the database path after
// it was closed.
var damages = []struct {
	name   string
	damage func(t *testing.T, path string)
	// salvaged: only one meta page is bad, so the history is rebuilt from
	// the file itself (at most the last save lost), not from the backup.
	salvaged bool
	// completed: the records on the pages left are salvaged and what is
	// missing comes from the backup.
	completed bool
}{
	{"truncate half", func(t *testing.T, path string) {
		st, _ := os.Stat(path)
		ps := pageSize(t, path)
		if err := os.Truncate(path, st.Size()/2/ps*ps); err != nil {
			t.Fatal(err)
		}
	}, false, true},
	{"truncate off page", func(t *testing.T, path string) {
		st, _ := os.Stat(path)
		if err := os.Truncate(path, st.Size()/2+123); err != nil {
			t.Fatal(err)
		}
	}, false, true},
	{"damage meta 0", func(t *testing.T, path string) { scribble(t, path, pageHeaderSize+20, 8) }, true, false},
	{"damage meta 1", func(t *testing.T, path string) { scribble(t, path, pageSize(t, path)+pageHeaderSize+40, 8) }, true, false},
	{"bad magic in meta 0", func(t *testing.T, path string) { scribble(t, path, pageHeaderSize, 4) }, true, false},
	{"damage both metas", func(t *testing.T, path string) {
		ps := pageSize(t, path)
		scribble(t, path, pageHeaderSize, 4)
		scribble(t, path, ps+pageHeaderSize, 4)
	}, false, false},
	{"damage data pages", func(t *testing.T, path string) {
		// Overwrite every page header after the metas: page types become
		// nonsense, which bbolt only notices when it reads them. Salvage
		// tells branch from leaf pages by their elements and keeps every
		// record (issue 16).
		ps := pageSize(t, path)
		st, _ := os.Stat(path)
		for off := 2 * ps; off < st.Size(); off += ps {
			scribble(t, path, off+8, 2)
		}
	}, true, false},
	{"random bytes", func(t *testing.T, path string) {
		st, _ := os.Stat(path)
		b := make([]byte, st.Size())
		r := rand.New(rand.NewPCG(1, 2))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}, false, false},
	{"empty-ish", func(t *testing.T, path string) {
		if err := os.WriteFile(path, []byte("not a database"), 0o600); err != nil {
			t.Fatal(err)
		}
	}, false, false},
}

// scribble overwrites n bytes at off with 0xA5.
func scribble(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, n), off); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverFromBackup(t *testing.T) {
	for _, tt := range damages {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			db, err := OpenWith(path, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			fillDB(t, db, 0, 60)
			backup, err := db.BackupIfDue(t0)
			if err != nil || backup == "" {
				t.Fatalf("BackupIfDue() = %q, %v; want a backup", backup, err)
			}
			fillDB(t, db, 60, 20) // saved after the backup: lost
			db.Close()
			backupBytes, _ := os.ReadFile(backup)

			tt.damage(t, path)
			damaged, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			db, err = OpenWith(path, testOptions())
			if err != nil {
				t.Fatalf("OpenWith(damaged) error = %v", err)
			}
			defer db.Close()
			rec := db.Recovery()
			if rec == nil {
				t.Fatal("Recovery() = nil; want a report")
			}
			if !errors.Is(rec.Cause, ErrCorrupt) {
				t.Errorf("Recovery().Cause = %v; want ErrCorrupt", rec.Cause)
			}
			switch {
			case tt.completed:
				// What the truncation left is salvaged, the backup adds
				// the rest it has: every session saved before it.
				if !rec.Salvaged || rec.Backup != backup || rec.FromBackup == 0 || rec.Sessions < 60 {
					t.Errorf("Recovery() = salvaged %t, backup %q (%d sessions from it), %d sessions; want salvaged and completed from %q to 60 or more",
						rec.Salvaged, rec.Backup, rec.FromBackup, rec.Sessions, backup)
				}
				for i := range 60 {
					if _, _, err := db.Session(fmt.Sprintf("s%04d", i)); err != nil {
						t.Errorf("Session(s%04d) error = %v; want it from the file or the backup", i, err)
					}
				}
			case tt.salvaged:
				// Rebuilt from the file: everything up to the last save or
				// the one before, more than the backup holds.
				if !rec.Salvaged || rec.Backup != "" || rec.Sessions < 79 {
					t.Errorf("Recovery() = salvaged %t, backup %q, %d sessions; want salvaged with 79 or 80", rec.Salvaged, rec.Backup, rec.Sessions)
				}
				if _, _, err := db.Session("s0078"); err != nil {
					t.Errorf("Session(s0078) error = %v; want it salvaged", err)
				}
			default:
				if rec.Salvaged || rec.Backup != backup || !rec.BackupTime.Equal(t0) {
					t.Errorf("Recovery() salvaged %t, backup = %q at %v; want %q at %v", rec.Salvaged, rec.Backup, rec.BackupTime, backup, t0)
				}
				if rec.Sessions != 60 {
					t.Errorf("Recovery().Sessions = %d; want 60", rec.Sessions)
				}
				if _, _, err := db.Session("s0060"); !errors.Is(err, ErrNotFound) {
					t.Errorf("Session(s0060) error = %v; want ErrNotFound (saved after the backup)", err)
				}
			}
			// Nothing deleted: the damaged file is kept byte for byte, the
			// backup too.
			aside, err := os.ReadFile(rec.MovedAside)
			if err != nil || !bytes.Equal(aside, damaged) {
				t.Errorf("moved-aside file %q: err %v, same bytes %t; want the damaged file", rec.MovedAside, err, bytes.Equal(aside, damaged))
			}
			if !strings.HasPrefix(filepath.Base(rec.MovedAside), FileName+".damaged-20261125T100000Z") {
				t.Errorf("MovedAside = %q; want a timestamped name beside the database", rec.MovedAside)
			}
			if b, _ := os.ReadFile(backup); !bytes.Equal(b, backupBytes) {
				t.Error("the backup changed")
			}
			if _, doc, err := db.Session("s0059"); err != nil || len(doc) == 0 {
				t.Errorf("Session(s0059) = %d bytes, %v; want the backed-up session", len(doc), err)
			}
			// The recovered history works and reopens cleanly.
			fillDB(t, db, 500, 1)
			db.Close()
			db2, err := OpenWith(path, testOptions())
			if err != nil || db2.Recovery() != nil {
				t.Fatalf("reopen = %v, recovery %+v; want a clean open", err, db2.Recovery())
			}
			db2.Close()
		})
	}
}

func TestRecoverWithoutBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 10)
	db.Close()
	scribble(t, path, pageHeaderSize, 4)
	scribble(t, path, pageSize(t, path)+pageHeaderSize, 4)

	db, err = OpenWith(path, testOptions())
	if err != nil {
		t.Fatalf("OpenWith() error = %v", err)
	}
	defer db.Close()
	rec := db.Recovery()
	if rec == nil || rec.Backup != "" || rec.Sessions != 0 {
		t.Fatalf("Recovery() = %+v; want a report with no backup and no sessions", rec)
	}
	if _, err := os.Stat(rec.MovedAside); err != nil {
		t.Errorf("moved-aside file: %v", err)
	}
}

func TestRecoverSkipsDamagedBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 5)
	older, _ := db.BackupIfDue(t0)
	fillDB(t, db, 5, 5)
	newer, _ := db.BackupIfDue(t0.Add(25 * time.Hour))
	db.Close()
	if err := os.Truncate(newer, 4096); err != nil {
		t.Fatal(err)
	}
	scribble(t, path, pageHeaderSize, 4)
	scribble(t, path, pageSize(t, path)+pageHeaderSize, 4)

	db, err = OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := db.Recovery()
	if rec == nil || rec.Backup != older || len(rec.Skipped) != 1 || rec.Skipped[0] != newer || rec.Sessions != 5 {
		t.Errorf("Recovery() = %+v; want the older backup %q (5 sessions), skipping %q", rec, older, newer)
	}
}

// TestGuardSIGBUS opens a file truncated off a page boundary without the
// header and tree checks and reads every value: bbolt then faults on the
// mapping past the end of the file, and guard must turn the SIGBUS (or
// bbolt's panic) into an error instead of a crash.
func TestGuardSIGBUS(t *testing.T) {
	if os.Getenv("POSDOCTOR_WINE") == "1" {
		t.Skip("under Wine: a truncated memory-mapped file does not raise SIGBUS on Windows; Wine reports a different panic and keeps the file locked")
	}
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 200)
	db.Close()
	st, _ := os.Stat(path)
	if err := os.Truncate(path, st.Size()/3+100); err != nil {
		t.Fatal(err)
	}
	bdb, err := openGuarded(path, 50*time.Millisecond, false)
	if err == nil {
		err = guard(func() error {
			return bdb.View(func(tx *bolt.Tx) error {
				sum := 0
				return tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
					for _, c := range v {
						sum += int(c)
					}
					return nil
				})
			})
		})
		bdb.Close()
	}
	var pe *panicError
	if !errors.As(err, &pe) {
		t.Fatalf("reading a truncated file = %v; want a recovered fault", err)
	}
	t.Logf("recovered: %v", err)
}

func TestValidateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 20)
	db.Close()
	good, _ := os.ReadFile(path)
	if _, err := readMetas(bytes.NewReader(good), int64(len(good))); err != nil {
		t.Fatalf("readMetas(good file) = %v", err)
	}
	for _, tt := range damages {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), FileName)
			os.WriteFile(p, good, 0o600)
			tt.damage(t, p)
			if err := validateFile(p); err == nil {
				t.Errorf("validateFile(%s) = nil; want an error", tt.name)
			}
		})
	}
}

// buildV1 writes a schema-1 file the way POS Doctor 1 did.
func buildV1(t *testing.T, path string, sessions []v1Envelope) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketSessions, bucketTerminals, bucketSnapshots, bucketStaff} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		if err := putSchemaVersion(tx, 1); err != nil {
			return err
		}
		b := tx.Bucket(bucketSessions)
		for _, e := range sessions {
			seq, _ := b.NextSequence()
			v, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if err := b.Put(sessionKey(e.Index.Started, seq), v); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketStaff).Put([]byte("小李"), []byte(`{"name":"小李"}`))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func buildOldV1(t *testing.T, path string) {
	buildV1(t, path, []v1Envelope{
		{Index: Session{ID: "old", Started: t0, Finished: t0.Add(time.Minute), Terminal: "T1", Outcome: "resolved", Findings: []string{"card.expired"}, Card: "6222021234567890"}, Doc: json.RawMessage(`{"v":1}`)},
		{Index: Session{ID: "open", Started: t0.Add(time.Hour), Terminal: "T1"}, Doc: json.RawMessage(`{"v":1,"open":true}`)},
	})
}

// olderVersions builds a file of every schema version before the current
// one. Add a row when SchemaVersion goes up.
var olderVersions = map[int]func(t *testing.T, path string){
	1: buildOldV1,
	// Version 2: as POS Doctor wrote it before checksums (issue 16).
	2: func(t *testing.T, path string) {
		buildOldV1(t, path)
		bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer bdb.Close()
		err = bdb.Update(func(tx *bolt.Tx) error {
			if err := migrateV1toV2(tx); err != nil {
				return err
			}
			if err := tx.Bucket(bucketTerminals).Put([]byte("T1"), []byte(`{"key":"T1","model":"A8"}`)); err != nil {
				return err
			}
			return putSchemaVersion(tx, 2)
		})
		if err != nil {
			t.Fatal(err)
		}
	},
}

func TestMigrateEveryOlderVersion(t *testing.T) {
	if len(olderVersions) != SchemaVersion-1 {
		t.Fatalf("olderVersions has %d builders; want one per version below %d", len(olderVersions), SchemaVersion)
	}
	for v := 1; v < SchemaVersion; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			olderVersions[v](t, path)
			db, err := OpenWith(path, testOptions())
			if err != nil {
				t.Fatalf("OpenWith(v%d file) error = %v", v, err)
			}
			defer db.Close()
			var got int
			db.bolt.View(func(tx *bolt.Tx) (err error) { got, err = schemaVersion(tx); return err })
			if got != SchemaVersion {
				t.Errorf("schema after open = %d; want %d", got, SchemaVersion)
			}
			s, doc, err := db.Session("old")
			if err != nil || string(doc) != `{"v":1}` || s.Card != "622202******7890" || s.Outcome != "resolved" {
				t.Errorf("Session(old) = %+v, %s, %v; want the migrated session, card masked", s, doc, err)
			}
			un, err := db.Unfinished()
			if err != nil || len(un) != 1 || un[0].ID != "open" {
				t.Errorf("Unfinished() = %+v, %v; want the open session", un, err)
			}
			p, err := db.Sessions(Query{Finding: "card.expired"})
			if err != nil || len(p.Sessions) != 1 {
				t.Errorf("Sessions(finding) = %+v, %v; want 1", p.Sessions, err)
			}
			if _, err := db.Staff("小李"); err != nil {
				t.Errorf("Staff() after migration: %v", err)
			}
			if v == 2 {
				if term, err := db.Terminal("T1"); err != nil || term.Model != "A8" {
					t.Errorf("Terminal(T1) after migration = %+v, %v; want model A8", term, err)
				}
			}
			if db.Quarantined() != 0 {
				t.Errorf("Quarantined() = %d after a migration; want 0", db.Quarantined())
			}
			// New saves after a migration get fresh keys.
			if err := db.SaveSession(Session{ID: "new", Started: t0}, nil); err != nil {
				t.Fatal(err)
			}
			if n, _ := db.Count(); n != 3 {
				t.Errorf("Count() = %d; want 3", n)
			}
		})
	}
}

func TestNewerSchemaLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	db.update(func(tx *bolt.Tx) error { return putSchemaVersion(tx, SchemaVersion+1) })
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := OpenWith(path, testOptions()); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("OpenWith(newer file) error = %v; want ErrNewerSchema", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the newer file was changed")
	}
}

// TestDamagedButInUseIsNotMoved: when the header looks damaged while
// another instance holds the file (a meta page read mid-write looks just
// like that), Open must say ErrInUse and leave the file where it is.
func TestDamagedButInUseIsNotMoved(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 5)
	scribble(t, db.Path(), pageHeaderSize, 4) // meta 0's magic, under the running instance
	_, err := OpenWith(db.Path(), testOptions())
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("OpenWith(damaged, in use) error = %v; want ErrInUse", err)
	}
	if got := dataFiles(t, filepath.Dir(db.Path())); len(got) != 1 {
		t.Errorf("folder holds %q; want the database alone, not moved aside", got)
	}
}

func TestForeignBoltFileIsMovedAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other-app")); return err })
	bdb.Close()
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatalf("OpenWith(foreign file) error = %v; want it moved aside", err)
	}
	defer db.Close()
	if rec := db.Recovery(); rec == nil || !errors.Is(rec.Cause, ErrCorrupt) {
		t.Fatalf("Recovery() = %+v; want the foreign file reported", rec)
	}
	if err := db.SaveSession(Session{ID: "x", Started: t0}, nil); err != nil {
		t.Errorf("SaveSession() on the new file: %v", err)
	}
}

// dataFiles lists the names in dir other than the lock file, which every
// open creates and never removes.
func dataFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), lockSuffix) {
			names = append(names, e.Name())
		}
	}
	return names
}
