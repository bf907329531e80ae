//go:build !windows

package console

// Attach does nothing here: only Windows starts programs without standard
// streams.
func Attach() (Result, error) { return Result{}, nil }
