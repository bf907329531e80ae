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
	// ReadOnly opens the history for reading only: nothing is migrated,
	// recovered or quarantined, and every write returns ErrReadOnly. Open
	// also falls back to it by itself when the file may not be written.
	ReadOnly bool
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
	lock     *os.File // the lock file, held until Close; nil read-only without one
	path     string
	opts     Options
	readOnly bool
	recovery *Recovery
	// quarantined is how many damaged records Open (and BackupIfDue since)
	// took out of the history (see Damaged). mu guards it.
	mu          sync.Mutex
	quarantined int
	backupMu    sync.Mutex // one backup at a time
}

// Quarantined returns how many damaged records this DB found and moved to
// quarantine: Open checks every record but the session documents, which
// are checked on every read and by BackupIfDue's daily pass (0 almost
// always). DB.Damaged lists every record ever quarantined.
func (db *DB) Quarantined() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.quarantined
}

// Open opens (or creates) the history at path with default options. See
// OpenWith.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith opens the history at path, creating the file (0600) and its
// directory (0700) when missing, and migrates an older schema forward.
//
// It first takes the history's lock (waiting up to Options.Timeout), and
// every check and decision below happens while holding it: a file another
// POS Doctor is using is never judged damaged. Temporary files an
// interrupted recovery or restore left behind are removed.
//
// When the file is damaged, empty (zero bytes) or holds no history at all
// while backups exist, OpenWith rebuilds it (from the file itself when it
// can, else from the newest good backup, else empty) beside the old one and
// renames the result into place, keeping the old file under a timestamped
// name; DB.Recovery then reports what happened. It returns ErrInUse when
// another instance holds the history, ErrNewerSchema when a newer POS
// Doctor wrote it, and a wrapped filesystem error when the folder cannot
// be created. A file that may not be written opens read-only (see
// DB.ReadOnly).
func OpenWith(path string, o Options) (*DB, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil && !o.ReadOnly {
		return nil, fmt.Errorf("store: create %s: %w", dir, err)
	}
	lock, err := acquire(path, o.timeout())
	if err != nil {
		return nil, err
	}
	db, err := openLocked(path, lock, o)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return nil, err
	}
	return db, nil
}

// openLocked is OpenWith's work once the lock is held (or, read-only,
// when there is no lock file to take).
func openLocked(path string, lock *os.File, o Options) (*DB, error) {
	readOnly := o.ReadOnly || lock == nil
	if !readOnly {
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
			f.Close()
		} else if isReadOnlyErr(err) {
			readOnly = true
		}
	}
	if !readOnly {
		cleanLeftovers(path)
	}
	var rec *Recovery
	bdb, err := openMigrated(path, o, readOnly)
	if err != nil {
		var ce *CorruptError
		if readOnly || !errors.As(err, &ce) {
			return nil, err
		}
		if rec, err = recoverFile(path, ce, o); err != nil {
			return nil, err
		}
		if bdb, err = openMigrated(path, o, false); err != nil {
			return nil, fmt.Errorf("store: open after recovery: %w", err)
		}
	}
	if !readOnly {
		// bbolt creates the file 0600; tighten an older or copied file too.
		// A filesystem without Unix modes (FAT on a USB stick) refuses: no
		// matter.
		_ = os.Chmod(path, 0o600)
	}
	db := &DB{bolt: bdb, lock: lock, path: path, opts: o, readOnly: readOnly, recovery: rec}
	if !readOnly {
		// Damage inside records stays in those records: take them out of
		// the history (bytes kept) so everything else reads normally.
		if db.quarantined, err = quarantineDamaged(bdb, o.now(), false); err != nil {
			db.Close()
			return nil, err
		}
	}
	if rec != nil {
		rec.Sessions, _ = db.Count()
	}
	return db, nil
}

// openMigrated opens path with openChecked and brings its schema up to
// date. A file with buckets but no schema version is not ours, and a file
// with no history at all while good backups exist lost it: both are a
// *CorruptError.
func openMigrated(path string, o Options, readOnly bool) (*bolt.DB, error) {
	timeout := o.timeout()
	st, statErr := os.Stat(path)
	existed := statErr == nil
	bdb, err := openChecked(path, timeout, readOnly)
	if err != nil {
		return nil, err
	}
	if readOnly {
		if err := checkReadable(bdb); err != nil {
			bdb.Close()
			return nil, err
		}
		return bdb, nil
	}
	if existed && st.Size() > 0 && isBare(bdb) && hasGoodBackup(path, timeout) {
		bdb.Close()
		return nil, &CorruptError{Path: path, Reason: "no history in the file, but backups exist"}
	}
	if err := migrate(bdb); err != nil {
		bdb.Close()
		return nil, err
	}
	return bdb, nil
}

// openChecked validates and opens path, returning ErrInUse, a
// *CorruptError, or another error from the filesystem. The caller holds
// the lock.
func openChecked(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return nil, fmt.Errorf("store: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("store: %w", err)
	case st.Size() == 0 && st.Mode().IsRegular():
		return nil, &CorruptError{Path: path, Reason: "empty file (0 bytes)"}
	default:
		if err := validateFile(path); err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				return nil, fmt.Errorf("store: %w", err)
			}
			return nil, err
		}
	}
	bdb, err := openGuarded(path, timeout, readOnly)
	if err != nil {
		if errors.Is(err, ErrInUse) {
			return nil, err
		}
		var pe *panicError
		if errors.As(err, &pe) || isBoltFormatError(err) {
			return nil, &CorruptError{Path: path, Reason: "open", Err: err}
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := walk(bdb); err != nil {
		bdb.Close()
		return nil, &CorruptError{Path: path, Reason: "walk", Err: err}
	}
	return bdb, nil
}

// isBare reports whether the file holds no bucket at all: bbolt created
// it, but no POS Doctor ever wrote its layout.
func isBare(bdb *bolt.DB) bool {
	bare := true
	bdb.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func([]byte, *bolt.Bucket) error { bare = false; return errStop })
	})
	return bare
}

// errStop ends a ForEach early.
var errStop = errors.New("stop")

// hasGoodBackup reports whether the backups folder of path holds a backup
// that passes checkFile.
func hasGoodBackup(path string, timeout time.Duration) bool {
	list, _ := Backups(path)
	for _, b := range list {
		if checkFile(b.Path, timeout) == nil {
			return true
		}
	}
	return false
}

// checkReadable makes sure a file opened read-only (so not migrated) is
// one this build can read: a schema no newer than its own and every
// bucket present.
func checkReadable(bdb *bolt.DB) error {
	return bdb.View(func(tx *bolt.Tx) error {
		v, err := schemaVersion(tx)
		if err != nil {
			return err
		}
		if v > SchemaVersion {
			return fmt.Errorf("store: schema %d, this build knows %d: %w", v, SchemaVersion, ErrNewerSchema)
		}
		if v < SchemaVersion {
			return fmt.Errorf("store: schema %d needs updating, which a read-only file cannot: %w", v, ErrReadOnly)
		}
		return checkLayout(tx)
	})
}

// update runs fn in a write transaction, or returns ErrReadOnly.
func (db *DB) update(fn func(tx *bolt.Tx) error) error {
	if db.readOnly {
		return ErrReadOnly
	}
	return db.bolt.Update(fn)
}

// ReadOnly reports whether the history was opened read-only (asked for,
// or the file may not be written): reading works, every save returns
// ErrReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Recovery returns what Open did about a damaged file, or nil when the file
// opened cleanly. The caller shows it to the user once.
func (db *DB) Recovery() *Recovery { return db.recovery }

// Close releases the file and its lock. Methods called after Close return
// bbolt's "database not open" error.
func (db *DB) Close() error {
	err := db.bolt.Close()
	if db.lock != nil {
		db.lock.Close()
		db.lock = nil
	}
	return err
}

// Count returns the number of sessions stored.
func (db *DB) Count() (int, error) {
	n := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIndex).Stats().KeyN
		return nil
	})
	return n, err
}
