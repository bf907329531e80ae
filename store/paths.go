package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrProtectedPath is returned by CheckOutput when a file to write would
// replace or land among the history's own files.
var ErrProtectedPath = errors.New("store: that path is the history's own file")

// CheckOutput returns ErrProtectedPath (wrapped) when writing a file at
// out could touch the history at dbPath: out is the database, its lock
// file, a file kept aside beside it (history.db.damaged-…), or anything in
// its backups folder — also through a relative path, a symbolic link
// (of the file or of a folder on the way) or a hard link. Export, backup
// and every other file the user names go through it; the store's own
// backups do not.
func CheckOutput(dbPath, out string) error {
	protected := func(p string) bool {
		base := filepath.Base(p)
		return base == FileName || strings.HasPrefix(base, FileName+".")
	}
	dir := resolveDir(filepath.Dir(dbPath))
	target := resolve(out)
	switch {
	case filepath.Dir(target) == dir && protected(target):
		return fmt.Errorf("store: %s: %w", out, ErrProtectedPath)
	case inFolder(target, resolveDir(backupDir(dbPath))):
		return fmt.Errorf("store: %s is in the backups folder: %w", out, ErrProtectedPath)
	}
	// A hard link (or a name the checks above could not resolve) is the
	// same file under another name: compare with every protected file.
	st, err := os.Stat(out)
	if err != nil {
		return nil // nothing there yet: a new file cannot be a link to ours
	}
	var candidates []string
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if protected(e.Name()) {
				candidates = append(candidates, filepath.Join(dir, e.Name()))
			}
		}
	}
	if entries, err := os.ReadDir(backupDir(dbPath)); err == nil {
		for _, e := range entries {
			candidates = append(candidates, filepath.Join(backupDir(dbPath), e.Name()))
		}
	}
	for _, c := range candidates {
		if cs, err := os.Stat(c); err == nil && os.SameFile(st, cs) {
			return fmt.Errorf("store: %s is %s under another name: %w", out, c, ErrProtectedPath)
		}
	}
	return nil
}

// resolve returns p made absolute with every symbolic link on the way
// followed, as far as the path exists.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	// The file does not exist yet: resolve its folder.
	return filepath.Join(resolveDir(filepath.Dir(abs)), filepath.Base(abs))
}

func resolveDir(d string) string {
	abs, err := filepath.Abs(d)
	if err != nil {
		return filepath.Clean(d)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// inFolder reports whether p is dir or inside it (both resolved).
func inFolder(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
