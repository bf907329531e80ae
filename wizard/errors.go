package wizard

import "errors"

// Errors of the registry.
var (
	// ErrUnknownAction is returned by Registry.Apply when no action is
	// registered under the ID.
	ErrUnknownAction = errors.New("wizard: unknown action")
)
