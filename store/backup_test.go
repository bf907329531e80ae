package store

import (
	"bytes"

	"errors"
	bolt "go.etcd.io/bbolt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestBackupIfDue(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 3)
	day := 24 * time.Hour
	steps := []struct {
		name    string
		now     time.Time
		wantNew bool
	}{
		{"first", t0, true},
		{"same day", t0.Add(23 * time.Hour), false},
		{"next day", t0.Add(day), true},
	}
	for _, s := range steps {
		got, err := db.BackupIfDue(s.now)
		if err != nil {
			t.Fatalf("%s: BackupIfDue() error = %v", s.name, err)
		}
		if (got != "") != s.wantNew {
			t.Errorf("%s: BackupIfDue() = %q; want new backup %t", s.name, got, s.wantNew)
		}
	}
	for i := 2; i < 12; i++ {
		if _, err := db.BackupIfDue(t0.Add(time.Duration(i) * day)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Backups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != BackupsKept {
		t.Fatalf("Backups() = %d files; want %d", len(list), BackupsKept)
	}
	if want := t0.Add(11 * day); !list[0].Time.Equal(want) {
		t.Errorf("newest backup at %v; want %v", list[0].Time, want)
	}
	if runtime.GOOS != "windows" {
		st, _ := os.Stat(list[0].Path)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("backup mode = %v; want 0600", st.Mode().Perm())
		}
	}
	if err := CheckBackup(list[0].Path); err != nil {
		t.Errorf("CheckBackup(newest) = %v", err)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 5)
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(backup); err != nil {
		t.Fatalf("Backup() error = %v", err)
	}
	fillDB(t, db, 5, 5)

	t.Run("in use", func(t *testing.T) {
		if _, err := Restore(path, backup, t0); !errors.Is(err, ErrInUse) {
			t.Errorf("Restore(open database) error = %v; want ErrInUse", err)
		}
	})
	db.Close()

	t.Run("damaged backup", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.db")
		os.WriteFile(bad, []byte("hello"), 0o600)
		if _, err := Restore(path, bad, t0); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Restore(bad) error = %v; want ErrCorrupt", err)
		}
		if _, err := Restore(path, filepath.Join(t.TempDir(), "missing.db"), t0); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Restore(missing) error = %v; want ErrNotExist", err)
		}
	})

	t.Run("good", func(t *testing.T) {
		aside, err := Restore(path, backup, t0)
		if err != nil {
			t.Fatalf("Restore() error = %v", err)
		}
		kept, err := OpenWith(aside, testOptions())
		if err != nil {
			t.Fatalf("open the file kept aside: %v", err)
		}
		if n, _ := kept.Count(); n != 10 {
			t.Errorf("kept-aside file has %d sessions; want 10", n)
		}
		kept.Close()
		db, err := OpenWith(path, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if n, _ := db.Count(); n != 5 {
			t.Errorf("restored file has %d sessions; want 5", n)
		}
		if _, err := os.Stat(backup); err != nil {
			t.Errorf("the backup is gone: %v", err)
		}
	})
}

// TestBackupWhileSaving checks that a backup taken while another goroutine
// keeps saving is consistent and does not stop the saves.
func TestBackupWhileSaving(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 100)
	done := make(chan error)
	go func() {
		for i := 1000; i < 1050; i++ {
			if err := db.SaveSession(session(i, t0), []byte(`{}`)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	path := filepath.Join(t.TempDir(), "hot.db")
	if err := db.Backup(path); err != nil {
		t.Fatalf("Backup() error = %v", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("save during backup: %v", err)
	}
	if err := CheckBackup(path); err != nil {
		t.Errorf("CheckBackup(hot backup) = %v", err)
	}
}

func TestManualBackupsAreKeptAndUsed(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 3)
	manual := ManualBackupPath(db.Path(), t0.Add(-48*time.Hour))
	if err := db.Backup(manual); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(filepath.Dir(manual), "copied-by-hand.db")
	if err := db.Backup(other); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := db.BackupIfDue(t0.Add(time.Duration(i) * 24 * time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Backups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	auto, kept := 0, map[string]bool{}
	for _, b := range list {
		if b.Auto {
			auto++
		}
		kept[b.Path] = true
	}
	if auto != BackupsKept || !kept[manual] || !kept[other] {
		t.Errorf("Backups() = %d automatic, manual kept %t, other kept %t; want %d and both kept", auto, kept[manual], kept[other], BackupsKept)
	}
}

func TestBackupOntoItself(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 2)
	if err := db.Backup(db.Path()); !errors.Is(err, ErrInvalid) {
		t.Errorf("Backup(own path) error = %v; want ErrInvalid", err)
	}
	if n, err := db.Count(); err != nil || n != 2 {
		t.Errorf("Count() after = %d, %v; want 2", n, err)
	}
	db.Close()
	if _, err := Restore(db.Path(), db.Path(), t0); !errors.Is(err, ErrInvalid) {
		t.Errorf("Restore(onto itself) error = %v; want ErrInvalid", err)
	}
	if _, err := os.Stat(db.Path()); err != nil {
		t.Errorf("database gone after a refused restore: %v", err)
	}
}

func TestRestoreIntoMissingFolder(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 2)
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "new", "posdoctor", FileName)
	aside, err := Restore(dst, backup, t0)
	if err != nil || aside != "" {
		t.Fatalf("Restore(new folder) = %q, %v; want no file aside, nil", aside, err)
	}
	if err := CheckBackup(dst); err != nil {
		t.Errorf("restored file: %v", err)
	}
}

// TestBackupsKeepNewestGood: once the history holds a damaged record,
// every later backup holds it too; rotation must not push out the last
// backup made before the damage (issue 16).
func TestBackupsKeepNewestGood(t *testing.T) {
	db := newDB(t)
	fillDB(t, db, 0, 3)
	day := 24 * time.Hour
	good, err := db.BackupIfDue(t0)
	if err != nil || good == "" {
		t.Fatalf("BackupIfDue() = %q, %v", good, err)
	}
	// A record goes bad (as if a disk flipped a bit after Open).
	err = db.update(func(tx *bolt.Tx) error {
		k, v := tx.Bucket(bucketIndex).Cursor().First()
		bad := bytes.Clone(v)
		bad[0] ^= 0x01
		return tx.Bucket(bucketIndex).Put(bytes.Clone(k), bad)
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= BackupsKept+3; i++ {
		if _, err := db.BackupIfDue(t0.Add(time.Duration(i) * day)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Backups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != BackupsKept+1 {
		t.Errorf("Backups() = %d files; want the %d newest and the last good one", len(list), BackupsKept)
	}
	if list[len(list)-1].Path != good {
		t.Errorf("oldest backup kept = %s; want the last good one %s", list[len(list)-1].Path, good)
	}
	if n, err := backupHealth(good, time.Second); err != nil || n != 0 {
		t.Errorf("backupHealth(good) = %d, %v; want 0", n, err)
	}
	if n, err := backupHealth(list[0].Path, time.Second); err != nil || n != 1 {
		t.Errorf("backupHealth(newest) = %d, %v; want 1 damaged record", n, err)
	}
}
