package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"posdoctor/store"
	"posdoctor/ui/i18n"
)

func TestBackupAndRestore(t *testing.T) {
	env, out, errb := storeEnv(t, i18n.English)
	ctx := context.Background()

	if code := runBackup(ctx, env, nil); code != ExitProblem {
		t.Errorf("backup with no history = %d; want %d", code, ExitProblem)
	}
	seedHistory(t, env, historySessions[:2]...)

	// backup PATH
	dst := filepath.Join(t.TempDir(), "copy.db")
	if code := runBackup(ctx, env, []string{dst}); code != ExitOK {
		t.Fatalf("backup %s = %d; stderr %s", dst, code, errb)
	}
	if err := store.CheckBackup(dst); err != nil {
		t.Errorf("the backup is not good: %v", err)
	}
	// backup with no PATH goes into the backups folder.
	out.Reset()
	if code := runBackup(ctx, env, nil); code != ExitOK {
		t.Fatalf("backup = %d; stderr %s", code, errb)
	}
	list, _ := store.Backups(filepath.Join(env.DataDir, store.FileName))
	if len(list) != 1 || !strings.Contains(out.String(), list[0].Path) {
		t.Errorf("backup made %v and said %q; want one automatic backup named in the output", list, out)
	}

	// More history, then restore the copy: the newer file is kept aside.
	seedHistory(t, env, historySessions[2])
	out.Reset()
	if code := runRestore(ctx, env, []string{dst}); code != ExitOK {
		t.Fatalf("restore = %d; stderr %s", code, errb)
	}
	if !strings.Contains(out.String(), "history.db.replaced-") {
		t.Errorf("restore said %q; want the kept-aside file named", out)
	}
	out.Reset()
	if code := runHistory(ctx, env, []string{"--json"}); code != ExitOK || strings.Count(out.String(), `"id"`) != 2 {
		t.Errorf("history after restore = %d, %s; want the 2 backed-up sessions", code, out)
	}
}

func TestRestoreErrors(t *testing.T) {
	env, _, errb := storeEnv(t, i18n.Chinese)
	ctx := context.Background()
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a backup"), 0o600)
	tests := []struct {
		name string
		args []string
		want int
		msg  string
	}{
		{"no file", nil, ExitUsage, env.Tr.T("store.restore.usage")},
		{"missing", []string{"/nonexistent/x.db"}, ExitUsage, env.Tr.T("store.restore.missing", "file", "/nonexistent/x.db")},
		{"damaged", []string{bad}, ExitUsage, env.Tr.T("store.restore.invalid", "file", bad)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errb.Reset()
			if got := runRestore(ctx, env, tt.args); got != tt.want {
				t.Errorf("restore %v = %d; want %d", tt.args, got, tt.want)
			}
			if !strings.Contains(errb.String(), tt.msg) {
				t.Errorf("stderr = %q; want %q", errb, tt.msg)
			}
		})
	}
	if entries, _ := os.ReadDir(env.DataDir); len(entries) != 0 {
		t.Errorf("failed restores left %d files; want none", len(entries))
	}
}

func TestCLIReportsRecovery(t *testing.T) {
	env, _, errb := storeEnv(t, i18n.English)
	seedHistory(t, env, historySessions...)
	path := filepath.Join(env.DataDir, store.FileName)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Backup(filepath.Join(env.DataDir, store.BackupDirName, "history-20261101T000000Z.db"))
	db.Close()
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := runHistory(context.Background(), env, nil); code != ExitOK {
		t.Fatalf("history = %d; stderr %s", code, errb)
	}
	for _, want := range []string{"history.db.damaged-", "3 sessions"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr = %q; want it to mention %q", errb, want)
		}
	}
}

func TestCLIReportsSalvage(t *testing.T) {
	env, _, errb := storeEnv(t, i18n.English)
	seedHistory(t, env, historySessions...)
	path := filepath.Join(env.DataDir, store.FileName)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0xA5, 0xA5, 0xA5, 0xA5}, 16) // meta 0's magic
	f.Close()
	if code := runHistory(context.Background(), env, nil); code != ExitOK {
		t.Fatalf("history = %d; stderr %s", code, errb)
	}
	for _, want := range []string{"history.db.damaged-", "rescued"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr = %q; want it to mention %q", errb, want)
		}
	}
}
