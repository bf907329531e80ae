package outcome

import (
	"encoding/json"
	"testing"
)

func TestOutcomeNamesRoundTrip(t *testing.T) {
	for _, c := range []struct {
		o    Outcome
		name string
	}{{Skipped, "skipped"}, {Pass, "pass"}, {Warn, "warn"}, {Fail, "fail"}} {
		if c.o.String() != c.name || c.o.Key() != "wizard.outcome."+c.name {
			t.Errorf("%d: %q, %q", int(c.o), c.o.String(), c.o.Key())
		}
		b, err := json.Marshal(c.o)
		var back Outcome
		if err != nil || string(b) != `"`+c.name+`"` || json.Unmarshal(b, &back) != nil || back != c.o {
			t.Errorf("%v: JSON %s (%v) read back as %v", c.o, b, err, back)
		}
	}
	if Skipped != 0 || !(Skipped < Pass && Pass < Warn && Warn < Fail) {
		t.Error("the zero outcome must be Skipped and the order is the severity")
	}
	var o Outcome
	if err := o.UnmarshalText([]byte("ok")); err == nil {
		t.Error(`"ok" read as an outcome`)
	}
	if got := Outcome(9).String(); got != "outcome(9)" {
		t.Errorf("Outcome(9) = %q", got)
	}
}
