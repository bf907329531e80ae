package store

import (
	"errors"
	"fmt"
)

// Errors returned by Open, Restore and the record methods.
var (
	// ErrInUse is returned by Open and Restore when another POS Doctor (or
	// another handle in this process) holds the database file's lock.
	ErrInUse = errors.New("store: POS Doctor is already running")

	// ErrCorrupt is matched (errors.Is) by every *CorruptError: the file is
	// not a readable POS Doctor history.
	ErrCorrupt = errors.New("store: file is damaged")

	// ErrNewerSchema is returned by Open when the file was written by a newer
	// POS Doctor whose schema this build does not know. The file is left
	// untouched.
	ErrNewerSchema = errors.New("store: file is from a newer version")

	// ErrNotFound is returned when a session, terminal or staff member with
	// the given ID or name does not exist.
	ErrNotFound = errors.New("store: not found")

	// ErrDamagedRecord is returned when the record asked for failed its
	// checksum. Open moves such records to quarantine (see DB.Damaged);
	// every other record stays readable.
	ErrDamagedRecord = errors.New("store: record is damaged")

	// ErrInvalid is returned when a record to save lacks a required field
	// (a session ID or start time, a terminal key, a staff name).
	ErrInvalid = errors.New("store: invalid record")
)

// CorruptError describes why a database or backup file failed validation.
// It matches ErrCorrupt with errors.Is.
type CorruptError struct {
	Path   string // the file that was checked
	Reason string // what was wrong, for logs and the details area
	Err    error  // the underlying error, if any (a recovered panic, bbolt's error)

	// locked is set when the damage was found while this process held the
	// file's lock, so no other instance can be using it.
	locked bool
}

// Error says which file is damaged and why.
func (e *CorruptError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("store: %s is damaged: %s: %v", e.Path, e.Reason, e.Err)
	}
	return fmt.Sprintf("store: %s is damaged: %s", e.Path, e.Reason)
}

// Unwrap returns the underlying error.
func (e *CorruptError) Unwrap() error { return e.Err }

// Is reports whether target is ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// panicError carries a recovered panic (including a memory fault turned into
// a panic by debug.SetPanicOnFault).
type panicError struct{ value any }

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// ErrReadOnly is returned by every write to a history opened read-only
// (Options.ReadOnly, or a file or folder that may not be written), and by
// Restore into a folder that may not be written.
var ErrReadOnly = errors.New("store: the history file is read-only")
