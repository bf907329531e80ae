package checks

import (
	"strconv"

	"posdoctor/device/unionpay"
	"posdoctor/wizard"
)

// FromLog is the evidence of a response code read from a log file (the
// Decode screen or `decode --all`), to hand to Session.JumpWith under
// wizard.EvidenceLogResponse: the host's answer as the terminal or cash
// register recorded it, so the finding it leads to is graded "reported".
// file is the log's name (no folders, for privacy); the card stays
// masked as ReadLog left it.
func FromLog(e unionpay.LogEntry, file string) wizard.Result {
	r := wizard.Result{
		Outcome: wizard.Fail,
		Summary: "check.log.response.fail",
		Args:    map[string]string{"code": e.Code},
		Code:    e.Code,
	}
	if !e.Failed() {
		r.Outcome, r.Summary = wizard.Pass, "check.log.response.pass"
	}
	add := func(k, v string) {
		if v != "" {
			r.Evidence = append(r.Evidence, wizard.Fact{Key: k, Value: v})
		}
	}
	add("evidence.basis", "evidence.basis.reported")
	add("evidence.log.file", file)
	add("evidence.log.line", strconv.Itoa(e.Line))
	add("evidence.log.time", e.Time)
	add("evidence.log.tx", e.Kind.Key())
	if e.HasAmount {
		add("evidence.log.amount", unionpay.Yuan(e.AmountFen))
	}
	add("evidence.log.card", e.Card)
	add("evidence.log.trace", e.Trace)
	add("evidence.log.tid", e.TID)
	add("evidence.log.code", e.Code)
	add("evidence.log.meaning", e.MeaningKey())
	if e.SignInAgain {
		add("evidence.log.signin", "decode.label.signin_again")
	}
	return r
}
