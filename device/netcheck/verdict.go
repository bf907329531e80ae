package netcheck

import "posdoctor/wizard/outcome"

// Fact is one piece of evidence: a translation key and a plain value.
type Fact struct {
	Key   string
	Value string
}

// Verdict is what an Evaluate function concluded from a measurement.
type Verdict struct {
	// Level is how the check went (outcome.Skipped when it did not run).
	Level outcome.Outcome
	// Summary is a translation key for one sentence; Args fills its template.
	Summary string
	Args    map[string]string
	// Evidence lists what was measured, in the order to show it.
	Evidence []Fact
	// Detail is raw error text for a details area; never the main message.
	Detail string
}

// fact is shorthand for a Fact literal.
func fact(key, value string) Fact { return Fact{Key: key, Value: value} }

// errDetail returns err's text, or "" for nil.
func errDetail(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
