package checks

import (
	"testing"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/wizard"
)

// TestOutcomeEveryLevel maps every device level, from a netcheck verdict
// and from a device evaluation alike, to the wizard outcome of the same
// name, one to one; a level it does not know is a failure, never a pass.
func TestOutcomeEveryLevel(t *testing.T) {
	tests := []struct {
		level device.Level
		want  wizard.Outcome
	}{
		{device.LevelSkipped, wizard.Skipped},
		{device.LevelPass, wizard.Pass},
		{device.LevelWarn, wizard.Warn},
		{device.LevelFail, wizard.Fail},
		{device.Level(-1), wizard.Fail},
		{device.Level(99), wizard.Fail},
	}
	for _, tc := range tests {
		fromV := fromVerdict(netcheck.Verdict{Level: tc.level, Summary: "check.x.y"}).Outcome
		fromE := fromEvaluation(device.Evaluation{Level: tc.level, Key: "check.x.y"}).Outcome
		if fromV != tc.want || fromE != tc.want {
			t.Errorf("%v: verdict → %v, evaluation → %v; want %v", tc.level, fromV, fromE, tc.want)
		}
	}
	// One to one: each outcome comes from exactly one level, of its name.
	seen := map[wizard.Outcome]device.Level{}
	for l, o := range levelOutcomes {
		if prev, dup := seen[o]; dup {
			t.Errorf("%v and %v both map to %v", prev, l, o)
		}
		seen[o] = l
		if l.String() != o.String() {
			t.Errorf("level %v maps to outcome %v: names differ", l, o)
		}
	}
	if len(seen) != 4 {
		t.Errorf("levels reach %d outcomes, want skipped, pass, warn and fail", len(seen))
	}
}
