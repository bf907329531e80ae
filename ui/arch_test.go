package ui

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection enforces DESIGN.md: only ui and main use Fyne; the
// engine, the device layer, the store and the assets import no other package
// of ours; the wizard touches neither serial ports nor the database.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	rules := []struct {
		pkgs      string
		forbidden []string
	}{
		{"posdoctor/wizard/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/device", "posdoctor/store", "posdoctor/ui"}},
		{"posdoctor/device/...", []string{"fyne.io/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/store", "posdoctor/ui"}},
		{"posdoctor/store/...", []string{"fyne.io/", "go.bug.st/", "posdoctor/wizard", "posdoctor/device", "posdoctor/ui"}},
		{"posdoctor/assets/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/device", "posdoctor/store", "posdoctor/ui"}},
		{"posdoctor/ui/cli/...", []string{"fyne.io/"}},
		{"posdoctor/ui/i18n/...", []string{"fyne.io/"}},
		{"posdoctor/ui/checks/...", []string{"fyne.io/"}},
		{"posdoctor/ui/journal/...", []string{"fyne.io/"}},
		{"posdoctor/ui/console/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/device", "posdoctor/store", "posdoctor/assets"}},
	}
	for _, r := range rules {
		t.Run(r.pkgs, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", r.pkgs).CombinedOutput()
			if err != nil {
				if strings.Contains(string(out), "matched no packages") {
					t.Skipf("%s: no packages yet", r.pkgs)
				}
				t.Fatalf("go list -deps %s: %v\n%s", r.pkgs, err, out)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, f := range r.forbidden {
					if strings.HasPrefix(dep, f) {
						t.Errorf("%s depends on %s", r.pkgs, dep)
					}
				}
			}
		})
	}
}
