package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"posdoctor/store"
)

// runBackup copies the history to PATH, or to a new file in the backups
// folder beside it:
//
//	posdoctor backup [--force] [PATH]
//
// PATH may be a folder. It must not be the history's own file or in its
// backups folder, and an existing file is replaced only with --force.
func runBackup(_ context.Context, env *Env, args []string) int {
	fs := newFlagSet("backup")
	force := fs.Bool("force", false, "")
	pos, code, ok := parseArgs(env, fs, args, "store.backup.usage")
	if !ok {
		return code
	}
	if len(pos) > 1 {
		return usageError(env, "store.backup.usage")
	}
	path, err := storePath(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("store.backup.nothing"))
		return ExitProblem
	}
	now := time.Now()
	dst := store.ManualBackupPath(path, now)
	if len(pos) == 1 {
		dst = pos[0]
		if fi, err := os.Stat(dst); err == nil && fi.IsDir() {
			dst = filepath.Join(dst, filepath.Base(store.ManualBackupPath(path, now)))
		}
		if code, ok := checkOutput(env, path, dst, *force); !ok {
			return code
		}
	}
	db, code := openStore(env, path, false)
	if db == nil {
		return code
	}
	defer db.Close()
	if err := db.Backup(dst); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("store.backup.failed", "err", err.Error()))
		return ExitProblem
	}
	fmt.Fprintln(env.Stdout, env.Tr.T("store.backup.done", "path", dst))
	return ExitOK
}

// checkOutput refuses a file to write that would touch the history at
// dbPath (store.CheckOutput) or replace an existing file without force.
// It prints why and returns the exit code when it refuses.
func checkOutput(env *Env, dbPath, out string, force bool) (int, bool) {
	if err := store.CheckOutput(dbPath, out); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.output.protected", "path", out))
		return ExitUsage, false
	}
	fi, err := os.Stat(out)
	switch {
	case err == nil && fi.IsDir():
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.output.folder", "path", out))
		return ExitUsage, false
	case err == nil && !force:
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.output.exists", "path", out))
		return ExitUsage, false
	}
	return ExitOK, true
}

// runRestore replaces the history with a backup after checking it; the
// current file is kept aside:
//
//	posdoctor restore FILE
func runRestore(_ context.Context, env *Env, args []string) int {
	pos, code, ok := parseArgs(env, newFlagSet("restore"), args, "store.restore.usage")
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(env, "store.restore.usage")
	}
	file := pos[0]
	path, err := storePath(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	aside, err := store.Restore(path, file, time.Now())
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintln(env.Stderr, env.Tr.T("store.restore.missing", "file", file))
		return ExitUsage
	case errors.Is(err, store.ErrCorrupt):
		fmt.Fprintln(env.Stderr, env.Tr.T("store.restore.invalid", "file", file))
		return ExitUsage
	case errors.Is(err, store.ErrInvalid):
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.restore.self", "file", file))
		return ExitUsage
	case err != nil:
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	fmt.Fprintln(env.Stdout, env.Tr.T("store.restore.done", "file", file))
	if aside != "" {
		fmt.Fprintln(env.Stdout, env.Tr.T("store.restore.aside", "aside", aside))
	}
	return ExitOK
}
