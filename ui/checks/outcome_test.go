package checks

import (
	"testing"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/wizard"
)

// TestOutcomeEveryLevel passes every device level, from a netcheck verdict
// and from a device evaluation alike, on as the wizard outcome of the same
// name; a level outside the four is a failure, never a pass.
func TestOutcomeEveryLevel(t *testing.T) {
	tests := []struct {
		level wizard.Outcome
		want  wizard.Outcome
	}{
		{wizard.Skipped, wizard.Skipped},
		{wizard.Pass, wizard.Pass},
		{wizard.Warn, wizard.Warn},
		{wizard.Fail, wizard.Fail},
		{wizard.Outcome(-1), wizard.Fail},
		{wizard.Outcome(99), wizard.Fail},
	}
	for _, tc := range tests {
		fromV := fromVerdict(netcheck.Verdict{Level: tc.level, Summary: "check.x.y"}).Outcome
		fromE := fromEvaluation(device.Evaluation{Level: tc.level, Key: "check.x.y"}).Outcome
		if fromV != tc.want || fromE != tc.want {
			t.Errorf("%v: verdict → %v, evaluation → %v; want %v", tc.level, fromV, fromE, tc.want)
		}
	}
}
