package checks

import "errors"

// Errors of the actions.
var (
	// ErrEchoFailed is returned by the action.echo action when the host
	// echo did not pass; the check's result says why.
	ErrEchoFailed = errors.New("checks: host echo did not pass")

	// ErrSignInFailed is returned by the action.signin action when the
	// terminal signed in but still holds no good keys.
	ErrSignInFailed = errors.New("checks: terminal has no good keys after sign-in")
)

// errIDsMissing marks an echo that was not sent for want of a terminal and
// merchant ID.
var errIDsMissing = errors.New("checks: no terminal or merchant ID for the echo")
