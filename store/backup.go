package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

const (
	// BackupDirName is the folder next to the database that holds the
	// automatic backups.
	BackupDirName = "backups"
	// BackupsKept is how many automatic backups BackupIfDue keeps.
	BackupsKept = 7
	// BackupInterval is how old the newest backup may get before
	// BackupIfDue makes another.
	BackupInterval = 24 * time.Hour

	backupPrefix = "history-"
	backupSuffix = ".db"
	stampLayout  = "20060102T150405Z"
)

// Recovery tells the user what Open did with a damaged history file.
type Recovery struct {
	// Cause is why the file was rejected (a *CorruptError).
	Cause error
	// MovedAside is where the damaged file now is; it is never deleted.
	MovedAside string
	// Salvaged is set when the history was rebuilt from the damaged file
	// itself: every record whose checksum holds was kept (or, for a file
	// from before checksums, exactly one of its two meta pages was bad and
	// the rest checked out, so at most the last save is lost).
	Salvaged bool
	// Quarantined is how many damaged records the salvage set aside (see
	// DB.Damaged).
	Quarantined int
	// Backup is the backup file put in its place (or, with Salvaged, the
	// one that completed the salvage), or "" when none was used; with no
	// good backup and nothing to salvage the history starts empty.
	Backup string
	// FromBackup is how many sessions the backup gave back to a salvaged
	// history.
	FromBackup int
	// BackupTime is when that backup was made (zero without one).
	BackupTime time.Time
	// Skipped lists backups that were checked and found damaged too.
	Skipped []string
	// Sessions is how many sessions the recovered history holds.
	Sessions int
}

// BackupInfo is one backup file in the backups folder.
type BackupInfo struct {
	Path string
	Time time.Time // when it was made: from its name, else its modification time
	Size int64
	// Auto is set for the automatic backups BackupIfDue makes and prunes;
	// other files there (manual backups) are never deleted.
	Auto bool
}

// backupDir returns the backup folder for the database at path.
func backupDir(path string) string { return filepath.Join(filepath.Dir(path), BackupDirName) }

// AutoBackupPath returns the name BackupIfDue gives a backup made at now.
func AutoBackupPath(dbPath string, now time.Time) string {
	return filepath.Join(backupDir(dbPath), backupPrefix+now.UTC().Format(stampLayout)+backupSuffix)
}

// ManualBackupPath returns a name in the backups folder for a backup the
// user asked for at now. Open considers it when recovering; BackupIfDue
// never prunes it.
func ManualBackupPath(dbPath string, now time.Time) string {
	return filepath.Join(backupDir(dbPath), manualPrefix+now.UTC().Format(stampLayout)+backupSuffix)
}

const manualPrefix = "manual-"

// Backups lists the backups (files ending in .db) in the backups folder of
// the database at path, newest first. A missing folder is no error.
func Backups(path string) ([]BackupInfo, error) {
	dir := backupDir(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: list backups: %w", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, backupSuffix) || strings.HasPrefix(name, ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		b := BackupInfo{Path: filepath.Join(dir, name), Time: info.ModTime(), Size: info.Size()}
		for _, prefix := range []string{backupPrefix, manualPrefix} {
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			if t, err := time.Parse(stampLayout, strings.TrimSuffix(strings.TrimPrefix(name, prefix), backupSuffix)); err == nil {
				b.Time, b.Auto = t, prefix == backupPrefix
			}
		}
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out, nil
}

// Backup writes a consistent copy of the database to path (mode 0600)
// while other goroutines keep reading and saving. It returns ErrInvalid
// when path is the database itself. It writes to a temporary
// file in the same folder, syncs it and renames it into place, so path is
// either the old file or a whole new copy.
func (db *DB) Backup(path string) error {
	if sameFile(path, db.path) {
		return fmt.Errorf("store: backup onto the database itself %s: %w", path, ErrInvalid)
	}
	db.backupMu.Lock()
	defer db.backupMu.Unlock()
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("store: backup %s: %w", path, err)
	}
	tmp, err := writeTemp(dir, tmpBackup, func(f *os.File) error {
		return db.bolt.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
	if err == nil {
		if err = os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
		}
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("store: backup %s: %w", path, err)
	}
	return nil
}

// BackupIfDue makes an automatic backup (named by AutoBackupPath) when the
// newest automatic one is older than BackupInterval (or there is none),
// checks it, then deletes automatic backups beyond the newest BackupsKept.
// Manual backups are never deleted, and neither is the newest automatic
// backup whose every record checks out: while the history holds a damaged
// record, the backups made since hold it too, and the last one made before
// is kept however old it gets. A new backup that fails its check is removed
// and returned as an error. It returns the new backup's path, or "" when
// none was due. It holds a read transaction only, so saves carry on
// meanwhile; the app calls it from its own goroutine, never the UI's.
func (db *DB) BackupIfDue(now time.Time) (string, error) {
	list, err := Backups(db.path)
	if err != nil {
		return "", err
	}
	auto := slices.DeleteFunc(list, func(b BackupInfo) bool { return !b.Auto })
	if len(auto) > 0 && now.Sub(auto[0].Time) < BackupInterval {
		return "", nil
	}
	path := AutoBackupPath(db.path, now)
	if err := db.Backup(path); err != nil {
		return "", err
	}
	damaged, err := backupHealth(path, db.opts.timeout())
	if err != nil {
		os.Remove(path) // our own copy, just made: it is no backup
		return "", fmt.Errorf("store: the new backup failed its check: %w", err)
	}
	if damaged > 0 && !db.readOnly {
		// The copy found damage the quick check at Open does not look for
		// (a session document): set it aside in the history too.
		n, err := quarantineDamaged(db.bolt, now, true)
		if err != nil {
			return path, err
		}
		db.mu.Lock()
		db.quarantined += n
		db.mu.Unlock()
	}
	if list, err = Backups(db.path); err != nil {
		return path, err
	}
	auto = slices.DeleteFunc(list, func(b BackupInfo) bool { return !b.Auto })
	if len(auto) <= BackupsKept {
		return path, nil
	}
	// The newest backup that is wholly good stays, even past the limit.
	spare := ""
	for _, b := range auto {
		if n, err := backupHealth(b.Path, db.opts.timeout()); err == nil && n == 0 {
			spare = b.Path
			break
		}
	}
	for _, old := range auto[BackupsKept:] {
		if old.Path == spare {
			continue
		}
		if err := os.Remove(old.Path); err != nil {
			return path, fmt.Errorf("store: prune backup: %w", err)
		}
	}
	return path, nil
}

// backupHealth checks the backup at path like CheckBackup and counts its
// records that are damaged or in quarantine: 0 means every record of the
// history it holds is intact.
func backupHealth(path string, timeout time.Duration) (int, error) {
	if err := checkFile(path, timeout); err != nil {
		return 0, err
	}
	bdb, err := openGuarded(path, timeout, true)
	if err != nil {
		return 0, &CorruptError{Path: path, Reason: "open", Err: err}
	}
	defer bdb.Close()
	n := 0
	err = guard(func() error {
		return bdb.View(func(tx *bolt.Tx) error {
			n = len(verifyRecords(tx, true))
			if q := tx.Bucket(bucketQuarantine); q != nil {
				n += q.Stats().KeyN
			}
			return nil
		})
	})
	if err != nil {
		return 0, &CorruptError{Path: path, Reason: "records", Err: err}
	}
	return n, nil
}

// CheckBackup reports whether the file at path is a readable history: it
// validates the header, opens it read-only with faults guarded and walks
// every bucket. It returns a *CorruptError when it is not.
func CheckBackup(path string) error {
	if err := checkFile(path, DefaultTimeout); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store: backup %s: %w", path, err)
		}
		return err
	}
	return nil
}

// Restore replaces the database at dbPath with a copy of the backup file.
// It takes the history's lock (ErrInUse when the app has it open), checks
// the backup (a *CorruptError if it is damaged), writes the copy beside the
// database, syncs it and renames it into place, so the history is at every
// moment either the old file or the whole backup. The old file is kept
// under a timestamped name, returned as aside ("" if there was none). The
// backup itself is left as it was. It returns ErrInvalid when backup is the
// database itself. The next Open migrates the restored file if it is older.
func Restore(dbPath, backup string, now time.Time) (aside string, err error) {
	if sameFile(backup, dbPath) {
		return "", fmt.Errorf("store: restore %s onto itself: %w", backup, ErrInvalid)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	if err := CheckBackup(backup); err != nil {
		return "", err
	}
	lock, err := acquire(dbPath, DefaultTimeout)
	if err != nil {
		return "", err
	}
	if lock == nil {
		return "", fmt.Errorf("store: restore into %s: %w", filepath.Dir(dbPath), ErrReadOnly)
	}
	defer lock.Close()
	cleanLeftovers(dbPath)
	tmp, err := copyBeside(backup, dbPath, tmpRestore)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // a no-op after the rename
	return replace(tmp, dbPath, "replaced", now)
}

// sameFile reports whether a and b name the same file (or the same
// path, when neither exists yet).
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// recoverFile builds a replacement for the damaged file at path beside it
// (salvaged from the file itself, else the newest good backup, else a new
// empty history), then swaps it in with replace, keeping the damaged file
// under a timestamped name. The caller holds the lock.
func recoverFile(path string, cause *CorruptError, o Options) (*Recovery, error) {
	rec := &Recovery{Cause: cause}
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, tmpRecover, func(*os.File) error { return nil })
	if err != nil {
		return nil, fmt.Errorf("store: recover %s: %w", path, err)
	}
	defer os.Remove(tmp) // a no-op after the rename
	list, _ := Backups(path)
	// goodBackup returns the newest backup that checks out, noting the
	// others as skipped.
	goodBackup := func() (BackupInfo, bool) {
		for _, b := range list {
			if err := checkFile(b.Path, o.timeout()); err != nil {
				rec.Skipped = append(rec.Skipped, b.Path)
				continue
			}
			return b, true
		}
		return BackupInfo{}, false
	}
	if _, damaged, err := salvageRecords(path, tmp, o.now()); err == nil {
		rec.Salvaged, rec.Quarantined = true, damaged
		// What the damage took may still be in the newest good backup.
		if b, ok := goodBackup(); ok {
			if n, err := completeFromBackup(tmp, b.Path, o.timeout()); err == nil && n > 0 {
				rec.Backup, rec.BackupTime, rec.FromBackup = b.Path, b.Time, n
			}
		}
	} else if salvage(path, tmp, o.timeout()) == nil {
		rec.Salvaged = true
	} else if b, ok := goodBackup(); ok {
		if err := copyOver(b.Path, tmp); err != nil {
			return nil, err
		}
		rec.Backup, rec.BackupTime = b.Path, b.Time
	} else if err := newEmpty(tmp); err != nil {
		return nil, fmt.Errorf("store: recover %s: %w", path, err)
	}
	if rec.MovedAside, err = replace(tmp, path, "damaged", o.now()); err != nil {
		return nil, err
	}
	return rec, nil
}

// newEmpty writes a new history with the current layout at path (an
// existing empty file), synced.
func newEmpty(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return err
	}
	err = migrate(bdb)
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	return err
}

// salvage rebuilds a history at dst from the damaged file src when only
// one of src's meta pages is bad: bbolt then reads the tree of the other,
// which must pass checkTree, and writes a clean copy. It returns an error
// when the file is not salvageable that way.
func salvage(src, dst string, timeout time.Duration) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return errors.New("not a regular file")
	}
	buf := make([]byte, pageHeaderSize+metaSize)
	var good []meta
	if _, err := f.ReadAt(buf, 0); err == nil {
		if m, err := parseMeta(buf); err == nil {
			good = append(good, m)
		}
	}
	// Meta 1 sits one page in; try the page size meta 0 claims, or bbolt's
	// usual ones.
	for _, ps := range []int64{4096, 16384, 65536, 1024, 512, 8192, 32768} {
		if len(good) == 1 && int64(good[0].pageSize) != ps {
			continue
		}
		if _, err := f.ReadAt(buf, ps); err != nil {
			continue
		}
		if m, err := parseMeta(buf); err == nil && int64(m.pageSize) == ps {
			good = append(good, m)
			break
		}
	}
	if len(good) != 1 {
		f.Close()
		return errors.New("not exactly one good meta page")
	}
	m := good[0]
	if st.Size()%int64(m.pageSize) != 0 || m.pgid > uint64(st.Size()/int64(m.pageSize)) {
		f.Close()
		return errors.New("file size does not match the good meta page")
	}
	err = checkTree(f, m)
	f.Close()
	if err != nil {
		return err
	}
	bdb, err := openGuarded(src, timeout, true)
	if err != nil {
		return err
	}
	err = guard(func() error {
		return bdb.View(func(tx *bolt.Tx) error {
			out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
			if err != nil {
				return err
			}
			_, err = tx.WriteTo(out)
			if serr := out.Sync(); err == nil {
				err = serr
			}
			if cerr := out.Close(); err == nil {
				err = cerr
			}
			return err
		})
	})
	bdb.Close()
	if err == nil {
		err = checkFile(dst, timeout)
	}
	return err
}

// copyBeside copies src to a new synced temporary file (mode 0600) in the
// folder of dst and returns its name.
func copyBeside(src, dst, prefix string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("store: copy %s: %w", src, err)
	}
	defer in.Close()
	tmp, err := writeTemp(filepath.Dir(dst), prefix, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: copy %s: %w", src, err)
	}
	return tmp, nil
}

// copyOver overwrites the file dst with src's bytes and syncs it.
func copyOver(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("store: copy %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("store: copy %s: %w", src, err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: copy %s: %w", src, err)
	}
	return nil
}

// isBoltFormatError reports whether err is bbolt saying the file is not a
// valid database.
func isBoltFormatError(err error) bool {
	return errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrChecksum) ||
		errors.Is(err, berrors.ErrVersionMismatch) || errors.Is(err, berrors.ErrInvalidMapping)
}
