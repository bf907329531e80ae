package clocale

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, Default},
		{"C", map[string]string{"LANG": "C"}, Default},
		{"POSIX", map[string]string{"LANG": "POSIX"}, Default},
		{"C.utf8 in LC_ALL wins over a Chinese LANG", map[string]string{"LC_ALL": "C.utf8", "LANG": "zh_CN.UTF-8"}, Default},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"a real language is kept", map[string]string{"LANG": "en_GB.UTF-8"}, ""},
		{"LANGUAGE already chosen", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, "en"},
		{"nothing set", map[string]string{}, ""},
		{"Chinese", map[string]string{"LANG": "zh_CN.UTF-8"}, ""},
		{"a name that only starts with C", map[string]string{"LANG": "Ca_ES.UTF-8"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["LANGUAGE"]; got != tt.want {
				t.Errorf("LANGUAGE = %q; want %q", got, tt.want)
			}
		})
	}
}

// TestNoFyneLocaleNoise builds the real binary and runs CLI commands under
// the locales that used to make Fyne complain, with a fresh HOME: stderr
// must hold no "Fyne error" line. It proves the init order this package
// relies on, in the binary users get.
func TestNoFyneLocaleNoise(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the POSIX locale variables are read on Linux and the BSDs only")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "posdoctor")
	build := exec.Command(gobin, "build", "-o", bin, "posdoctor")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, loc := range []string{"C.UTF-8", "C", "POSIX", "C.utf8"} {
		for _, args := range [][]string{{"version"}, {"--help"}, {"help"}} {
			t.Run(loc+" "+strings.Join(args, " "), func(t *testing.T) {
				cmd := exec.Command(bin, args...)
				home := t.TempDir()
				cmd.Env = []string{"LANG=" + loc, "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
					"PATH=" + os.Getenv("PATH"), "POSDOCTOR_DATA=" + filepath.Join(home, "data")}
				var stderr strings.Builder
				cmd.Stderr = &stderr
				_ = cmd.Run() // --help may exit 2; only the noise matters here
				if strings.Contains(stderr.String(), "Fyne error") {
					t.Errorf("stderr under LANG=%s:\n%s", loc, stderr.String())
				}
			})
		}
	}
}
