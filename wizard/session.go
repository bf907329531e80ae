package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"posdoctor/wizard/respcode"
)

// SchemaVersion is the version of the session JSON document. Bump it only
// for an incompatible change, and teach Resume the old shape.
const SchemaVersion = 1

// DefaultCheckTimeout is the deadline Advance gives each check.
const DefaultCheckTimeout = 10 * time.Second

// Record is one completed step of a session's trail.
type Record struct {
	Step StepID    `json:"step"`
	Kind Kind      `json:"kind"`
	At   time.Time `json:"at"` // when the step was completed
	// Results holds a check step's results by check ID.
	Results map[CheckID]Result `json:"results,omitempty"`
	// Answer is the answer ID taken (a question's, AnswerHelped/NotHelped,
	// AnswerContinue, or a typed input's validation result).
	Answer string `json:"answer,omitempty"`
	// Input is the typed answer in its safe form: MM/YY, a response code,
	// or a card number masked to first 6 and last 4.
	Input string `json:"input,omitempty"`
	// Code is the response code that made the step jump, if any.
	Code string `json:"code,omitempty"`
	// Finding is the finding a finding step named.
	Finding FindingID `json:"finding,omitempty"`
	// Next is the step the session went to.
	Next StepID `json:"next,omitempty"`
}

// FixRecord is one attempt at a finding's fix: the action, whether it
// raised an error, and the verifying checks' results.
type FixRecord struct {
	Step    StepID             `json:"step"`
	Action  ActionID           `json:"action"`
	At      time.Time          `json:"at"`
	Error   string             `json:"error,omitempty"` // raw text, for the details area
	Results map[CheckID]Result `json:"results,omitempty"`
	Fixed   bool               `json:"fixed"` // every verifying check passed
}

// Found is a finding the session reached, with everything a report needs.
type Found struct {
	ID       FindingID `json:"id"`
	Step     StepID    `json:"step"`
	At       time.Time `json:"at"`
	Layer    Layer     `json:"layer"`
	Severity Severity  `json:"severity"`
	Title    string    `json:"title"`
	Remedies []string  `json:"remedies"`
	Customer string    `json:"customer,omitempty"`
	Action   ActionID  `json:"action,omitempty"`
	Fixed    bool      `json:"fixed,omitempty"`
	// Grade is the finding's basis: measured, reported or inferred.
	Grade Grade `json:"grade"`
	// Confirm (inferred findings) is the translation key of what would
	// confirm it; RunnerUp the next most likely cause.
	Confirm  string    `json:"confirm,omitempty"`
	RunnerUp FindingID `json:"runner_up,omitempty"`
	// Hold is the translation key of the money guard shown before the
	// remedies when they take the payment again and the terminal has not
	// reported the sale declined ("don't charge again until 末笔查询
	// confirms"); empty when none applies.
	Hold string `json:"hold,omitempty"`
	// CallsLakala: a remedy is to call Lakala; show what to quote.
	CallsLakala bool `json:"calls_lakala,omitempty"`
}

// Choice is one answer the current step offers.
type Choice struct {
	ID    string
	Label string // translation key
}

// Session walks one flow. It is synchronous and not safe for concurrent
// use: the caller runs checks (see Pending and Submit) off its UI goroutine
// and hands the results back on it.
type Session struct {
	flow      *Flow
	now       func() time.Time
	started   time.Time
	finished  time.Time
	current   StepID
	currentAt time.Time
	trail     []Record
	fixes     []FixRecord
}

// Start begins a session of f at its start step. clock supplies the time
// (nil means time.Now); typed expiry dates are checked against it. It
// returns ErrInvalidFlow if the start step does not exist; validate flows
// with Flow.Validate beforehand.
func Start(f *Flow, clock func() time.Time) (*Session, error) {
	if clock == nil {
		clock = time.Now
	}
	if _, ok := f.Step(f.Start); !ok {
		return nil, fmt.Errorf("start %s of flow %s: %w", f.Start, f.ID, ErrInvalidFlow)
	}
	now := clock()
	s := &Session{flow: f, now: clock, started: now}
	s.enter(f.Start, now)
	return s, nil
}

// Flow returns the session's flow.
func (s *Session) Flow() *Flow { return s.flow }

// Current returns the current step.
func (s *Session) Current() Step {
	st, _ := s.flow.Step(s.current)
	return st
}

// Done reports whether the session ended at a finding with nothing after
// it. A finished session may still apply its fix or go Back.
func (s *Session) Done() bool { return !s.finished.IsZero() }

// Pending returns the checks the current step needs run, or nil if it is
// not a check step. Run them (Registry.RunAll) and pass the results to
// Submit.
func (s *Session) Pending() []CheckID {
	st := s.Current()
	if st.Kind != KindCheck {
		return nil
	}
	return slices.Clone(st.Checks)
}

// Submit records the results of the current check step and moves on. A
// check missing from results counts as Skipped. Routing: the step's rules in
// order; then, with JumpOnCode, a response code in any result (in the
// step's check order) jumps through the flow's code table; then the worst
// outcome. Returns ErrWrongKind if the current step is not a check step.
func (s *Session) Submit(results map[CheckID]Result) error {
	st := s.Current()
	if st.Kind != KindCheck {
		return fmt.Errorf("submit at %s (%s): %w", st.ID, st.Kind, ErrWrongKind)
	}
	kept := make(map[CheckID]Result, len(st.Checks))
	for _, id := range st.Checks {
		r, ok := results[id]
		if !ok {
			r = Result{Outcome: Skipped, Summary: "check.unregistered", Args: map[string]string{"id": string(id)}}
		}
		kept[id] = r
	}
	rec := Record{Step: st.ID, Kind: st.Kind, Results: kept}
	rec.Next, rec.Code = s.routeCheck(st, kept)
	return s.complete(rec)
}

// routeCheck picks the next step of a check step and the code it jumped on.
func (s *Session) routeCheck(st Step, res map[CheckID]Result) (StepID, string) {
	for _, r := range st.Rules {
		if res[r.Check].Outcome == r.Outcome {
			return r.Next, ""
		}
	}
	if st.JumpOnCode {
		for _, id := range st.Checks {
			if c := respcode.Normalize(res[id].Code); c != "" {
				if next := s.flow.CodeTarget(c); next != "" {
					return next, c
				}
			}
		}
	}
	worst := Skipped
	for _, id := range st.Checks {
		worst = max(worst, res[id].Outcome)
	}
	switch worst {
	case Fail:
		return st.OnFail, ""
	case Warn:
		if st.OnWarn != "" {
			return st.OnWarn, ""
		}
		return st.OnFail, ""
	case Pass:
		return st.OnPass, ""
	}
	if st.OnSkip != "" {
		return st.OnSkip, ""
	}
	return st.OnPass, ""
}

// Choices returns the answers the current step offers: a question's
// answers (for a typed question only AnswerSkip, if offered), helped / not
// helped for an instruction, continue for a finding with a Next step. It
// returns nil for check steps and finished sessions.
func (s *Session) Choices() []Choice {
	st := s.Current()
	switch st.Kind {
	case KindQuestion:
		var out []Choice
		for _, a := range st.Answers {
			if st.Input == InputNone || a.ID == AnswerSkip {
				out = append(out, Choice{ID: a.ID, Label: a.Label})
			}
		}
		return out
	case KindInstruction:
		return []Choice{{AnswerHelped, StandardAnswerKey(AnswerHelped)}, {AnswerNotHelped, StandardAnswerKey(AnswerNotHelped)}}
	case KindFinding:
		if st.Next != "" {
			return []Choice{{AnswerContinue, StandardAnswerKey(AnswerContinue)}}
		}
	}
	return nil
}

// Answer takes the choice id at the current step. Returns ErrFinished when
// the session is done, ErrWrongKind at a check step, ErrUnknownAnswer for an
// ID Choices does not list.
func (s *Session) Answer(id string) error {
	if s.Done() {
		return ErrFinished
	}
	st := s.Current()
	rec := Record{Step: st.ID, Kind: st.Kind, Answer: id}
	for _, c := range s.Choices() {
		if c.ID != id {
			continue
		}
		switch st.Kind {
		case KindQuestion:
			rec.Next = answerNext(st, id)
		case KindInstruction:
			rec.Next = st.OnNotHelped
			if id == AnswerHelped {
				rec.Next = st.OnHelped
			}
		case KindFinding:
			rec.Finding = st.Finding
			rec.Next = st.Next
		}
		return s.complete(rec)
	}
	if st.Kind == KindCheck {
		return fmt.Errorf("answer at check step %s: %w", st.ID, ErrWrongKind)
	}
	return fmt.Errorf("answer %q at %s: %w", id, st.ID, ErrUnknownAnswer)
}

func answerNext(st Step, id string) StepID {
	for _, a := range st.Answers {
		if a.ID == id {
			return a.Next
		}
	}
	return ""
}

// Input answers a typed question with text. The text is validated for the
// step's input kind and only its safe form is kept (a card number masked to
// first 6 and last 4, never the full number, never a hash). A response code
// jumps through the code table. Returns *InputError (the session stays
// put) for text that cannot be read, ErrWrongKind if the step takes no
// typed input, ErrFinished when done.
func (s *Session) Input(text string) error {
	if s.Done() {
		return ErrFinished
	}
	st := s.Current()
	if st.Kind != KindQuestion || st.Input == InputNone {
		return fmt.Errorf("input at %s: %w", st.ID, ErrWrongKind)
	}
	rec := Record{Step: st.ID, Kind: st.Kind}
	switch st.Input {
	case InputExpiry:
		res, stored, err := checkExpiry(text, s.now())
		if err != nil {
			return err
		}
		rec.Answer, rec.Input, rec.Next = res, stored, answerNext(st, res)
	case InputCardNumber:
		res, masked, err := checkCardNumber(text)
		if err != nil {
			return err
		}
		rec.Answer, rec.Input, rec.Next = res, masked, answerNext(st, res)
	case InputCode:
		code, err := checkCode(text)
		if err != nil {
			return err
		}
		rec.Answer, rec.Input, rec.Code, rec.Next = "code", code, code, s.flow.CodeTarget(code)
	}
	return s.complete(rec)
}

// jump sends the session straight to the branch of a response code, as if
// the current step had read it. Returns ErrFinished when done, ErrWrongKind
// if the flow has no code table, or *InputError for a code that is not two
// letters or digits.
func (s *Session) jump(code string) error {
	if s.Done() {
		return ErrFinished
	}
	if s.flow.Codes == nil {
		return fmt.Errorf("jump in flow %s: %w", s.flow.ID, ErrWrongKind)
	}
	c, err := checkCode(code)
	if err != nil {
		return err
	}
	st := s.Current()
	return s.complete(Record{Step: st.ID, Kind: st.Kind, Answer: "code", Code: c, Next: s.flow.CodeTarget(c)})
}

// EvidenceLogResponse is the ID under which JumpWith keeps a response code
// read from a log file (the Decode screen, `decode --all`): the terminal's
// or cash register's own record of the host's answer, so a finding built
// on it is graded "reported", as a code read from the terminal is.
const EvidenceLogResponse CheckID = "log.response"

// JumpWith sends the session straight to the branch of the response code
// r.Code, read elsewhere (a log on the Decode screen), as if the current
// step had read it, and keeps r in the trail under id, so the session, the
// report and the JSON show where the code came from (log line, time,
// masked card, amount). Returns ErrFinished when done, ErrWrongKind if the
// flow has no code table, or *InputError for a code that is not two
// letters or digits.
func (s *Session) JumpWith(id CheckID, r Result) error {
	if err := s.jump(r.Code); err != nil {
		return err
	}
	last := &s.trail[len(s.trail)-1]
	last.Results = map[CheckID]Result{id: r}
	return nil
}

// complete appends rec to the trail and enters rec.Next.
func (s *Session) complete(rec Record) error {
	if _, ok := s.flow.Step(rec.Next); !ok {
		return fmt.Errorf("from %s to %q: %w", rec.Step, rec.Next, ErrUnknownStep)
	}
	now := s.now()
	rec.At = now
	s.trail = append(s.trail, rec)
	s.enter(rec.Next, now)
	return nil
}

// enter makes id the current step; a finding with no Next finishes the
// session.
func (s *Session) enter(id StepID, now time.Time) {
	s.current, s.currentAt = id, now
	s.finished = time.Time{}
	if st, _ := s.flow.Step(id); st.Kind == KindFinding && st.Next == "" {
		s.finished = now
	}
}

// Back returns to the previous step, forgetting what was recorded there
// and any fix tried at the step left. Over an automatic check it goes on
// to the question before it. Returns ErrNoHistory at the start, or when
// only automatic checks came before.
func (s *Session) Back() error {
	if len(s.trail) == 0 {
		return ErrNoHistory
	}
	// Back over an automatic check goes on to the question before it:
	// the owner meant their previous answer, not a re-run of the same
	// checks. With only checks before, there is nothing to go back to.
	isCheck := func(id StepID) bool { st, _ := s.flow.Step(id); return st.Kind == KindCheck }
	i := len(s.trail) - 1
	for i >= 0 && isCheck(s.trail[i].Step) {
		i--
	}
	if i < 0 {
		return ErrNoHistory // only automatic checks before: nothing to answer again
	}
	left := s.current
	s.fixes = slices.DeleteFunc(s.fixes, func(f FixRecord) bool { return f.Step == left })
	last := s.trail[i]
	s.trail = s.trail[:i]
	s.enter(last.Step, s.now())
	return nil
}

// Trail returns a copy of the completed steps, oldest first.
func (s *Session) Trail() []Record { return slices.Clone(s.trail) }

// ByUrgency returns the findings in the order an end page lists them:
// problems not yet fixed first, then fixed problems, then the rest, each
// group in the order the session reached them.
func ByUrgency(found []Found) []Found {
	out := slices.Clone(found)
	urgency := func(f Found) int {
		switch {
		case f.Severity == SeverityProblem && !f.Fixed:
			return 0
		case f.Severity == SeverityProblem:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b Found) int { return urgency(a) - urgency(b) })
	return out
}

// Checked is one automatic check of a session and its latest outcome.
type Checked struct {
	ID      CheckID
	Outcome Outcome
}

// Checked lists the automatic checks the session ran, each once, in the
// order they first ran, with the outcome of their latest run: the "what was
// checked" line of an end page.
func (s *Session) Checked() []Checked {
	var out []Checked
	at := map[CheckID]int{}
	for _, r := range s.trail {
		st, _ := s.flow.Step(r.Step)
		for _, id := range st.Checks {
			res, ok := r.Results[id]
			if !ok {
				continue
			}
			if i, seen := at[id]; seen {
				out[i].Outcome = res.Outcome
				continue
			}
			at[id] = len(out)
			out = append(out, Checked{ID: id, Outcome: res.Outcome})
		}
	}
	return out
}

// Fix returns the fix offered at the current step: the current step must
// be a finding with a Fix that has not yet succeeded. ok is false otherwise.
// Offer it only when the registry has the action (Registry.HasAction).
func (s *Session) Fix() (fix Fix, ok bool) {
	st := s.Current()
	if st.Kind != KindFinding {
		return Fix{}, false
	}
	fd := findings[st.Finding]
	if fd.Fix == nil || s.fixed(st.ID) {
		return Fix{}, false
	}
	fix = *fd.Fix
	// A fix counts only when the check that found the fault passes again,
	// not merely a related one.
	fix.Verify = slices.Clone(fix.Verify)
	for _, id := range s.foundBy(len(s.trail)) {
		if !slices.Contains(fix.Verify, id) {
			fix.Verify = append(fix.Verify, id)
		}
	}
	return fix, true
}

func (s *Session) fixed(step StepID) bool {
	for _, f := range s.fixes {
		if f.Step == step && f.Fixed {
			return true
		}
	}
	return false
}

// SubmitFix records an attempt at the current finding's fix: actionErr is
// what applying the action returned, results the verifying checks' results
// (nil when the action failed). The fix counts as done when the action
// succeeded and every verifying check passed. It returns whether it did, or
// ErrNoFix if the current step offers no fix.
func (s *Session) SubmitFix(actionErr error, results map[CheckID]Result) (bool, error) {
	fix, ok := s.Fix()
	if !ok {
		return false, ErrNoFix
	}
	rec := FixRecord{Step: s.current, Action: fix.Action, At: s.now(), Results: map[CheckID]Result{}}
	if actionErr != nil {
		rec.Error = actionErr.Error()
	}
	rec.Fixed = actionErr == nil
	for _, id := range fix.Verify {
		r, ok := results[id]
		if !ok {
			r = Result{Outcome: Skipped, Summary: "check.unregistered", Args: map[string]string{"id": string(id)}}
		}
		rec.Results[id] = r
		if r.Outcome != Pass {
			rec.Fixed = false
		}
	}
	s.fixes = append(s.fixes, rec)
	return rec.Fixed, nil
}

// Fixes returns a copy of the fix attempts, oldest first.
func (s *Session) Fixes() []FixRecord { return slices.Clone(s.fixes) }

// Advance runs the current check step's checks with reg (each with
// DefaultCheckTimeout) and submits their results, for callers that may block
// such as the CLI. each, if not nil, sees every result as it arrives. It
// returns the results, or ErrWrongKind if the current step is not a check
// step.
func (s *Session) Advance(ctx context.Context, reg *Registry, each func(CheckID, Result)) (map[CheckID]Result, error) {
	ids := s.Pending()
	if ids == nil {
		return nil, fmt.Errorf("advance at %s: %w", s.current, ErrWrongKind)
	}
	res := reg.RunAll(ctx, ids, DefaultCheckTimeout, each)
	return res, s.Submit(res)
}

// ApplyFix applies the current finding's fix with reg, re-runs its
// verifying checks and records the attempt (detect → fix → verify). It
// returns whether the problem is now fixed, or ErrNoFix. An action that
// fails is recorded, not returned; verifying checks are then not run.
func (s *Session) ApplyFix(ctx context.Context, reg *Registry) (bool, error) {
	fix, ok := s.Fix()
	if !ok {
		return false, ErrNoFix
	}
	if err := reg.Apply(ctx, fix.Action); err != nil {
		return s.SubmitFix(err, nil)
	}
	return s.SubmitFix(nil, reg.RunAll(ctx, fix.Verify, DefaultCheckTimeout, nil))
}

// Findings returns the findings reached so far, in order, the current one
// last.
func (s *Session) Findings() []Found {
	var out []Found
	sale := SaleUnknown
	add := func(i int, step StepID, at time.Time) {
		st, _ := s.flow.Step(step)
		if st.Kind != KindFinding {
			return
		}
		fd := findings[st.Finding]
		f := Found{ID: fd.ID, Step: step, At: at, Layer: fd.Layer, Severity: fd.Severity,
			Title: fd.Title, Remedies: slices.Clone(fd.Remedies), Customer: fd.Customer, Fixed: s.fixed(step),
			Grade: s.grade(i), CallsLakala: fd.CallsLakala}
		if fd.Fix != nil {
			f.Action = fd.Fix.Action
		}
		if f.Grade == GradeInferred && fd.Severity == SeverityProblem {
			f.Confirm, f.RunnerUp = ConfirmKey(fd), runnerUp[fd.ID]
		}
		if s.flow.InvitesCharge(st) && sale != SaleDeclined {
			f.Hold = sale.holdKey()
		}
		if cutoverCodes[s.codeBefore(i)] && (fd.ID == "pay.outage" || fd.ID == "pay.maintenance" || fd.ID == "bank.slow") {
			f.Remedies = append(f.Remedies, "verdict.note.cutover")
		}
		out = append(out, f)
	}
	enteredAt := s.started
	for i, r := range s.trail {
		add(i, r.Step, enteredAt)
		enteredAt = r.At
		sale = s.saleAfter(sale, r)
	}
	add(len(s.trail), s.current, s.currentAt)
	return out
}

// codeBefore returns the last response code jumped on before trail
// position i, or "".
func (s *Session) codeBefore(i int) string {
	for j := min(i, len(s.trail)) - 1; j >= 0; j-- {
		if c := s.trail[j].Code; c != "" {
			return c
		}
	}
	return ""
}

// Code returns the last response code the session jumped on that is not
// an approval (an approved last transaction explains no failure), or "".
func (s *Session) Code() string {
	for i := len(s.trail) - 1; i >= 0; i-- {
		if c := s.trail[i].Code; c != "" {
			if !codeApproved(c) {
				return c
			}
		}
	}
	return ""
}

// Card returns the masked card number typed in the session, or "".
func (s *Session) Card() string {
	for i := len(s.trail) - 1; i >= 0; i-- {
		if st, _ := s.flow.Step(s.trail[i].Step); st.Input == InputCardNumber {
			return s.trail[i].Input
		}
	}
	return ""
}

// The verdicts of Summary.Outcome.
const (
	VerdictOpen    = "open"    // not finished
	VerdictOK      = "ok"      // finished with no problem found
	VerdictProblem = "problem" // a problem was found and not fixed
	VerdictFixed   = "fixed"   // every problem found was fixed from the PC
)

// VerdictKey returns the translation key of the sentence that states the
// verdict v, "wizard.verdict.<v>" ("A problem was found"): the end
// screen's heading, the home screen, the report and the command line's
// verdict line.
func VerdictKey(v string) string { return "wizard.verdict." + v }

// VerdictLabelKey returns the translation key of the verdict v's short
// label, "history.outcome.<v>" ("Problem found"), for a column or a filter
// of the history, GUI and command line alike. It is a second family on
// purpose: a list of sentences is hard to scan, and the filter's choices
// (with "history.outcome.all") must be short.
func VerdictLabelKey(v string) string { return "history.outcome." + v }

// Summary is the small index record of a session: what the history list
// shows and the store indexes.
type Summary struct {
	Flow     FlowID      `json:"flow"`
	Outcome  string      `json:"outcome"` // a Verdict constant
	Findings []FindingID `json:"findings,omitempty"`
	Layer    Layer       `json:"layer,omitempty"` // the first unfixed problem's layer
	Code     string      `json:"code,omitempty"`
	Card     string      `json:"card,omitempty"` // masked
	Started  time.Time   `json:"started"`
	Finished time.Time   `json:"finished,omitzero"`
}

// Summary returns the session's index record.
func (s *Session) Summary() Summary {
	sum := Summary{Flow: s.flow.ID, Code: s.Code(), Card: s.Card(), Started: s.started, Finished: s.finished, Outcome: VerdictOpen}
	problems, fixed := 0, 0
	for _, f := range s.Findings() {
		sum.Findings = append(sum.Findings, f.ID)
		if f.Severity != SeverityProblem {
			continue
		}
		problems++
		if f.Fixed {
			fixed++
		} else if sum.Layer == "" {
			sum.Layer = f.Layer
		}
	}
	if s.Done() {
		switch {
		case problems == 0:
			sum.Outcome = VerdictOK
		case problems == fixed:
			sum.Outcome = VerdictFixed
		default:
			sum.Outcome = VerdictProblem
		}
	}
	return sum
}

// document is the session's JSON shape; see the package documentation.
type document struct {
	Schema    int         `json:"schema"`
	Flow      FlowID      `json:"flow"`
	Started   time.Time   `json:"started"`
	Finished  time.Time   `json:"finished,omitzero"`
	Current   StepID      `json:"current"`
	CurrentAt time.Time   `json:"current_at"`
	Summary   Summary     `json:"summary"`
	Trail     []Record    `json:"trail"`
	Fixes     []FixRecord `json:"fixes,omitempty"`
	Findings  []Found     `json:"findings"`
}

// MarshalJSON encodes the session as the versioned document the store
// saves and the report renders.
func (s *Session) MarshalJSON() ([]byte, error) {
	d := document{Schema: SchemaVersion, Flow: s.flow.ID, Started: s.started, Finished: s.finished,
		Current: s.current, CurrentAt: s.currentAt, Summary: s.Summary(), Trail: s.trail, Fixes: s.fixes, Findings: s.Findings()}
	if d.Trail == nil {
		d.Trail = []Record{}
	}
	if d.Findings == nil {
		d.Findings = []Found{}
	}
	return json.Marshal(d)
}

// Resume rebuilds a session from the JSON MarshalJSON wrote. flows lists
// the flows it may belong to (usually Flows()); clock is as for Start.
// Returns ErrSchema for another schema version, ErrUnknownFlow,
// ErrUnknownStep when the document names a step the flow lacks, or
// ErrCorrupt when its trail does not hang together.
func Resume(data []byte, flows []*Flow, clock func() time.Time) (*Session, error) {
	var d document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	if d.Schema != SchemaVersion {
		return nil, fmt.Errorf("resume schema %d: %w", d.Schema, ErrSchema)
	}
	var f *Flow
	for _, c := range flows {
		if c.ID == d.Flow {
			f = c
		}
	}
	if f == nil {
		return nil, fmt.Errorf("resume %s: %w", d.Flow, ErrUnknownFlow)
	}
	var errs []error
	if _, ok := f.Step(d.Current); !ok {
		errs = append(errs, fmt.Errorf("resume %s current step %q: %w", d.Flow, d.Current, ErrUnknownStep))
	}
	for i, r := range d.Trail {
		st, ok := f.Step(r.Step)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("resume %s step %q: %w", d.Flow, r.Step, ErrUnknownStep))
		case st.Kind != r.Kind:
			errs = append(errs, fmt.Errorf("resume %s step %s recorded as %s: %w", d.Flow, r.Step, r.Kind, ErrCorrupt))
		}
		next := d.Current
		if i+1 < len(d.Trail) {
			next = d.Trail[i+1].Step
		}
		if r.Next != next {
			errs = append(errs, fmt.Errorf("resume %s step %s leads to %q, not %q: %w", d.Flow, r.Step, r.Next, next, ErrCorrupt))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if clock == nil {
		clock = time.Now
	}
	s := &Session{flow: f, now: clock, started: d.Started,
		current: d.Current, currentAt: d.CurrentAt, trail: d.Trail, fixes: d.Fixes}
	if st, _ := f.Step(d.Current); st.Kind == KindFinding && st.Next == "" {
		s.finished = d.Finished
		if s.finished.IsZero() {
			s.finished = d.CurrentAt
		}
	}
	return s, nil
}
