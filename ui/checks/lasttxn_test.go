package checks

import (
	"context"
	"regexp"
	"testing"
	"time"

	"posdoctor/device/sim"
	"posdoctor/wizard"
)

// TestLastTxnEvidenceIsDecodedAndMasked: the last transaction's reply is
// decoded into fields support can read, the card masked, no raw bytes.
func TestLastTxnEvidenceIsDecodedAndMasked(t *testing.T) {
	w := startWorld(t, sim.ScenarioCode, "12", sim.HostConfig{})
	r := registry(t, loopbackNet(Config{Port: w.term.Path(), Lister: fakeLister{}, Timeout: 3 * time.Second}))
	res := r.Run(context.Background(), wizard.CheckTerminalLastTxn, 3*time.Second)
	if res.Code != "12" {
		t.Fatalf("code = %q, want 12 (%+v)", res.Code, res)
	}
	if !hasFact(res, "evidence.txn.kind", "decode.tx.sale") {
		t.Errorf("evidence %v lacks the decoded kind", res.Evidence)
	}
	for _, key := range []string{"evidence.txn.trace", "evidence.txn.tid", "evidence.txn.mid"} {
		if !hasKey(res, key) {
			t.Errorf("evidence lacks %s: %v", key, res.Evidence)
		}
	}
	long := regexp.MustCompile(`\d{13,19}`)
	for _, f := range res.Evidence {
		for _, run := range long.FindAllString(f.Value, -1) {
			if luhn(run) && f.Key != "evidence.txn.mid" {
				t.Errorf("%s = %q holds what may be a full card number", f.Key, f.Value)
			}
		}
		if f.Key == "evidence.txn.raw" {
			t.Errorf("raw bytes in the evidence")
		}
	}
}

func luhn(d string) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}
