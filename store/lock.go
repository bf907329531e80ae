package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// lockSuffix names the lock file beside the database (history.db.lock).
// Every POS Doctor process takes it before it reads, checks, recovers or
// replaces the database, and holds it until it closes the database. The
// lock file is never renamed or deleted, so the lock cannot slip to
// another file while someone waits for it, as a lock on the database file
// itself would when recovery renames a new file into its place.
const lockSuffix = ".lock"

// lockPoll is how often acquire retries a held lock.
const lockPoll = 5 * time.Millisecond

// acquire takes the lock of the database at dbPath, waiting up to timeout.
// It returns ErrInUse when another process (or another handle in this
// one) keeps it longer. In a folder that cannot be written and holds no
// lock file it returns a nil file and no error: the database can then
// only be opened read-only, under bbolt's shared lock.
func acquire(dbPath string, timeout time.Duration) (*os.File, error) {
	name := dbPath + lockSuffix
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil && isReadOnlyErr(err) {
		f, err = os.Open(name)
		if errors.Is(err, os.ErrNotExist) || isReadOnlyErr(err) {
			return nil, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", name, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("store: lock %s: %w", name, err)
		}
		if ok {
			return f, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrInUse
		}
		time.Sleep(lockPoll) // the OS offers no wake-up for a released lock
	}
}

// Temporary file names. Each is made in the folder of the file it will
// replace, so the final rename stays on one filesystem. cleanLeftovers
// removes them (a kill or power cut in the middle leaves one behind); no
// other file in the folder is ever removed.
const (
	tmpRecover = ".recover-"
	tmpRestore = ".restore-"
	tmpBackup  = ".backup-"
	tmpAside   = ".aside-"
)

// cleanLeftovers removes the temporary files an interrupted recovery,
// restore or backup left beside the database at path or in its backups
// folder. The caller holds the lock.
func cleanLeftovers(path string) {
	dirs := map[string][]string{
		filepath.Dir(path): {tmpRecover, tmpRestore, tmpAside},
		backupDir(path):    {tmpBackup},
	}
	for dir, prefixes := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			for _, p := range prefixes {
				if strings.HasPrefix(e.Name(), p) && e.Type().IsRegular() {
					os.Remove(filepath.Join(dir, e.Name()))
				}
			}
		}
	}
	os.Remove(path + ".salvage") // the name older builds used
}

// syncDir flushes a folder's entries (a rename) to disk. Windows cannot
// open a folder for that; its renames are journalled by NTFS.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// writeTemp writes a new file in dir through fill, syncs it and sets mode
// 0600. It returns the file's name; on error nothing is left behind.
func writeTemp(dir, prefix string, fill func(f *os.File) error) (string, error) {
	f, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = fill(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o600)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// replace puts the complete, synced file tmp at path in one rename, so
// path is at every moment either the old file or the new one. The old
// file is first kept under an aside name (a hard link, or a synced copy
// where links are not possible) that is returned; "" when there was none.
func replace(tmp, path, why string, now time.Time) (aside string, err error) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return "", fmt.Errorf("store: replace %s: %w", path, err)
	case !st.Mode().IsRegular():
		// Not a file (a folder, say): no history to keep readable, move it.
		if aside, err = moveAside(path, why, now); err != nil {
			return "", err
		}
	default:
		if aside, err = keepAside(path, why, now); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return aside, fmt.Errorf("store: replace %s: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return aside, fmt.Errorf("store: replace %s: %w", path, err)
	}
	return aside, nil
}

// asideName returns a free name path.<why>-<UTC time>[-n].
func asideName(path, why string, now time.Time) string {
	base := fmt.Sprintf("%s.%s-%s", path, why, now.UTC().Format(stampLayout))
	dst := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			return dst
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
}

// keepAside gives the file at path a second name (see asideName) without
// taking the first away: a hard link, or a synced copy renamed into place.
func keepAside(path, why string, now time.Time) (string, error) {
	dst := asideName(path, why, now)
	if err := os.Link(path, dst); err == nil {
		return dst, syncDir(filepath.Dir(path))
	}
	src, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("store: keep %s: %w", path, err)
	}
	defer src.Close()
	tmp, err := writeTemp(filepath.Dir(path), tmpAside, func(f *os.File) error {
		_, err := f.ReadFrom(src)
		return err
	})
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("store: keep %s: %w", path, err)
	}
	return dst, nil
}

// moveAside renames path to a free aside name. It never deletes anything.
func moveAside(path, why string, now time.Time) (string, error) {
	dst := asideName(path, why, now)
	if err := os.Rename(path, dst); err != nil {
		return "", fmt.Errorf("store: move aside %s: %w", path, err)
	}
	return dst, nil
}
