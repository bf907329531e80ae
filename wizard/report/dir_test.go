package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestDefaultDir(t *testing.T) {
	home := filepath.FromSlash("/home/shop")
	p := func(s string) string { return filepath.Join(home, filepath.FromSlash(s)) }
	tests := []struct {
		name   string
		goos   string
		dirs   []string // folders that exist
		xdg    string   // contents of ~/.config/user-dirs.dirs ("" = no file)
		config string   // XDG_CONFIG_HOME
		want   string
	}{
		{"linux xdg documents", "linux", []string{p("文档"), p("Documents")}, `XDG_DOCUMENTS_DIR="$HOME/文档"` + "\n", "", p("文档")},
		{"linux xdg absolute path", "linux", []string{"/data/docs"}, `XDG_DOCUMENTS_DIR="/data/docs"`, "", "/data/docs"},
		{"linux xdg from XDG_CONFIG_HOME", "linux", []string{p("Docs")}, `XDG_DOCUMENTS_DIR="$HOME/Docs"`, "/etc/shopcfg", p("Docs")},
		{"linux xdg documents disabled, Desktop set", "linux", []string{p("桌面")}, "# comment\nXDG_DOCUMENTS_DIR=\"$HOME/\"\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\n", "", p("桌面")},
		{"linux xdg folder missing, ~/Documents", "linux", []string{p("Documents")}, `XDG_DOCUMENTS_DIR="$HOME/Gone"`, "", p("Documents")},
		{"linux no xdg file, Desktop only", "linux", []string{p("Desktop")}, "", "", p("Desktop")},
		{"linux nothing: home", "linux", nil, "", "", home},
		{"windows documents", "windows", []string{p("Documents"), p("Desktop")}, "", "", p("Documents")},
		{"windows ignores xdg", "windows", []string{p("Documents"), p("X")}, `XDG_DOCUMENTS_DIR="$HOME/X"`, "", p("Documents")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if runtime.GOOS == "windows" && tt.goos == "linux" && strings.Contains(tt.xdg, `="/`) {
				t.Skip("a Linux absolute path has no drive letter, so Windows' filepath.IsAbs rejects it")
			}
			exists := map[string]bool{}
			for _, d := range tt.dirs {
				exists[filepath.Clean(d)] = true
			}
			config := tt.config
			if config == "" {
				config = p(".config")
			}
			getenv := func(k string) string {
				if k == "XDG_CONFIG_HOME" {
					return tt.config
				}
				return ""
			}
			read := func(name string) ([]byte, error) {
				if tt.xdg != "" && name == filepath.Join(config, "user-dirs.dirs") {
					return []byte(tt.xdg), nil
				}
				return nil, os.ErrNotExist
			}
			got, err := defaultDir(tt.goos, home, getenv, func(d string) bool { return exists[filepath.Clean(d)] }, read)
			if err != nil || got != tt.want {
				t.Errorf("defaultDir() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := defaultDir("linux", "", os.Getenv, func(string) bool { return true }, os.ReadFile); !errors.Is(err, ErrNoHome) {
		t.Errorf("defaultDir without a home = %v; want ErrNoHome", err)
	}
}

// TestDefaultDirReal: on this machine the folder exists and is not the
// app's data folder.
func TestDefaultDirReal(t *testing.T) {
	dir, err := DefaultDir()
	if err != nil {
		t.Skipf("no home folder here: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("DefaultDir() = %q, which is not a folder (%v)", dir, err)
	}
	if cfg, err := os.UserConfigDir(); err == nil && dir == filepath.Join(cfg, "posdoctor") {
		t.Errorf("DefaultDir() = %q, the app's data folder", dir)
	}
}

func ExampleFileName() {
	fmt.Println(FileName(RefCode("20261125-093000-K7Q3"), time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), "pdf"))
	// Output: POSDoctor-PD-FVX5-AUD3-2026-11-25.pdf
}
