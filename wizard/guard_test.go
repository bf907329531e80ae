package wizard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The money guard's oracle, written apart from the engine: which steps
// invite another charge, and which answers report what the terminal said
// about the sale.
var (
	// chargeSteps are the steps that take the payment again (same card,
	// another card, QR code or cash) when the owner follows them.
	chargeSteps = map[StepID]bool{
		"m.othercard": true, "m.reader": true, "m.signin": true, "m.router": true,
		"w.insert": true, "w.tap": true, "w.other": true,
	}
	// chargeFindings are the findings whose advice takes the payment again.
	chargeFindings = map[FindingID]bool{
		"money.declined": true, "wait.solved": true, "wait.card": true, "wait.fallback": true,
		"card.declined": true, "card.expired": true, "card.insufficient": true, "card.limit": true, "card.lost-frozen": true,
		"card.not-permitted": true, "card.needs-chip": true, "card.pin-locked": true, "card.invalid-number": true, "card.damaged": true,
		"op.pin-wrong": true, "op.timeout": true, "op.wrong-amount": true, "op.wrong-method": true, "op.wrong-steps": true,
		"bank.slow": true, "bank.maintenance": true, "bank.param-mismatch": true, "pay.outage": true, "pay.maintenance": true,
		"pay.upgrade": true, "net.congestion": true, "net.host-unreachable": true, "net.weak-signal": true,
		"hw.card-reader": true, "hw.keypad": true, "sw.crash": true,
	}
	// declineAnswers are answers that report the terminal's screen, slip or
	// 末笔查询 showing this very sale declined.
	declineAnswers = map[string]bool{
		"m.screen/invalid": true, "m.screen/pin": true, "m.screen/chip": true, "m.screen/funds": true, "m.screen/amount": true,
		"w.screen/declined": true, "w.query/failed": true, "$.receipt/failed": true, "$.query/failed": true,
		// The owner confirms that the declined sale the terminal reported is this one.
		"w.sale.declined/yes": true, "$.sale.declined/yes": true,
	}
	// forgetAnswers say the sale read was not this one (or the owner is not sure).
	forgetAnswers = map[string]bool{
		"m.sale.approved/earlier": true, "m.sale.approved/unsure": true, "w.sale.approved/earlier": true, "w.sale.approved/unsure": true,
		"w.sale.declined/earlier": true, "w.sale.declined/unsure": true, "$.sale.approved/earlier": true, "$.sale.approved/unsure": true,
		"$.sale.declined/earlier": true, "$.sale.declined/unsure": true,
		"m.screen/comms": true, "m.screen/timeout": true, "m.screen/frozen": true, "m.screen/other": true,
		"w.screen/comms": true, "w.screen/unsure": true, "w.screen/approved": true, "w.query/approved": true, "w.query/none": true,
		"$.receipt/approved": true, "$.receipt/reversal": true, "$.receipt/unknown": true, "$.query/approved": true,
		"$.query/reversal": true, "$.query/none": true,
	}
)

// terminalState is what the terminal's last transaction reads as.
type terminalState struct {
	name string
	res  Result
	// declined: this state is a terminal-reported decline of the sale.
	declined bool
}

var terminalStates = []terminalState{
	{"approved", Result{Outcome: Pass, Code: "00", Sale: SaleApproved}, false},
	{"declined", Result{Outcome: Fail, Code: "51", Sale: SaleDeclined}, true},
	{"declined-12", Result{Outcome: Fail, Code: "12", Sale: SaleDeclined}, true},
	{"no-reply", Result{Outcome: Warn, Code: "98", Sale: SalePending}, false},
	{"unreadable-fail", Result{Outcome: Fail, Summary: "check.terminal.timeout"}, false},
	{"unreadable-skip", Result{Outcome: Skipped, Summary: "check.terminal.none"}, false},
	{"old-approved-no-sale-field", Result{Outcome: Pass}, false},
}

// oracleDeclined reads the trail as a careful support engineer would: is
// there a terminal-reported decline of this sale, not since withdrawn?
func oracleDeclined(flow *Flow, trail []Record, state terminalState) bool {
	declined := false
	for _, r := range trail {
		if _, ok := r.Results[CheckTerminalLastTxn]; ok {
			declined = state.declined
		}
		st, _ := flow.Step(r.Step)
		if st.Input == InputCode && r.Code != "" {
			declined = r.Code != "00" && r.Code != "10" && r.Code != "11"
		}
		key := string(r.Step) + "/" + r.Answer
		if declineAnswers[key] {
			declined = true
		}
		if forgetAnswers[key] {
			declined = false
		}
	}
	return declined
}

// outcomeProfiles vary the other checks: all pass, then each one failing
// or warning alone.
func outcomeProfiles(f *Flow) []map[CheckID]Outcome {
	out := []map[CheckID]Outcome{{}}
	for _, st := range f.Steps {
		for _, id := range st.Checks {
			if id != CheckTerminalLastTxn {
				out = append(out, map[CheckID]Outcome{id: Fail})
			}
		}
		for _, r := range st.Rules {
			if r.Outcome == Warn && r.Check != CheckTerminalLastTxn {
				out = append(out, map[CheckID]Outcome{r.Check: Warn})
			}
		}
	}
	return out
}

// TestMoneyGuardEveryPath walks every flow against every terminal state,
// every profile of the other checks and every answer (typed codes
// included), and fails where a step or ending invites another charge
// without a terminal-reported decline and without the money guard shown.
// "No money was taken" (money.declined) must never rest on the guard: it
// needs the decline itself.
func TestMoneyGuardEveryPath(t *testing.T) {
	// Typed answers: a decline and an approval from the screen; the card
	// questions route the same whatever is typed, so one each.
	typed := map[InputKind][]string{InputCode: {"51", "00"}, InputExpiry: {"12/30"}, InputCardNumber: {"4111111111111111"}}
	walked, endings := 0, 0
	for _, flow := range Flows() {
		for _, state := range terminalStates {
			profiles := outcomeProfiles(flow)
			if testing.Short() {
				profiles = profiles[:1]
			}
			for pi, profile := range profiles {
				var walk func(s *Session, path []string)
				walk = func(s *Session, path []string) {
					walked++
					if walked > 2_000_000 {
						t.Fatal("too many paths")
					}
					if revisits(s) {
						return // a loop (a typed 00 leads back to the screen question) is walked once
					}
					st := s.Current()
					where := fmt.Sprintf("%s/%s/profile %d/%s at %s", flow.ID, state.name, pi, strings.Join(path, ","), st.ID)
					declined := oracleDeclined(flow, s.trail, state)
					invites := chargeSteps[st.ID] || (st.Kind == KindFinding && chargeFindings[st.Finding])
					if flow.AboutSale && invites && !declined && !s.Hold() {
						t.Errorf("%s invites another charge without a terminal-reported decline and without the money guard", where)
					}
					if st.Kind == KindFinding && st.Finding == "money.declined" && !declined {
						t.Errorf("%s says no money was taken without a terminal-reported decline", where)
					}
					if st.Kind == KindFinding {
						f := s.Findings()
						if got := f[len(f)-1].Hold != ""; got != s.Hold() {
							t.Errorf("%s: Found.Hold = %q but Hold() = %v", where, f[len(f)-1].Hold, s.Hold())
						}
					}
					if s.Done() {
						endings++
						return
					}
					next := func(a string) {
						c := cloneSession(s)
						var err error
						if text, ok := strings.CutPrefix(a, "="); ok {
							err = c.Input(text)
						} else {
							err = c.Answer(a)
						}
						if err != nil {
							return
						}
						advanceAll(t, c, state, profile)
						walk(c, append(path[:len(path):len(path)], a))
					}
					if st.Input != InputNone {
						for _, text := range typed[st.Input] {
							next("=" + text)
						}
					}
					for _, c := range s.Choices() {
						next(c.ID)
					}
				}
				s, err := Start(flow, clockAt(fixedNow))
				if err != nil {
					t.Fatal(err)
				}
				advanceAll(t, s, state, profile)
				walk(s, nil)
			}
		}
	}
	t.Logf("%d paths walked, %d endings", walked, endings)
}

// advanceAll submits check steps until a question, instruction or finding:
// the terminal state for the last transaction, the profile's outcomes for
// the others (else pass; with an unreadable terminal every terminal check
// is skipped).
func advanceAll(t *testing.T, s *Session, state terminalState, profile map[CheckID]Outcome) {
	t.Helper()
	unreadable := strings.HasPrefix(state.name, "unreadable")
	for s.Current().Kind == KindCheck {
		res := map[CheckID]Result{}
		for _, id := range s.Pending() {
			o := Pass
			if unreadable && strings.HasPrefix(string(id), "terminal.") {
				o = Skipped
			}
			if v, ok := profile[id]; ok {
				o = v
			}
			res[id] = Result{Outcome: o, Summary: "test"}
			if id == CheckTerminalLastTxn {
				res[id] = state.res
			}
		}
		if err := s.Submit(res); err != nil {
			t.Fatal(err)
		}
	}
}

// cloneSession copies a session so a walk can branch from it.
func cloneSession(s *Session) *Session {
	c := *s
	c.trail = slices.Clone(s.trail)
	c.fixes = slices.Clone(s.fixes)
	return &c
}

// revisits reports whether the session has been at its current step
// twice before: a loop (a typed 00 leads back to the screen question) is
// walked once.
func revisits(s *Session) bool {
	n := 0
	for _, r := range s.trail {
		if r.Step == s.Current().ID {
			n++
		}
	}
	return n >= 2
}

// notSureAnswers are the answers that mean "I don't know" at a question.
var notSureAnswers = map[string]bool{"unsure": true, "unknown": true, AnswerSkip: true}

// TestEveryQuestionHasNotSure: a person may not know the answer, so every
// question offers "不知道 / not sure" (or, for the few whose list already
// covers it, an equivalent), and the flow copes.
func TestEveryQuestionHasNotSure(t *testing.T) {
	equivalent := map[StepID]string{
		"m.screen": "other", // "I don't remember"
		"w.query":  "none",  // "not there, or the inquiry cannot be done"
		"$.query":  "none",
		"m.code":   AnswerSkip,
	}
	for _, f := range Flows() {
		for _, st := range f.Steps {
			if st.Kind != KindQuestion {
				continue
			}
			ok := false
			for _, a := range st.Answers {
				ok = ok || notSureAnswers[a.ID] || equivalent[st.ID] == a.ID
			}
			if !ok {
				t.Errorf("%s %s: no \"not sure\" answer", f.ID, st.ID)
			}
		}
	}
}

// TestFixCountsOnlyWhenTheFindingCheckPasses: the fix of a finding reached
// through a failing check is verified by that very check, not merely a
// related one.
func TestFixCountsOnlyWhenTheFindingCheckPasses(t *testing.T) {
	s, _ := Start(MainFlow, clockAt(fixedNow))
	if err := s.Submit(map[CheckID]Result{CheckTerminalFound: {Outcome: Fail}, CheckTerminalPort: {Outcome: Skipped}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Answer(AnswerHelped); err != nil { // replugging helped: the USB port
		t.Fatal(err)
	}
	fix, ok := s.Fix()
	if !ok || !slices.Contains(fix.Verify, CheckTerminalFound) {
		t.Fatalf("Fix() = %+v, %v; want terminal.found among the verifying checks", fix, ok)
	}
	fixed, err := s.SubmitFix(nil, map[CheckID]Result{CheckTerminalPort: {Outcome: Pass}, CheckTerminalFound: {Outcome: Fail}})
	if err != nil || fixed {
		t.Errorf("SubmitFix with terminal.found still failing = %v, %v; want not fixed", fixed, err)
	}
	fixed, err = s.SubmitFix(nil, map[CheckID]Result{CheckTerminalPort: {Outcome: Pass}, CheckTerminalFound: {Outcome: Pass}})
	if err != nil || !fixed {
		t.Errorf("SubmitFix with both passing = %v, %v; want fixed", fixed, err)
	}

	// The clock: its fix is reading the clock again.
	s, _ = Start(SelfTestFlow, clockAt(fixedNow))
	for s.Current().Kind == KindCheck {
		res := map[CheckID]Result{}
		for _, id := range s.Pending() {
			res[id] = Result{Outcome: Pass}
		}
		res[CheckTerminalClock] = Result{Outcome: Fail}
		if err := s.Submit(res); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Current().Finding; got != "sw.clock" {
		t.Fatalf("clock off ends at %s; want sw.clock", got)
	}
	fix, ok = s.Fix()
	if !ok || fix.Action != ActionRecheck || !slices.Equal(fix.Verify, []CheckID{CheckTerminalClock}) {
		t.Errorf("clock Fix() = %+v, %v; want re-reading terminal.clock", fix, ok)
	}
	if !NewRegistry().HasAction(ActionRecheck) {
		t.Error("a registry lacks the recheck action")
	}
}

// TestBackSkipsTheCheckBehind: back from a question that follows an
// automatic check goes to the previous question, not a re-run.
func TestBackSkipsTheCheckBehind(t *testing.T) {
	s, _ := Start(MainFlow, clockAt(fixedNow))
	pass := func() {
		for s.Current().Kind == KindCheck {
			res := map[CheckID]Result{}
			for _, id := range s.Pending() {
				res[id] = Result{Outcome: Pass}
			}
			res[CheckTerminalLastTxn] = Result{Outcome: Skipped}
			if err := s.Submit(res); err != nil {
				t.Fatal(err)
			}
		}
	}
	pass()
	if err := s.Answer("comms"); err != nil { // m.screen → m.net (check) → m.every
		t.Fatal(err)
	}
	pass()
	if s.Current().ID != "m.every" {
		t.Fatalf("at %s; want m.every", s.Current().ID)
	}
	if err := s.Back(); err != nil {
		t.Fatal(err)
	}
	if s.Current().ID != "m.screen" {
		t.Errorf("Back from m.every went to %s; want m.screen (not a re-run of m.net)", s.Current().ID)
	}
	if err := s.Back(); !errors.Is(err, ErrNoHistory) {
		t.Errorf("Back at the first question after checks only = %v; want ErrNoHistory", err)
	}
}

// TestInferredHelpForEveryProblem: every problem finding can be named from
// answers alone in some flow, so each has a next most likely cause (a real
// finding, not itself) and confirm words for its layer.
func TestInferredHelpForEveryProblem(t *testing.T) {
	msgs := loadLocale(t, "en")
	for _, id := range findingIDs() {
		fd := findings[id]
		if fd.Severity != SeverityProblem || strings.HasPrefix(string(id), "money.") {
			continue
		}
		r, ok := runnerUp[id]
		if _, known := findings[r]; !ok || !known || r == id {
			t.Errorf("finding %s: runner-up %q is not another finding", id, r)
		}
		if k := ConfirmKey(fd); msgs[k] == "" {
			t.Errorf("finding %s: no words for %s", id, k)
		}
	}
}
