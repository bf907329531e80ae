package netcheck

import (
	"time"

	"posdoctor/wizard/outcome"
)

// clockSkewWarn is how far apart two clocks may be before EvaluateClock
// warns. Hosts reject or flag transactions whose time is far off, and a
// terminal with a wrong date prints wrong receipts and settles into the
// wrong day.
const clockSkewWarn = 5 * time.Minute

// Clocks holds the three times to compare. A zero Terminal or Host means
// that clock was not read.
type Clocks struct {
	PC       time.Time // this PC's clock when the others were read
	Terminal time.Time // from the terminal's status
	Host     time.Time // from fields 12/13 of a host reply
}

// EvaluateClock compares the clocks. With a host time, it is the reference:
// a terminal more than clockSkewWarn away from it warns first (its clock
// stamps the transactions), then the PC. Without a host time, a terminal
// and PC apart warn without saying which is wrong. Skipped when neither the
// terminal's nor the host's time is known. Evidence lists every known
// difference, signed (positive: ahead).
func EvaluateClock(c Clocks) Verdict {
	v := Verdict{Level: outcome.Pass, Summary: "check.host.clock.pass"}
	if c.Terminal.IsZero() && c.Host.IsZero() {
		return Verdict{Level: outcome.Skipped, Summary: "check.host.clock.unknown"}
	}
	v.Evidence = append(v.Evidence, fact("evidence.clock.pc", c.PC.Format(time.DateTime+" MST")))
	if !c.Terminal.IsZero() {
		v.Evidence = append(v.Evidence,
			fact("evidence.clock.terminal", c.Terminal.Format(time.DateTime+" MST")),
			fact("evidence.clock.terminal_vs_pc", skew(c.Terminal.Sub(c.PC))))
	}
	if !c.Host.IsZero() {
		v.Evidence = append(v.Evidence,
			fact("evidence.clock.host", c.Host.Format(time.DateTime+" MST")),
			fact("evidence.clock.pc_vs_host", skew(c.PC.Sub(c.Host))))
		if !c.Terminal.IsZero() {
			v.Evidence = append(v.Evidence, fact("evidence.clock.terminal_vs_host", skew(c.Terminal.Sub(c.Host))))
		}
	}
	far := func(a, b time.Time) bool { return absDur(a.Sub(b)) > clockSkewWarn }
	switch {
	case !c.Host.IsZero() && !c.Terminal.IsZero() && far(c.Terminal, c.Host):
		v.Level, v.Summary = outcome.Warn, "check.host.clock.terminal_off"
		v.Args = map[string]string{"skew": skew(c.Terminal.Sub(c.Host))}
	case !c.Host.IsZero() && far(c.PC, c.Host):
		v.Level, v.Summary = outcome.Warn, "check.host.clock.pc_off"
		v.Args = map[string]string{"skew": skew(c.PC.Sub(c.Host))}
	case c.Host.IsZero() && far(c.Terminal, c.PC):
		v.Level, v.Summary = outcome.Warn, "check.host.clock.mismatch"
		v.Args = map[string]string{"skew": skew(c.Terminal.Sub(c.PC))}
	}
	return v
}

// skew formats a signed difference rounded to the second: "+0s", "-7m30s".
func skew(d time.Duration) string {
	d = d.Round(time.Second)
	if d >= 0 {
		return "+" + d.String()
	}
	return d.String()
}
