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
//	posdoctor backup [PATH]
func runBackup(_ context.Context, env *Env, args []string) int {
	if len(args) > 1 {
		fmt.Fprintln(env.Stderr, env.Tr.T("store.backup.usage"))
		return ExitUsage
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
	dst := ""
	if len(args) == 1 {
		dst = args[0]
	} else {
		dst = store.ManualBackupPath(path, time.Now())
	}
	db, code := openStore(env, path)
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

// runRestore replaces the history with a backup after checking it; the
// current file is kept aside:
//
//	posdoctor restore FILE
func runRestore(_ context.Context, env *Env, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, env.Tr.T("store.restore.usage"))
		return ExitUsage
	}
	file := args[0]
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
