package inproc

import (
	"strconv"
	"strings"
	"sync"
)

// Prefix starts the path of every in-process port.
const Prefix = "pipe:"

var reg = struct {
	sync.Mutex
	next  int
	opens map[string]any // path → func() (P, error)
}{opens: map[string]any{}}

// Register makes an in-process port openable under a new path, Prefix +
// base + "-" + a number, until release is called; after that Opener no
// longer finds the path, as after an unplug. open is called for every open
// of the path; P is the port type the opener (package device) asks for.
func Register[P any](base string, open func() (P, error)) (path string, release func()) {
	reg.Lock()
	defer reg.Unlock()
	reg.next++
	path = Prefix + base + "-" + strconv.Itoa(reg.next)
	reg.opens[path] = open
	return path, func() {
		reg.Lock()
		defer reg.Unlock()
		delete(reg.opens, path)
	}
}

// Opener returns the open function registered for path with port type P,
// or false when there is none (never registered, released, or registered
// with another type).
func Opener[P any](path string) (func() (P, error), bool) {
	reg.Lock()
	defer reg.Unlock()
	open, ok := reg.opens[path].(func() (P, error))
	return open, ok
}

// Is reports whether path names an in-process port, which no other
// program can open.
func Is(path string) bool { return strings.HasPrefix(path, Prefix) }
