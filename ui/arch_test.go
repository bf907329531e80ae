package ui

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestImportDirection enforces DESIGN.md: only ui and main use Fyne; the
// engine, the device layer, the store and the assets import no other package
// of ours, except that device and store may import the masking leaf
// wizard/pan and device the response-code leaf wizard/respcode and the
// outcome leaf wizard/outcome, each of which imports only the standard
// library; the wizard touches neither serial
// ports nor the database.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	// The leaves are the packages of wizard/ that device/ (and, for the
	// masking rule, store/) may import: standard library only. pan is the
	// masking rule (DESIGN.md, Privacy); respcode is the one response-code
	// table, shared by the wizard's routing and the decoder; outcome is the
	// one vocabulary of check results, shared by device and the wizard.
	const (
		leaf     = "posdoctor/wizard/pan"
		respcode = "posdoctor/wizard/respcode"
		outcome  = "posdoctor/wizard/outcome"
	)
	stdlibOnly := []string{"fyne.io/", "go.bug.st/", "go.etcd.io/", "github.com/", "golang.org/", "posdoctor/"}
	rules := []struct {
		pkgs      string
		forbidden []string
		allowed   []string // exact packages allowed despite a forbidden prefix
	}{
		{"posdoctor/wizard/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/device", "posdoctor/store", "posdoctor/ui"}, nil},
		{"posdoctor/device/...", []string{"fyne.io/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/store", "posdoctor/ui"}, []string{leaf, respcode, outcome}},
		{"posdoctor/store/...", []string{"fyne.io/", "go.bug.st/", "posdoctor/wizard", "posdoctor/device", "posdoctor/ui"}, []string{leaf}},
		{leaf, stdlibOnly, []string{leaf}},
		{respcode, stdlibOnly, []string{respcode}},
		{outcome, stdlibOnly, []string{outcome}},
		{"posdoctor/assets/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/device", "posdoctor/store", "posdoctor/ui"}, nil},
		{"posdoctor/ui/cli/...", []string{"fyne.io/"}, nil},
		{"posdoctor/ui/i18n/...", []string{"fyne.io/"}, nil},
		{"posdoctor/ui/checks/...", []string{"fyne.io/"}, nil},
		{"posdoctor/ui/journal/...", []string{"fyne.io/"}, nil},
		{"posdoctor/ui/console/...", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/bbolt", "posdoctor/wizard", "posdoctor/device", "posdoctor/store", "posdoctor/assets"}, nil},
		// clocale must initialise before Fyne's lang package: standard library only.
		{"posdoctor/ui/clocale", []string{"fyne.io/", "go.bug.st/", "go.etcd.io/", "github.com/", "golang.org/", "posdoctor/"}, []string{"posdoctor/ui/clocale"}},
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
				if slices.Contains(r.allowed, dep) {
					continue
				}
				for _, f := range r.forbidden {
					if strings.HasPrefix(dep, f) {
						t.Errorf("%s depends on %s", r.pkgs, dep)
					}
				}
			}
		})
	}
}

// TestArchGUIAndCLIApart enforces DESIGN.md: the GUI and the CLI are two
// renderings of the same work and never import each other; what both need
// lives in ui/journal, ui/checks or lower.
func TestArchGUIAndCLIApart(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	deps := func(pkg string) []string {
		t.Helper()
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		return strings.Fields(string(out))
	}
	for _, dep := range deps("posdoctor/ui/cli/...") {
		if dep == "posdoctor/ui" || strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("posdoctor/ui/cli depends on %s", dep)
		}
	}
	if slices.Contains(deps("posdoctor/ui"), "posdoctor/ui/cli") {
		t.Error("the GUI (posdoctor/ui) depends on posdoctor/ui/cli")
	}
}
