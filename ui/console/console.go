package console

// Stream names a standard stream.
type Stream int

// The standard streams, in the order of Plan's arrays.
const (
	Stdin Stream = iota
	Stdout
	Stderr
)

// Result says what Attach did.
type Result struct {
	Attached bool    // the parent's console was attached
	Reopened [3]bool // these streams now write to (read from) it
}

// system is what Attach needs of the operating system; tests fake it.
type system interface {
	// present reports whether stream s has a usable handle (a console,
	// file or pipe the caller gave).
	present(s Stream) bool
	// attachParent attaches to the parent process's console; false when
	// there is none (started from Explorer) or it failed.
	attachParent() bool
	// reopen points stream s at the attached console.
	reopen(s Stream) error
}

// attach is Attach on sys: if a standard stream is missing, attach to the
// parent's console and reopen just the missing ones. With every stream
// present, or no parent console, it changes nothing.
func attach(sys system) (Result, error) {
	var missing [3]bool
	some := false
	for s := Stdin; s <= Stderr; s++ {
		missing[s] = !sys.present(s)
		some = some || missing[s]
	}
	var r Result
	if !some || !sys.attachParent() {
		return r, nil
	}
	r.Attached = true
	var first error
	for s := Stdin; s <= Stderr; s++ {
		if !missing[s] {
			continue
		}
		if err := sys.reopen(s); err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		r.Reopened[s] = true
	}
	return r, first
}
