package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FileName is the database's file name inside its directory.
const FileName = "history.db"

// DefaultTimeout is how long Open waits for another instance's lock.
const DefaultTimeout = time.Second

// DefaultDir returns the folder POS Doctor keeps its history in:
// os.UserConfigDir()/posdoctor (Windows: %AppData%\posdoctor, Linux:
// ~/.config/posdoctor, macOS: ~/Library/Application Support/posdoctor). The
// GUI and the CLI use the same folder.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("store: config dir: %w", err)
	}
	return filepath.Join(base, "posdoctor"), nil
}

// DefaultPath returns DefaultDir joined with FileName.
func DefaultPath() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// Options tune Open. The zero value is the default.
type Options struct {
	// Timeout is how long to wait for another instance's lock before
	// returning ErrInUse. Zero means DefaultTimeout; it is never infinite.
	Timeout time.Duration
	// Now returns the current time, for the names of moved-aside files and
	// backups. Nil means time.Now.
	Now func() time.Time
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// DB is an open history file. It is safe for concurrent use. Close it when
// done; the file stays locked until then.
type DB struct {
	bolt     *bolt.DB
	path     string
	opts     Options
	recovery *Recovery
	backupMu sync.Mutex // one backup at a time
}

// Open opens (or creates) the history at path with default options. See
// OpenWith.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith opens the history at path, creating the file (0600) and its
// directory (0700) when missing, and migrates an older schema forward.
//
// When the file is damaged, OpenWith moves it aside (renamed with a
// timestamp suffix, never deleted), puts the newest good backup in its place
// (or starts empty if there is none), and opens that; DB.Recovery then
// reports what happened. It returns ErrInUse when another instance holds the
// file, ErrNewerSchema when a newer POS Doctor wrote it, and a wrapped
// filesystem error when the folder cannot be created or the file cannot be
// moved aside.
func OpenWith(path string, o Options) (*DB, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: create %s: %w", dir, err)
	}
	bdb, err := openMigrated(path, o.timeout())
	var rec *Recovery
	if err != nil {
		var ce *CorruptError
		if !errors.As(err, &ce) {
			return nil, err
		}
		// A header read without the lock can be torn by another instance
		// writing its meta page: make sure nobody holds the file before
		// moving it. (After a panic inside bbolt the probe cannot work: the
		// lost memory map keeps our own lock alive until the file is moved.)
		if !ce.locked && probeInUse(path, o.timeout()) {
			return nil, ErrInUse
		}
		rec, err = recoverFile(path, ce, o)
		if err != nil {
			return nil, err
		}
		if bdb, err = openMigrated(path, o.timeout()); err != nil {
			return nil, fmt.Errorf("store: open after recovery: %w", err)
		}
	}
	// bbolt creates the file 0600; tighten an older or copied file too. A
	// filesystem without Unix modes (FAT on a USB stick) refuses: no matter.
	_ = os.Chmod(path, 0o600)
	db := &DB{bolt: bdb, path: path, opts: o, recovery: rec}
	if rec != nil {
		rec.Sessions, _ = db.Count()
	}
	return db, nil
}

// openMigrated opens path with openChecked and brings its schema up to
// date. A file with buckets but no schema version is not ours: that is a
// *CorruptError too.
func openMigrated(path string, timeout time.Duration) (*bolt.DB, error) {
	bdb, err := openChecked(path, timeout)
	if err != nil {
		return nil, err
	}
	if err := migrate(bdb); err != nil {
		bdb.Close()
		return nil, err
	}
	return bdb, nil
}

// openChecked validates and opens path read-write, returning ErrInUse,
// a *CorruptError, or another error from the filesystem.
func openChecked(path string, timeout time.Duration) (*bolt.DB, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("store: %w", err)
	case st.Size() > 0 || !st.Mode().IsRegular():
		if err := validateFile(path); err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				return nil, fmt.Errorf("store: %w", err)
			}
			return nil, err
		}
	}
	bdb, err := openGuarded(path, timeout, false)
	if err != nil {
		if errors.Is(err, ErrInUse) {
			return nil, err
		}
		var pe *panicError
		if errors.As(err, &pe) || isBoltFormatError(err) {
			return nil, &CorruptError{Path: path, Reason: "open", Err: err, locked: true}
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := walk(bdb); err != nil {
		bdb.Close()
		return nil, &CorruptError{Path: path, Reason: "walk", Err: err, locked: true}
	}
	return bdb, nil
}

// probeInUse reports whether another process (or handle) holds path's lock.
func probeInUse(path string, timeout time.Duration) bool {
	bdb, err := openGuarded(path, timeout, true)
	if err == nil {
		bdb.Close()
	}
	return errors.Is(err, ErrInUse)
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Recovery returns what Open did about a damaged file, or nil when the file
// opened cleanly. The caller shows it to the user once.
func (db *DB) Recovery() *Recovery { return db.recovery }

// Close releases the file and its lock. Methods called after Close return
// bbolt's "database not open" error.
func (db *DB) Close() error { return db.bolt.Close() }

// Count returns the number of sessions stored.
func (db *DB) Count() (int, error) {
	n := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIndex).Stats().KeyN
		return nil
	})
	return n, err
}
