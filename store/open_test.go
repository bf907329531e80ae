package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// seedWithBackup makes a history of n sessions with an automatic backup of
// it and returns the database path.
func seedWithBackup(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, n)
	if _, err := db.BackupIfDue(t0); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// TestEmptyFileWithBackupIsRestored: a zero-byte file, or a file bbolt
// initialised but that holds no history, must not silently become a new
// empty history while a good backup sits beside it (issue 16).
func TestEmptyFileWithBackupIsRestored(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"zero bytes", func(t *testing.T, path string) {
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"no buckets", func(t *testing.T, path string) {
			os.Remove(path)
			bdb, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			bdb.Close()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := seedWithBackup(t, 4)
			c.make(t, path)
			db, err := OpenWith(path, testOptions())
			if err != nil {
				t.Fatalf("OpenWith() error = %v", err)
			}
			defer db.Close()
			rec := db.Recovery()
			if rec == nil || rec.Backup == "" {
				t.Fatalf("Recovery() = %+v; want the backup restored and reported", rec)
			}
			if n, _ := db.Count(); n != 4 || rec.Sessions != 4 {
				t.Errorf("Count() = %d, Recovery.Sessions = %d; want the backup's 4", n, rec.Sessions)
			}
			if _, err := os.Stat(rec.MovedAside); err != nil {
				t.Errorf("the empty file was not kept: %v", err)
			}
		})
	}
}

// TestZeroByteFileWithoutBackup: nothing to restore, but the user is
// still told the file was empty.
func TestZeroByteFileWithoutBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rec := db.Recovery(); rec == nil || rec.Backup != "" {
		t.Errorf("Recovery() = %+v; want a recovery without a backup", rec)
	}
}

// TestLeftoversCleanedAtOpen: the temporary files of an interrupted
// recovery, restore or backup are removed at the next start; nothing else
// in the folders is touched.
func TestLeftoversCleanedAtOpen(t *testing.T) {
	path := seedWithBackup(t, 2)
	dir := filepath.Dir(path)
	leftovers := []string{
		filepath.Join(dir, tmpRecover+"123"),
		filepath.Join(dir, tmpRestore+"456"),
		filepath.Join(dir, tmpAside+"789"),
		filepath.Join(backupDir(path), tmpBackup+"abc"),
	}
	keep := []string{filepath.Join(dir, "notes.txt"), filepath.Join(backupDir(path), "mine.db")}
	for _, f := range append(leftovers, keep...) {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, f := range leftovers {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("leftover %s still there (%v)", filepath.Base(f), err)
		}
	}
	for _, f := range keep {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
}

// TestReadOnly: a history opened read-only lists and reads sessions, and
// every save says why it cannot.
func TestReadOnly(t *testing.T) {
	path := seedWithBackup(t, 3)
	o := testOptions()
	o.ReadOnly = true
	db, err := OpenWith(path, o)
	if err != nil {
		t.Fatalf("OpenWith(read-only) error = %v", err)
	}
	defer db.Close()
	if !db.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	if p, err := db.Sessions(Query{}); err != nil || len(p.Sessions) != 3 {
		t.Errorf("Sessions() = %d, %v; want 3", len(p.Sessions), err)
	}
	if _, _, err := db.Session("s0001"); err != nil {
		t.Errorf("Session() error = %v", err)
	}
	if err := db.SaveSession(session(9, t0), []byte(`{}`)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveSession() error = %v; want ErrReadOnly", err)
	}
}

// TestReadOnlyFileOpensReadOnly: a file the user may not write is opened
// read-only by itself, in a folder that may be written (the lock file is
// made there) or not (no lock file then). Needs a non-root user: root
// writes anyway.
func TestReadOnlyFileOpensReadOnly(t *testing.T) {
	if os.Geteuid() == 0 || os.Getenv("OS") == "Windows_NT" {
		t.Skip("needs Unix permissions and a non-root user")
	}
	for _, folderReadOnly := range []bool{false, true} {
		path := seedWithBackup(t, 3)
		os.Remove(path + lockSuffix)
		os.Chmod(path, 0o400)
		if folderReadOnly {
			os.Chmod(filepath.Dir(path), 0o500)
		}
		t.Cleanup(func() { os.Chmod(filepath.Dir(path), 0o700); os.Chmod(path, 0o600) })
		db, err := OpenWith(path, testOptions())
		if err != nil {
			t.Fatalf("folder read-only %t: OpenWith(read-only file) error = %v", folderReadOnly, err)
		}
		if !db.ReadOnly() {
			t.Errorf("folder read-only %t: ReadOnly() = false; want true", folderReadOnly)
		}
		if n, err := db.Count(); err != nil || n != 3 {
			t.Errorf("folder read-only %t: Count() = %d, %v; want 3", folderReadOnly, n, err)
		}
		if err := db.SaveSession(session(7, t0), nil); !errors.Is(err, ErrReadOnly) {
			t.Errorf("folder read-only %t: SaveSession() = %v; want ErrReadOnly", folderReadOnly, err)
		}
		db.Close()
	}
}
