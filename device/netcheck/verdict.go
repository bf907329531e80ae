package netcheck

import "fmt"

// Level is how a check went. The values mirror the wizard's outcomes, in
// order of severity, so the caller maps them one to one.
type Level int

// The levels a Verdict can have.
const (
	Skipped Level = iota // not run: not configured, or nothing to test
	Pass
	Warn
	Fail
)

var levelNames = [...]string{Skipped: "skipped", Pass: "pass", Warn: "warn", Fail: "fail"}

// String returns "skipped", "pass", "warn" or "fail".
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// Fact is one piece of evidence: a translation key and a plain value.
type Fact struct {
	Key   string
	Value string
}

// Verdict is what an Evaluate function concluded from a measurement.
type Verdict struct {
	Level Level
	// Summary is a translation key for one sentence; Args fills its template.
	Summary string
	Args    map[string]string
	// Evidence lists what was measured, in the order to show it.
	Evidence []Fact
	// Detail is raw error text for a details area; never the main message.
	Detail string
}

// worse returns the more severe of two levels.
func worse(a, b Level) Level { return max(a, b) }

// fact is shorthand for a Fact literal.
func fact(key, value string) Fact { return Fact{Key: key, Value: value} }

// errDetail returns err's text, or "" for nil.
func errDetail(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
