package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckOutput(t *testing.T) {
	if os.Getenv("POSDOCTOR_WINE") == "1" {
		t.Skip("under Wine: symbolic and hard links to the history are not recognised as the same file (file identity under Wine 8); not verified on real Windows")
	}
	path := seedWithBackup(t, 1)
	dir := filepath.Dir(path)
	other := t.TempDir()
	os.Symlink(path, filepath.Join(other, "link.db"))
	os.Symlink(dir, filepath.Join(other, "datadir"))
	os.Link(path, filepath.Join(other, "hard.db"))
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600)
	list, _ := Backups(path)
	t.Chdir(dir)
	refused := []string{
		path,
		FileName,                           // relative
		"./sub/../" + FileName,             // relative, roundabout
		path + lockSuffix,                  // the lock file
		path + ".damaged-20261125T100000Z", // a file kept aside
		filepath.Join(other, "link.db"),    // symlink to the file
		filepath.Join(other, "datadir", FileName),
		filepath.Join(other, "hard.db"), // hard link
		list[0].Path,                    // a backup
		filepath.Join(BackupDirName, "new.pdf"),
		BackupDirName,
	}
	for _, out := range refused {
		if err := CheckOutput(path, out); !errors.Is(err, ErrProtectedPath) {
			t.Errorf("CheckOutput(%q) = %v; want ErrProtectedPath", out, err)
		}
	}
	allowed := []string{
		filepath.Join(other, "report.pdf"),
		filepath.Join(dir, "report.pdf"),
		filepath.Join(dir, "notes.txt"),
		"report.json",
	}
	for _, out := range allowed {
		if err := CheckOutput(path, out); err != nil {
			t.Errorf("CheckOutput(%q) = %v; want nil", out, err)
		}
	}
}
