package device

import (
	"testing"
	"time"

	"posdoctor/wizard/outcome"
)

var now = time.Date(2026, 11, 25, 14, 0, 0, 0, time.Local)

func TestEvalSignIn(t *testing.T) {
	tests := []struct {
		name string
		s    Status
		want Evaluation
	}{
		{name: "today", s: Status{LastSignIn: now.Add(-6 * time.Hour), Keys: KeysOK}, want: Evaluation{Level: outcome.Pass, Key: "device.eval.signin.ok"}},
		{name: "yesterday", s: Status{LastSignIn: now.Add(-24 * time.Hour), Keys: KeysOK}, want: Evaluation{Level: outcome.Fail, Key: "device.eval.signin.stale"}},
		{name: "never", s: Status{Keys: KeysOK}, want: Evaluation{Level: outcome.Fail, Key: "device.eval.signin.never"}},
		{name: "bad keys", s: Status{LastSignIn: now, Keys: KeysBad}, want: Evaluation{Level: outcome.Fail, Key: "device.eval.signin.keysbad"}},
		{name: "no keys", s: Status{LastSignIn: now, Keys: KeysNone}, want: Evaluation{Level: outcome.Fail, Key: "device.eval.signin.nokeys"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := EvalSignIn(tc.s, now)
			if got.Level != tc.want.Level || got.Key != tc.want.Key {
				t.Errorf("EvalSignIn = %v %s, want %v %s", got.Level, got.Key, tc.want.Level, tc.want.Key)
			}
		})
	}
}

func TestClockOffset(t *testing.T) {
	tests := []struct {
		name       string
		clock      time.Time
		wantOffset time.Duration
		wantLevel  outcome.Outcome
		wantText   string
	}{
		{name: "exact", clock: now, wantLevel: outcome.Pass, wantText: "+0:00"},
		{name: "30 s behind", clock: now.Add(-30 * time.Second), wantOffset: -30 * time.Second, wantLevel: outcome.Pass, wantText: "-0:30"},
		{name: "3 min ahead", clock: now.Add(3 * time.Minute), wantOffset: 3 * time.Minute, wantLevel: outcome.Warn, wantText: "+3:00"},
		{name: "10 min ahead", clock: now.Add(10 * time.Minute), wantOffset: 10 * time.Minute, wantLevel: outcome.Fail, wantText: "+10:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			off, ev := ClockOffset(Status{Clock: tc.clock}, now)
			if off != tc.wantOffset || ev.Level != tc.wantLevel || ev.Args["offset"] != tc.wantText {
				t.Errorf("ClockOffset = %v %v %q, want %v %v %q", off, ev.Level, ev.Args["offset"], tc.wantOffset, tc.wantLevel, tc.wantText)
			}
		})
	}
	if _, ev := ClockOffset(Status{}, now); ev.Level != outcome.Warn {
		t.Errorf("ClockOffset(no clock) = %v, want warn", ev.Level)
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"V2.10.1", "2.9", 1},
		{"1.4.2", "V2.0.0", -1},
		{"2.0", "2.0.0", 0},
		{"3.8.2-cn", "3.8.2", 0},
		{"", "1.0", -1},
	}
	for _, tc := range tests {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			if got := compareVersions(tc.a, tc.b); got != tc.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestEvaluations(t *testing.T) {
	tests := []struct {
		name      string
		got       Evaluation
		wantLevel outcome.Outcome
		wantKey   string
	}{
		{"firmware current", EvalFirmware(Status{Firmware: "V2.6.0", AppVersion: "3.8.2"}, "2.0", "3.0"), outcome.Pass, "device.eval.firmware.ok"},
		{"firmware old", EvalFirmware(Status{Firmware: "V1.4.2", AppVersion: "3.8.2"}, "2.0", ""), outcome.Fail, "device.eval.firmware.old"},
		{"app old", EvalFirmware(Status{Firmware: "V2.6.0", AppVersion: "2.1.0"}, "2.0", "3.0"), outcome.Fail, "device.eval.firmware.appold"},
		{"firmware unknown", EvalFirmware(Status{}, "2.0", ""), outcome.Warn, "device.eval.firmware.unknown"},
		{"hardware ok", EvalHardware(Status{Battery: 80}), outcome.Pass, "device.eval.hw.ok"},
		{"reader fault", EvalHardware(Status{SelfTest: SelfTest{CardReader: PartFault}}), outcome.Fail, "device.eval.hw.fault"},
		{"no paper", EvalHardware(Status{Paper: PaperOut, Battery: -1}), outcome.Fail, "device.eval.hw.nopaper"},
		{"paper low", EvalHardware(Status{Paper: PaperLow, Battery: -1}), outcome.Warn, "device.eval.hw.paperlow"},
		{"battery low", EvalHardware(Status{Battery: 5}), outcome.Warn, "device.eval.hw.battery"},
		{"ethernet", EvalNetwork(Status{Comm: CommEthernet, Signal: -1}), outcome.Pass, "device.eval.net.wired"},
		{"4G strong", EvalNetwork(Status{Comm: CommMobile, Signal: 85}), outcome.Pass, "device.eval.net.ok"},
		{"4G weak", EvalNetwork(Status{Comm: CommMobile, Signal: 12}), outcome.Warn, "device.eval.net.weak"},
		{"Wi-Fi very weak", EvalNetwork(Status{Comm: CommWiFi, Signal: 5}), outcome.Fail, "device.eval.net.weak"},
		{"link unknown", EvalNetwork(Status{Signal: -1}), outcome.Warn, "device.eval.net.unknown"},
		{"approved", EvalLastTxn(LastTxn{Local: LocalApproved, Code: "00"}), outcome.Pass, "device.eval.lasttxn.approved"},
		{"none", EvalLastTxn(LastTxn{Local: LocalNone}), outcome.Pass, "device.eval.lasttxn.none"},
		{"declined 12", EvalLastTxn(LastTxn{Local: LocalDeclined, Code: "12"}), outcome.Fail, "device.eval.lasttxn.code"},
		{"no reply", EvalLastTxn(LastTxn{Local: LocalNoReply}), outcome.Fail, "device.eval.lasttxn.noreply"},
		{"cancelled", EvalLastTxn(LastTxn{Local: LocalCancelled}), outcome.Fail, "device.eval.lasttxn.failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.Level != tc.wantLevel || tc.got.Key != tc.wantKey {
				t.Errorf("got %v %s, want %v %s", tc.got.Level, tc.got.Key, tc.wantLevel, tc.wantKey)
			}
		})
	}
	if got := SelfTestFailures(Status{SelfTest: SelfTest{Keypad: PartFault, Printer: PartFault, Screen: PartMissing}}); len(got) != 2 || got[0] != "device.part.keypad" || got[1] != "device.part.printer" {
		t.Errorf("SelfTestFailures = %v, want keypad and printer", got)
	}
}
