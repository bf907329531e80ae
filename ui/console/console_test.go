package console

import (
	"errors"
	"os"
	"testing"
)

// fakeSystem records what attach asked of the system.
type fakeSystem struct {
	present  [3]bool
	parent   bool // a parent console exists
	failOpen [3]bool
	attached bool
	reopened [3]bool
}

type fakeOS struct{ *fakeSystem }

func (f fakeOS) present(s Stream) bool { return f.fakeSystem.present[s] }
func (f fakeOS) attachParent() bool {
	f.attached = true
	return f.parent
}
func (f fakeOS) reopen(s Stream) error {
	if f.failOpen[s] {
		return errors.New("no CONOUT$")
	}
	f.reopened[s] = true
	return nil
}

func TestAttach(t *testing.T) {
	all, none := [3]bool{true, true, true}, [3]bool{}
	tests := []struct {
		name      string
		present   [3]bool
		parent    bool
		failOpen  [3]bool
		wantAsked bool // AttachConsole was called
		want      Result
		wantErr   bool
	}{
		{"every stream given (redirected or console twin)", all, true, none, false, Result{}, false},
		{"typed in cmd: nothing given, parent console", none, true, none, true,
			Result{Attached: true, Reopened: all}, false},
		{"double-clicked: nothing given, no parent console", none, false, none, true, Result{}, false},
		{"export > file: stdout kept, stdin and stderr attached", [3]bool{false, true, false}, true, none, true,
			Result{Attached: true, Reopened: [3]bool{true, false, true}}, false},
		{"stderr cannot be reopened: the rest still work", none, true, [3]bool{false, false, true}, true,
			Result{Attached: true, Reopened: [3]bool{true, true, false}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSystem{present: tt.present, parent: tt.parent, failOpen: tt.failOpen}
			got, err := attach(fakeOS{f})
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("attach() = %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
			if f.attached != tt.wantAsked {
				t.Errorf("AttachConsole called = %v, want %v", f.attached, tt.wantAsked)
			}
			if f.reopened != tt.want.Reopened {
				t.Errorf("reopened %v, want %v", f.reopened, tt.want.Reopened)
			}
		})
	}
}

// TestAttachKeepsGivenStreams runs the real Attach: under `go test` (and
// Wine, where .ci/wine-test.sh runs it on Windows code) the streams are
// pipes or files the caller gave, so nothing may change.
func TestAttachKeepsGivenStreams(t *testing.T) {
	out, errOut := os.Stdout, os.Stderr
	r, err := Attach()
	if err != nil || r.Attached {
		t.Errorf("Attach() = %+v, %v; want nothing attached with every stream given", r, err)
	}
	if os.Stdout != out || os.Stderr != errOut {
		t.Error("Attach replaced a stream the caller gave")
	}
}
