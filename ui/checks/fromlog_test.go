package checks

import (
	"strings"
	"testing"

	"posdoctor/device/unionpay"
	"posdoctor/wizard"
)

func TestFromLog(t *testing.T) {
	log := "2026-11-25 14:03:27.016 [RECV] 00 64 60 00 00 00 03 60 31 00 31 FF F1 02 10 70 3C 00 80 0A C0 80 10 19 62 22 02 12 34 56 78 90 12 80 00 00 00 00 00 00 01 28 00 00 01 23 14 03 27 11 25 28 12 00 31 34 30 33 32 37 30 30 30 31 32 33 31 32 31 32 33 34 35 36 37 38 38 39 38 33 31 30 30 34 38 31 36 31 32 33 34 31 35 36 00 12 22 00 00 12 00 05\n"
	lg, err := unionpay.ReadLog(strings.NewReader(log), unionpay.LogLimits{})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := lg.NewestFailed()
	if !ok {
		t.Fatalf("no failed answer in %+v", lg)
	}
	r := FromLog(e, "pos.log")
	if r.Outcome != wizard.Fail || r.Code != "12" || r.Summary != "check.log.response.fail" {
		t.Errorf("FromLog = %v %s %s; want fail, 12", r.Outcome, r.Code, r.Summary)
	}
	facts := map[string]string{}
	for _, f := range r.Evidence {
		facts[f.Key] = f.Value
	}
	for k, want := range map[string]string{
		"evidence.basis": "evidence.basis.reported", "evidence.log.file": "pos.log", "evidence.log.line": "1",
		"evidence.log.time": "2026-11-25 14:03:27.016", "evidence.log.amount": "128.00", "evidence.log.card": "622202*********0128",
		"evidence.log.trace": "000123", "evidence.log.code": "12", "evidence.log.meaning": "decode.rc.12.meaning",
	} {
		if facts[k] != want {
			t.Errorf("evidence %s = %q; want %q", k, facts[k], want)
		}
	}
	s, err := wizard.Start(wizard.MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.JumpWith(wizard.EvidenceLogResponse, r); err != nil {
		t.Fatalf("JumpWith error %v", err)
	}
	if got, want := s.Current().ID, wizard.MainFlow.CodeTarget("12"); got != want {
		t.Errorf("session at %s; want %s", got, want)
	}
}
