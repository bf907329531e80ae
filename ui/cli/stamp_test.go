package cli

import (
	"runtime/debug"
	"testing"
)

func TestStamp(t *testing.T) {
	toml := "[Details]\n  Name = \"POS Doctor\"\n  Version = \"1.2.3\"\n  Build = 7\n"
	vcs := &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}}}
	tests := []struct {
		name                 string
		version, commit      string
		toml                 string
		info                 *debug.BuildInfo
		wantVersion, wantCom string
	}{
		{"stamped by the linker wins", "2.0.0", "fedcba9", toml, vcs, "2.0.0", "fedcba9"},
		{"unstamped: FyneApp.toml and VCS", DevVersion, UnknownCommit, toml, vcs, "1.2.3", "0123456"},
		{"no VCS info", DevVersion, UnknownCommit, toml, &debug.BuildInfo{}, "1.2.3", UnknownCommit},
		{"no build info", DevVersion, UnknownCommit, toml, nil, "1.2.3", UnknownCommit},
		{"no Version line", DevVersion, UnknownCommit, "[Details]\n", nil, DevVersion, UnknownCommit},
		{"short revision ignored", DevVersion, UnknownCommit, toml, &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}, "1.2.3", UnknownCommit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, c := Stamp(tt.version, tt.commit, tt.toml, tt.info)
			if v != tt.wantVersion || c != tt.wantCom {
				t.Errorf("Stamp = %q, %q; want %q, %q", v, c, tt.wantVersion, tt.wantCom)
			}
		})
	}
}
