package cli

import (
	"regexp"
	"runtime/debug"
)

// DevVersion and UnknownCommit are what a build without -ldflags stamps.
const (
	DevVersion    = "0.1.0-dev"
	UnknownCommit = "unknown"
)

var tomlVersion = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

// Stamp fills in a version and commit that the linker did not stamp: the
// version from FyneApp.toml (embedded by main), the commit from the VCS
// information Go records in every build made inside a git checkout. `fyne
// package` builds the Windows .exe a second time without the -ldflags it
// was given, so without this the shipped .exe would call itself 0.1.0-dev.
func Stamp(version, commit, fyneAppTOML string, info *debug.BuildInfo) (string, string) {
	if version == DevVersion || version == "" {
		if m := tomlVersion.FindStringSubmatch(fyneAppTOML); m != nil {
			version = m[1]
		}
	}
	if (commit == UnknownCommit || commit == "") && info != nil {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				commit = s.Value[:7]
			}
		}
	}
	return version, commit
}
