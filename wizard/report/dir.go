package report

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// FileName returns the file name of a report: "POSDoctor-<ref>-<date>.<ext>",
// such as "POSDoctor-PD-7K3Q-9XA2-2026-11-25.pdf". ext is "pdf", "json" or
// "zip".
func FileName(ref string, date time.Time, ext string) string {
	return "POSDoctor-" + ref + "-" + date.Format("2006-01-02") + "." + strings.TrimPrefix(ext, ".")
}

// FileName returns the report's file name for ext, dated by when it was made.
func (r *Report) FileName(ext string) string {
	return FileName(r.doc.Ref, r.doc.Generated.In(r.in.Location), ext)
}

// DefaultDir returns where reports are saved by default: the user's
// Documents folder (Windows: %USERPROFILE%\Documents; Linux: the XDG
// documents folder from ~/.config/user-dirs.dirs, else ~/Documents), else
// the Desktop, else the home folder. It is never the app's data folder. It
// returns ErrNoHome when no home folder is known.
func DefaultDir() (string, error) {
	home, _ := os.UserHomeDir()
	if runtime.GOOS == "windows" {
		if p := os.Getenv("USERPROFILE"); p != "" {
			home = p
		}
	}
	return defaultDir(runtime.GOOS, home, os.Getenv, isDir, os.ReadFile)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// defaultDir is DefaultDir with the environment passed in, for tests.
func defaultDir(goos, home string, getenv func(string) string, isDir func(string) bool, readFile func(string) ([]byte, error)) (string, error) {
	if home == "" {
		return "", ErrNoHome
	}
	var docs, desktop string
	if goos != "windows" && goos != "darwin" {
		config := getenv("XDG_CONFIG_HOME")
		if config == "" {
			config = filepath.Join(home, ".config")
		}
		if b, err := readFile(filepath.Join(config, "user-dirs.dirs")); err == nil {
			docs, desktop = xdgDir(b, "XDG_DOCUMENTS_DIR", home), xdgDir(b, "XDG_DESKTOP_DIR", home)
		}
	}
	candidates := []string{docs, filepath.Join(home, "Documents"), desktop, filepath.Join(home, "Desktop")}
	for _, c := range candidates {
		if c != "" && isDir(c) {
			return c, nil
		}
	}
	return home, nil
}

// xdgDir reads one entry of a user-dirs.dirs file: NAME="$HOME/Documents"
// or an absolute path. It returns "" when the entry is absent or points at
// the home folder itself (XDG's way of saying "disabled").
func xdgDir(file []byte, name, home string) string {
	sc := bufio.NewScanner(bytes.NewReader(file))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) != name {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch {
		case strings.HasPrefix(v, "$HOME/"):
			v = filepath.Join(home, strings.TrimPrefix(v, "$HOME/"))
		case v == "$HOME":
			return ""
		case !filepath.IsAbs(v):
			continue
		}
		if filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return v
	}
	return ""
}
