package inproc

import (
	"errors"
	"testing"
)

func TestRegisterOpenerRelease(t *testing.T) {
	errBusy := errors.New("busy")
	p1, release1 := Register("t", func() (int, error) { return 7, nil })
	p2, release2 := Register("t", func() (int, error) { return 0, errBusy })
	defer release2()
	if p1 == p2 || !Is(p1) || !Is(p2) || Is("/dev/ttyACM0") {
		t.Fatalf("paths %q, %q: want two distinct in-process paths", p1, p2)
	}
	open, ok := Opener[int](p1)
	if !ok {
		t.Fatalf("Opener(%q) not found", p1)
	}
	if v, err := open(); v != 7 || err != nil {
		t.Errorf("open() = %d, %v; want 7", v, err)
	}
	if open, ok := Opener[int](p2); !ok {
		t.Error("second port not found")
	} else if _, err := open(); !errors.Is(err, errBusy) {
		t.Errorf("second port's open error = %v, want its own", err)
	}
	if _, ok := Opener[string](p1); ok {
		t.Error("found with another port type")
	}
	release1()
	if _, ok := Opener[int](p1); ok {
		t.Error("found after release")
	}
	if _, ok := Opener[int](Prefix + "nobody-1"); ok {
		t.Error("found a path never registered")
	}
}
