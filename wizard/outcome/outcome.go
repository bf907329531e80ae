// Package outcome is the one vocabulary for what an automatic check
// concluded: skipped, pass, warn or fail, in order of severity. The wizard
// (as wizard.Outcome, an alias) and package device (the Level of its
// evaluations and of netcheck's verdicts) both use this type, so a check's
// result crosses from device to the wizard without a mapping. Standard library
// only: device may import it, as it may import wizard/pan and
// wizard/respcode.
package outcome

import "fmt"

// Outcome is what an automatic check concluded.
type Outcome int

// The outcomes a check can have. Their order is their severity; the zero
// Outcome is Skipped.
const (
	Skipped Outcome = iota // not run: not configured, or nothing to test
	Pass
	Warn
	Fail
)

var names = [...]string{Skipped: "skipped", Pass: "pass", Warn: "warn", Fail: "fail"}

// String returns "skipped", "pass", "warn" or "fail".
func (o Outcome) String() string {
	if o < 0 || int(o) >= len(names) {
		return fmt.Sprintf("outcome(%d)", int(o))
	}
	return names[o]
}

// Key returns the translation key of the outcome's display word,
// "wizard.outcome.<name>" ("正常", "注意", "有问题", "跳过"). It is the one
// word for an outcome everywhere: the GUI's badge, the command line's
// "[…]" tag, the list of what was checked and the report. The GUI's
// states of a check that has no outcome yet (queued, running) are not
// outcomes and keep their own keys in ui.
func (o Outcome) Key() string { return "wizard.outcome." + o.String() }

// MarshalText encodes the outcome as its name, so JSON stays readable.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText decodes a name written by MarshalText.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range names {
		if n == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("wizard: unknown outcome %q", b)
}
