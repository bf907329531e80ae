package wizard

import (
	"errors"
	"fmt"
)

// Errors of the registry.
var (
	// ErrUnknownAction is returned by Registry.Apply when no action is
	// registered under the ID.
	ErrUnknownAction = errors.New("wizard: unknown action")
)

// Errors of flows and sessions.
var (
	// ErrInvalidFlow is wrapped by every problem Flow.Validate reports, and
	// returned by Start for a flow whose start step does not exist.
	ErrInvalidFlow = errors.New("wizard: invalid flow")

	// ErrWrongKind is returned when a session is asked to do something the
	// current step's kind does not allow: Submit on a question, Answer on a
	// check step, Input on a plain question.
	ErrWrongKind = errors.New("wizard: not possible at this step")

	// ErrUnknownAnswer is returned by Session.Answer for an answer ID the
	// current step does not offer.
	ErrUnknownAnswer = errors.New("wizard: unknown answer")

	// ErrFinished is returned when the session has ended at a finding and
	// is asked to move on.
	ErrFinished = errors.New("wizard: session finished")

	// ErrNoHistory is returned by Session.Back at the first step.
	ErrNoHistory = errors.New("wizard: nothing to go back to")

	// ErrNoFix is returned by Session.SubmitFix and Session.ApplyFix when the
	// current step offers no fix.
	ErrNoFix = errors.New("wizard: no fix offered here")

	// ErrSchema is returned by Resume for a document of another schema
	// version.
	ErrSchema = errors.New("wizard: unsupported session schema")

	// ErrUnknownFlow is returned by Resume and FlowByID for a flow ID that
	// is not known.
	ErrUnknownFlow = errors.New("wizard: unknown flow")

	// ErrCorrupt is returned by Resume when the document's trail does not
	// hang together: a step recorded with the wrong kind, or a record whose
	// next step is not the one that follows it.
	ErrCorrupt = errors.New("wizard: inconsistent session document")

	// ErrUnknownStep is returned by Resume when the document names a step
	// the flow does not have.
	ErrUnknownStep = errors.New("wizard: unknown step")
)

// InputError is returned by Session.Input when the typed text cannot be
// read. Reason is a translation key telling the owner what to fix; the
// session stays on the question.
type InputError struct {
	Kind   InputKind
	Reason string // translation key, e.g. "wizard.input.expiry.format"
}

// Error implements error. It never contains the typed text: it may be a
// card number.
func (e *InputError) Error() string {
	return fmt.Sprintf("wizard: bad %s input: %s", e.Kind, e.Reason)
}

// FlowError is one problem Flow.Validate found in a flow's data. Problem
// is plain English for logs and developers; a screen names Flow and Step in
// the owner's language. errors.Is(err, ErrInvalidFlow) holds.
type FlowError struct {
	Flow    FlowID
	Step    StepID // "" for the flow as a whole; "codes" for its code table
	Problem string
}

// Error implements error: "flow main: step m.link: pass leads nowhere:
// wizard: invalid flow".
func (e *FlowError) Error() string {
	if e.Step == "" {
		return fmt.Sprintf("flow %s: %s: %v", e.Flow, e.Problem, ErrInvalidFlow)
	}
	return fmt.Sprintf("flow %s: step %s: %s: %v", e.Flow, e.Step, e.Problem, ErrInvalidFlow)
}

// Unwrap returns ErrInvalidFlow.
func (e *FlowError) Unwrap() error { return ErrInvalidFlow }
