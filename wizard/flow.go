package wizard

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"posdoctor/wizard/respcode"
)

// StepID names a step within a flow. Step IDs are stored in history: never
// rename one, add a new one instead.
type StepID string

// FlowID names a flow. Flow IDs are stored in history: never rename.
type FlowID string

// The built-in flows.
const (
	FlowMain     FlowID = "main"     // full troubleshooting after a failed sale
	FlowWaiting  FlowID = "waiting"  // customer is waiting: the 30-second fast path
	FlowMoney    FlowID = "money"    // did the money move after a timeout?
	FlowSelfTest FlowID = "selftest" // shift-start self-test, automatic checks only
)

// Kind is what a step does.
type Kind int

// The step kinds.
const (
	KindCheck       Kind = iota + 1 // run automatic checks, branch on their outcomes
	KindQuestion                    // one choice among answers, or a typed input
	KindInstruction                 // ask the owner to do something, then whether it helped
	KindFinding                     // a named cause with remedies
)

var kindNames = [...]string{KindCheck: "check", KindQuestion: "question", KindInstruction: "instruction", KindFinding: "finding"}

// String returns "check", "question", "instruction" or "finding".
func (k Kind) String() string {
	if k <= 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a name written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n != "" && n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("wizard: unknown step kind %q", b)
}

// InputKind says what a typed question expects. The engine validates the
// text and stores only a safe form of it.
type InputKind string

// The input kinds.
const (
	InputNone       InputKind = ""            // a plain choice among answers
	InputExpiry     InputKind = "expiry"      // MM/YY; results "valid" or "expired"
	InputCardNumber InputKind = "card-number" // 13–19 digits; results "valid", "luhn", "range"; stored masked
	InputCode       InputKind = "code"        // a response code from the screen; jumps like a decoded code
)

// The answer IDs typed inputs produce, and the standard answers of
// instructions and findings. Flows use them as Answer.ID.
const (
	ResultValid   = "valid"   // expiry in the future; card number passes Luhn and is a known card range
	ResultExpired = "expired" // expiry before this month
	ResultLuhn    = "luhn"    // card number fails the Luhn check: mistyped or not a real card
	ResultRange   = "range"   // card number outside the card ranges a UnionPay terminal takes
	AnswerSkip    = "skip"    // the owner skips an optional typed question

	AnswerHelped    = "helped"     // instruction: doing it solved the problem
	AnswerNotHelped = "not-helped" // instruction: it did not
	AnswerContinue  = "continue"   // finding with a Next step: go on
)

// StandardAnswerKey returns the translation key of a standard answer of
// instructions and findings (AnswerHelped, AnswerNotHelped,
// AnswerContinue): "wizard.answer.<id>".
func StandardAnswerKey(id string) string { return "wizard.answer." + id }

var inputResults = map[InputKind][]string{
	InputExpiry:     {ResultValid, ResultExpired},
	InputCardNumber: {ResultValid, ResultLuhn, ResultRange},
}

// Answer is one choice of a question. ID is stored in history: never rename.
type Answer struct {
	ID    string // stable, e.g. "void"
	Label string // translation key
	Next  StepID
	// Sale is what this answer says about the failed sale, when it reports
	// what the terminal's screen, slip or 末笔查询 showed (or resets it,
	// SaleUnknown, when the sale read was not this one); "" for none.
	Sale SaleState
}

// Rule routes a check step by one check's outcome. Rules are tried in order
// before the step's outcome edges; the first whose Check has exactly Outcome
// wins.
type Rule struct {
	Check   CheckID
	Outcome Outcome
	Next    StepID
}

// Step is one node of a flow. Which fields matter depends on Kind:
//
//   - KindCheck: Checks (run together); Rules in order; then, with
//     JumpOnCode, a response code in any result jumps through the flow's
//     code table; then OnPass/OnWarn/OnFail/OnSkip by the worst outcome (an
//     empty OnWarn falls back to OnFail, an empty OnSkip to OnPass).
//   - KindQuestion: Answers; with Input set, the typed text is validated and
//     the answer whose ID is the validation result is taken (InputCode
//     jumps through the code table). An Answer with ID AnswerSkip lets the
//     owner skip a typed question.
//   - KindInstruction: OnHelped and OnNotHelped.
//   - KindFinding: Finding; Next (optional) continues the flow, otherwise
//     the session is finished.
type Step struct {
	ID    StepID
	Kind  Kind
	Title string // translation key: the question, instruction or check title
	Body  string // optional translation key: more explanation

	Checks                         []CheckID
	Rules                          []Rule
	OnPass, OnWarn, OnFail, OnSkip StepID
	JumpOnCode                     bool

	Answers []Answer
	Input   InputKind

	OnHelped, OnNotHelped StepID
	// Retry marks an instruction that runs the sale again or takes the
	// payment another way (see Finding.Retry).
	Retry bool
	// ShowSale asks the screen to show the terminal's last transaction
	// (Session.SaleFacts) with the question: "is this the sale you mean?"
	ShowSale bool
	// Search offers a box to type what the terminal's screen said
	// (Session.Search) beside the list of answers.
	Search bool

	Finding FindingID
	Next    StepID

	// Retired marks a step no edge leads to any more, kept so that stored
	// sessions that reached it still resume (IDs are never removed).
	Retired bool

	// hasBody marks a built-in step with an explanation under its own key,
	// flows.<id>.body; keyed sets Body from it.
	hasBody bool
}

// Flow is a decision tree as data. Declare flows as literals; check them
// with Validate.
type Flow struct {
	ID    FlowID
	Title string // translation key
	Start StepID
	Steps []Step
	// Codes routes response codes; required when a step jumps on codes.
	Codes *CodeTable
	// AboutSale marks a flow run after a failed sale: its endings that take
	// the payment again go through the money guard (Session.Hold).
	AboutSale bool
}

// keyed fills in the translation keys a built-in flow leaves out, from the
// IDs: the flow's title flows.<flow>.title, a step's title flows.<step>
// (findings have none), its explanation flows.<step>.body (hasBody), an
// answer's label flows.<step>.<answer>. Keys written out stay: they are
// words shared with other steps. It returns f.
func keyed(f *Flow) *Flow {
	if f.Title == "" {
		f.Title = "flows." + string(f.ID) + ".title"
	}
	for i := range f.Steps {
		s := &f.Steps[i]
		key := "flows." + string(s.ID)
		if s.Title == "" && s.Kind != KindFinding {
			s.Title = key
		}
		if s.hasBody && s.Body == "" {
			s.Body = key + ".body"
		}
		for j := range s.Answers {
			if a := &s.Answers[j]; a.Label == "" {
				a.Label = key + "." + a.ID
			}
		}
	}
	return f
}

// CodeTable routes a response code to a step: a specific code first, then
// approved codes, then the code's category, then Unknown. Every code thus
// lands somewhere.
type CodeTable struct {
	Codes      map[string]StepID
	Approved   StepID
	Categories map[respcode.Category]StepID
	Unknown    StepID
}

// Step returns the step with id.
func (f *Flow) Step(id StepID) (Step, bool) {
	for _, s := range f.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// CodeTarget returns the step a response code jumps to. The code is
// normalised (trimmed, upper case) first. It returns "" if the flow has no
// code table.
func (f *Flow) CodeTarget(code string) StepID {
	t := f.Codes
	if t == nil {
		return ""
	}
	code = respcode.Normalize(code)
	if next, ok := t.Codes[code]; ok {
		return next
	}
	info, ok := respcode.Lookup(code)
	if !ok {
		return t.Unknown
	}
	if info.Approved() {
		return t.Approved
	}
	if next, ok := t.Categories[info.Category]; ok {
		return next
	}
	return t.Unknown
}

// codeApproved reports whether a response code means approved (POS class
// A); an unknown code does not.
func codeApproved(code string) bool {
	c, _ := respcode.Lookup(code)
	return c.Approved()
}

// edge is one outgoing edge of a step, for validation and drawing.
type edge struct {
	label string
	to    StepID
}

// edges lists the step's outgoing edges in a stable order, code jumps
// excluded.
func (s Step) edges() []edge {
	var out []edge
	switch s.Kind {
	case KindCheck:
		for _, r := range s.Rules {
			out = append(out, edge{string(r.Check) + " " + r.Outcome.String(), r.Next})
		}
		for _, e := range []edge{{"pass", s.OnPass}, {"warn", s.OnWarn}, {"fail", s.OnFail}, {"skipped", s.OnSkip}} {
			if e.to != "" {
				out = append(out, e)
			}
		}
	case KindQuestion:
		for _, a := range s.Answers {
			out = append(out, edge{a.ID, a.Next})
		}
	case KindInstruction:
		out = append(out, edge{AnswerHelped, s.OnHelped}, edge{AnswerNotHelped, s.OnNotHelped})
	case KindFinding:
		if s.Next != "" {
			out = append(out, edge{AnswerContinue, s.Next})
		}
	}
	return out
}

// jumps reports whether the step routes through the code table.
func (s Step) jumps() bool {
	return (s.Kind == KindCheck && s.JumpOnCode) || (s.Kind == KindQuestion && s.Input == InputCode)
}

// codeTargets lists every step the code table can reach, sorted.
func (t *CodeTable) targets() []StepID {
	set := map[StepID]bool{t.Approved: true, t.Unknown: true}
	for _, s := range t.Codes {
		set[s] = true
	}
	for _, s := range t.Categories {
		set[s] = true
	}
	out := make([]StepID, 0, len(set))
	for s := range set {
		if s != "" {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Validate checks the flow's structure and returns every problem found,
// each a *FlowError, joined (errors.Is matches ErrInvalidFlow). It rejects
// empty, unknown or duplicate step IDs, steps no path reaches, steps with
// missing edges (dead ends that are not findings), loops with no way to an
// ending finding, questions without answers, duplicate answer IDs, typed
// questions missing an answer for a validation result, unknown findings,
// and a missing or incomplete code table where a step jumps on codes. With
// reg non-nil it also rejects checks reg does not register. Actions are not
// checked: a finding whose action is unregistered simply offers no fix.
func (f *Flow) Validate(reg *Registry) error {
	v := &validator{flow: f, reg: reg}
	v.collectStepIDs()
	for _, s := range f.Steps {
		v.step(s)
	}
	v.codeTable()
	v.paths()
	return errors.Join(v.errs...)
}

// validator gathers the problems of one flow; see Flow.Validate.
type validator struct {
	flow *Flow
	reg  *Registry
	ids  map[StepID]bool // the flow's step IDs
	errs []error
}

// bad records a problem at step ("" for the flow as a whole).
func (v *validator) bad(step StepID, format string, args ...any) {
	v.errs = append(v.errs, &FlowError{Flow: v.flow.ID, Step: step, Problem: fmt.Sprintf(format, args...)})
}

// edgeTo records a problem if the edge what of step from leads nowhere or
// to a step the flow does not have.
func (v *validator) edgeTo(from StepID, what string, to StepID) {
	if to == "" {
		v.bad(from, "%s leads nowhere", what)
	} else if !v.ids[to] {
		v.bad(from, "%s leads to unknown step %s", what, to)
	}
}

// collectStepIDs checks the flow's ID, its step IDs and its start.
func (v *validator) collectStepIDs() {
	if v.flow.ID == "" {
		v.bad("", "empty flow ID")
	}
	v.ids = map[StepID]bool{}
	for _, s := range v.flow.Steps {
		if s.ID == "" {
			v.bad("", "step with empty ID")
			continue
		}
		if v.ids[s.ID] {
			v.bad(s.ID, "duplicate step")
		}
		v.ids[s.ID] = true
	}
	if !v.ids[v.flow.Start] {
		v.bad("", "start %q is not a step", v.flow.Start)
	}
}

// step checks one step: its title and what its kind needs.
func (v *validator) step(s Step) {
	if s.Title == "" && s.Kind != KindFinding {
		v.bad(s.ID, "no title key")
	}
	switch s.Kind {
	case KindCheck:
		v.checkStep(s)
	case KindQuestion:
		v.questionStep(s)
	case KindInstruction:
		v.edgeTo(s.ID, "helped", s.OnHelped)
		v.edgeTo(s.ID, "not helped", s.OnNotHelped)
	case KindFinding:
		if _, ok := findings[s.Finding]; !ok {
			v.bad(s.ID, "unknown finding %q", s.Finding)
		}
		if s.Next != "" {
			v.edgeTo(s.ID, "continue", s.Next)
		}
	default:
		v.bad(s.ID, "unknown kind %d", s.Kind)
	}
}

// checkStep checks a check step: its checks (once each, registered), its
// rules (on checks it runs) and its outcome edges.
func (v *validator) checkStep(s Step) {
	if len(s.Checks) == 0 {
		v.bad(s.ID, "check step without checks")
	}
	listed := map[CheckID]bool{}
	for _, c := range s.Checks {
		if listed[c] {
			v.bad(s.ID, "check %s listed twice", c)
		}
		listed[c] = true
		if v.reg != nil && !v.reg.Has(c) {
			v.bad(s.ID, "check %s is not registered", c)
		}
	}
	for _, r := range s.Rules {
		if !listed[r.Check] {
			v.bad(s.ID, "rule on check %s the step does not run", r.Check)
		}
		v.edgeTo(s.ID, "rule "+string(r.Check), r.Next)
	}
	v.edgeTo(s.ID, "pass", s.OnPass)
	v.edgeTo(s.ID, "fail", s.OnFail)
	for _, e := range []edge{{"warn", s.OnWarn}, {"skipped", s.OnSkip}} {
		if e.to != "" {
			v.edgeTo(s.ID, e.label, e.to)
		}
	}
}

// questionStep checks a question: its answers (present unless it takes a
// code, unique, labelled, leading somewhere) and, for a typed question, an
// answer for every validation result.
func (v *validator) questionStep(s Step) {
	if len(s.Answers) == 0 && s.Input != InputCode {
		v.bad(s.ID, "question without answers")
	}
	seen := map[string]bool{}
	for _, a := range s.Answers {
		if a.ID == "" || seen[a.ID] {
			v.bad(s.ID, "empty or duplicate answer ID %q", a.ID)
		}
		seen[a.ID] = true
		if a.Label == "" {
			v.bad(s.ID, "answer %s has no label key", a.ID)
		}
		v.edgeTo(s.ID, "answer "+a.ID, a.Next)
	}
	switch s.Input {
	case InputNone, InputCode:
	case InputExpiry, InputCardNumber:
		for _, r := range inputResults[s.Input] {
			if !seen[r] {
				v.bad(s.ID, "no answer for input result %s", r)
			}
		}
	default:
		v.bad(s.ID, "unknown input kind %q", s.Input)
	}
}

// codeTable checks, when a step jumps on response codes, that the flow has
// a code table with a branch for every category, all leading to steps.
func (v *validator) codeTable() {
	if !slices.ContainsFunc(v.flow.Steps, Step.jumps) {
		return
	}
	t := v.flow.Codes
	if t == nil {
		v.bad("", "steps jump on response codes but the flow has no code table")
		return
	}
	v.edgeTo("codes", "approved", t.Approved)
	v.edgeTo("codes", "unknown", t.Unknown)
	for code, to := range t.Codes {
		v.edgeTo("codes", "code "+code, to)
	}
	for _, c := range respcode.Categories() {
		if _, ok := t.Categories[c]; !ok {
			v.bad("codes", "no branch for category %s", c)
		}
	}
	for c, to := range t.Categories {
		v.edgeTo("codes", "category "+string(c), to)
	}
}

// paths checks that every step but a retired one is reachable from the
// start and has a way to an ending finding.
func (v *validator) paths() {
	for _, id := range v.flow.unreachable() {
		if st, _ := v.flow.Step(id); st.Retired {
			continue
		}
		v.bad(id, "unreachable")
	}
	for _, id := range v.flow.trapped() {
		v.bad(id, "no way to an ending finding")
	}
}

// trapped returns the steps from which no path leads to a finding that ends
// the flow (a loop with no way out), in flow order.
func (f *Flow) trapped() []StepID {
	ends := map[StepID]bool{}
	for changed := true; changed; {
		changed = false
		for _, s := range f.Steps {
			if ends[s.ID] {
				continue
			}
			ok := s.Kind == KindFinding && s.Next == ""
			for _, e := range s.edges() {
				ok = ok || ends[e.to]
			}
			if s.jumps() && f.Codes != nil {
				for _, t := range f.Codes.targets() {
					ok = ok || ends[t]
				}
			}
			if ok {
				ends[s.ID], changed = true, true
			}
		}
	}
	var out []StepID
	for _, s := range f.Steps {
		if !ends[s.ID] && !s.Retired {
			out = append(out, s.ID)
		}
	}
	return out
}

// unreachable returns the steps no path from Start reaches, in flow order.
func (f *Flow) unreachable() []StepID {
	seen := map[StepID]bool{}
	queue := []StepID{f.Start}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		s, ok := f.Step(id)
		if !ok {
			continue
		}
		for _, e := range s.edges() {
			queue = append(queue, e.to)
		}
		if s.jumps() && f.Codes != nil {
			queue = append(queue, f.Codes.targets()...)
		}
	}
	var out []StepID
	for _, s := range f.Steps {
		if !seen[s.ID] {
			out = append(out, s.ID)
		}
	}
	return out
}

// Keys returns every translation key the flow uses, including those of its
// findings, sorted and without duplicates.
func (f *Flow) Keys() []string {
	set := map[string]bool{}
	add := func(k string) {
		if k != "" {
			set[k] = true
		}
	}
	add(f.Title)
	for _, s := range f.Steps {
		add(s.Title)
		add(s.Body)
		for _, a := range s.Answers {
			add(a.Label)
		}
		if fd, ok := findings[s.Finding]; ok {
			for _, k := range fd.keys() {
				add(k)
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
