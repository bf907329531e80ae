package wizard

import (
	"slices"

	"posdoctor/wizard/respcode"
)

// Grade is the basis of a finding: how the session came to name it. The
// verdict's wording follows it: measured and reported say "found the
// cause", inferred says "most likely cause", with what would confirm it and
// the next most likely cause. Grades are stored in history: never rename.
type Grade string

// The grades, strongest first.
const (
	GradeMeasured Grade = "measured" // a check on this PC or this terminal showed it
	GradeReported Grade = "reported" // a response code or the terminal said so
	GradeInferred Grade = "inferred" // from the owner's answers only
)

// Key returns the translation key of the grade's verdict heading, such as
// "verdict.grade.inferred" ("最可能的原因").
func (g Grade) Key() string { return "verdict.grade." + string(g) }

// SaleState is what the session knows about the sale that failed: whether
// the money moved. Only SaleDeclined makes taking the payment again safe.
type SaleState string

// The sale states.
const (
	// SaleUnknown: not read, the terminal could not be read, or the
	// reading was not of this sale.
	SaleUnknown SaleState = "unknown"
	// SaleApproved: the terminal (or its slip) says the money was taken.
	SaleApproved SaleState = "approved"
	// SaleDeclined: the terminal reported this very sale declined,
	// reversed or cancelled: no money was taken.
	SaleDeclined SaleState = "declined"
	// SalePending: no reply from the host; a reversal may be pending.
	SalePending SaleState = "pending"
)

// saleOf reads a last-transaction result: the state the check set, or
// (for results written before it did) its outcome and code. A failure with
// no response code is a terminal that could not be read, never a decline.
func saleOf(r Result) SaleState {
	if r.Sale != "" {
		return r.Sale
	}
	code := respcode.Normalize(r.Code)
	approved := codeApproved(code)
	switch {
	case r.Outcome == Warn:
		return SalePending
	case r.Outcome == Pass || (code != "" && approved):
		return SaleApproved
	case r.Outcome == Fail && code != "":
		return SaleDeclined
	}
	return SaleUnknown
}

// codeSale is what a response code typed or decoded elsewhere says.
func codeSale(code string) SaleState {
	if codeApproved(code) {
		return SaleApproved
	}
	return SaleDeclined
}

// Sale returns what the session knows about the failed sale, from the
// terminal's last transaction, a code typed from its screen, and answers
// that say what the screen, the slip or 末笔查询 showed (Answer.Sale). The
// latest statement wins.
func (s *Session) Sale() SaleState { return s.saleUpTo(len(s.trail)) }

// saleUpTo is Sale as known after the first n records of the trail.
func (s *Session) saleUpTo(n int) SaleState {
	state := SaleUnknown
	for _, r := range s.trail[:n] {
		state = s.saleAfter(state, r)
	}
	return state
}

// saleAfter is what the sale state becomes after record r.
func (s *Session) saleAfter(state SaleState, r Record) SaleState {
	if res, ok := r.Results[CheckTerminalLastTxn]; ok {
		state = saleOf(res)
	}
	st, _ := s.flow.Step(r.Step)
	if r.Code != "" && (st.Kind == KindQuestion || r.Results == nil) {
		state = codeSale(r.Code) // typed, or jumped from elsewhere
	}
	for _, a := range st.Answers {
		if a.ID == r.Answer && a.Sale != "" {
			state = a.Sale
		}
	}
	return state
}

// SaleFacts returns the evidence of the terminal's last transaction (type,
// result, time, amount, masked card, code), for a money verdict to show
// the sale it is about, or nil if it was not read.
func (s *Session) SaleFacts() []Fact {
	for i := len(s.trail) - 1; i >= 0; i-- {
		if res, ok := s.trail[i].Results[CheckTerminalLastTxn]; ok {
			var out []Fact
			for _, f := range res.Evidence {
				if slices.Contains(saleFactKeys, f.Key) {
					out = append(out, f)
				}
			}
			return out
		}
	}
	return nil
}

// saleFactKeys are the facts that identify a sale; never the raw reply.
var saleFactKeys = []string{"evidence.txn.type", "evidence.txn.kind", "evidence.txn.result", "evidence.txn.time",
	"evidence.txn.amount", "evidence.txn.card", "evidence.txn.code", "evidence.txn.trace"}

// InvitesCharge reports whether the step, as shown, asks the owner to run
// the sale again or take the payment another way (another card, QR code,
// cash): a retry instruction, or a finding whose remedies do.
func (f *Flow) InvitesCharge(st Step) bool {
	if !f.AboutSale {
		return false
	}
	switch st.Kind {
	case KindInstruction:
		return st.Retry
	case KindFinding:
		return findings[st.Finding].Retry
	}
	return false
}

// Hold reports whether the current step must be shown behind the money
// guard: it invites another charge while the session has no
// terminal-reported decline of the sale. The screen then leads with
// "don't charge again until 末笔查询 or the bank's record confirms".
func (s *Session) Hold() bool { return s.flow.InvitesCharge(s.Current()) && s.Sale() != SaleDeclined }

// HoldKey returns the translation key of the money guard's words for the
// current sale state, or "" when no hold applies.
func (s *Session) HoldKey() string {
	if !s.Hold() {
		return ""
	}
	return s.Sale().holdKey()
}

// holdKey is the translation key of the money guard's words for the sale
// state: "verdict.hold.<state>".
func (s SaleState) holdKey() string { return "verdict.hold." + string(s) }

// grade works out how the finding at trail position i (len(trail) for the
// current step) was reached, from the nearest evidence before it: a
// response code, a readable last transaction, or an answer saying what the
// terminal's screen, slip or 末笔查询 showed (reported); a check's warning
// or failure, or checks that passed and led straight to it (measured);
// otherwise the owner's answers alone (inferred). Questions that only
// refine the evidence keep its grade; an earlier finding ends the search.
func (s *Session) grade(i int) Grade {
	for j := i - 1; j >= 0; j-- {
		r := s.trail[j]
		st, _ := s.flow.Step(r.Step)
		if r.Code != "" {
			return GradeReported
		}
		switch st.Kind {
		case KindFinding:
			return GradeInferred
		case KindQuestion:
			for _, a := range st.Answers {
				if a.ID == r.Answer && (a.Sale == SaleDeclined || a.Sale == SaleApproved || a.Sale == SalePending) {
					return GradeReported
				}
			}
			continue
		case KindInstruction:
			continue
		}
		if res, ok := r.Results[CheckTerminalLastTxn]; ok && saleOf(res) != SaleUnknown {
			return GradeReported
		}
		passed := false
		for id, res := range r.Results {
			switch {
			case id == CheckTerminalLastTxn:
			case res.Outcome == Warn || res.Outcome == Fail:
				return GradeMeasured
			case res.Outcome == Pass:
				passed = true
			}
		}
		if passed && j == i-1 {
			return GradeMeasured
		}
		return GradeInferred
	}
	return GradeInferred
}

// foundBy returns the checks whose warning or failure routed the session
// towards the finding at trail position i: a fix of that finding counts
// only when these pass again.
func (s *Session) foundBy(i int) []CheckID {
	for j := i - 1; j >= 0; j-- {
		r := s.trail[j]
		st, _ := s.flow.Step(r.Step)
		if st.Kind == KindFinding {
			return nil
		}
		if st.Kind != KindCheck {
			continue
		}
		for _, rule := range st.Rules {
			if rule.Next == r.Next && r.Results[rule.Check].Outcome == rule.Outcome && rule.Outcome != Pass && rule.Outcome != Skipped {
				if rule.Check == CheckTerminalLastTxn {
					return nil
				}
				return []CheckID{rule.Check}
			}
		}
		return nil
	}
	return nil
}

// cutoverCodes are the codes whose finding may mention the daily cut-over
// around midnight; without one of them the app does not talk about it.
var cutoverCodes = map[string]bool{"90": true, "96": true, "98": true}

// runnerUp is, for a finding named from answers only, the next most likely
// cause to name beside it. What would confirm it is said per layer
// (ConfirmKey).
var runnerUp = map[FindingID]FindingID{
	"hw.screen": "sw.crash", "hw.keypad": "sw.crash", "hw.card-reader": "card.damaged", "hw.cable": "hw.usb-port",
	"hw.usb-port": "hw.cable", "hw.power": "hw.cable", "pc.driver": "hw.cable", "pc.port-busy": "usb.no-answer",
	"sw.crash": "usb.no-answer", "sw.outdated": "sw.incompatible", "sw.incompatible": "sw.misconfig",
	"sw.misconfig": "sw.not-signed-in", "sw.not-signed-in": "sw.keys", "sw.keys": "sw.not-signed-in",
	"sw.clock": "sw.misconfig", "usb.no-answer": "sw.crash", "usb.not-seen": "hw.power",
	"net.offline": "net.unstable", "net.unstable": "net.weak-signal", "net.weak-signal": "net.unstable",
	"net.congestion": "net.bandwidth", "net.bandwidth": "net.congestion", "net.dns": "net.offline",
	"net.host-unreachable": "pay.outage", "usb.link-quality": "hw.cable",
	"pay.upgrade": "pay.maintenance", "pay.maintenance": "pay.outage", "pay.outage": "net.host-unreachable",
	"bank.param-mismatch": "host.merchant-config", "bank.slow": "net.unstable", "bank.maintenance": "bank.slow",
	"op.wrong-amount": "op.wrong-steps", "op.wrong-method": "op.wrong-steps", "op.wrong-steps": "card.not-permitted",
	"op.pin-wrong": "card.pin-locked", "op.timeout": "net.unstable", "op.void-after-cutoff": "op.original-not-approved",
	"op.original-not-approved": "op.void-after-cutoff",
	"card.expired":             "card.declined", "card.lost-frozen": "card.declined", "card.limit": "card.insufficient",
	"card.insufficient": "card.limit", "card.not-permitted": "host.merchant-config", "card.needs-chip": "hw.card-reader",
	"card.pin-locked": "op.pin-wrong", "card.invalid-number": "card.damaged", "card.damaged": "hw.card-reader",
	"card.declined": "card.insufficient", "host.merchant-config": "card.not-permitted",
	"code.other": "code.unknown", "code.unknown": "code.other", "cause.unclear": "pay.outage",
	"wait.card": "card.declined", "wait.fallback": "cause.unclear",
}

// ConfirmKey returns the translation key of what would confirm a finding
// named from answers: "verdict.confirm.<layer>".
func ConfirmKey(f Finding) string {
	l := f.Layer
	if l == LayerNone {
		return "verdict.confirm.none"
	}
	return "verdict.confirm." + string(l)
}
