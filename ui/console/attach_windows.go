//go:build windows

package console

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// Attach gives a sub-command of the windowed .exe the console it was typed
// in: if a standard stream has no handle, it attaches to the parent's
// console and reopens the missing streams on CONIN$ / CONOUT$. Redirected
// streams stay. With no parent console (double-clicked) it does nothing.
// An error names a stream it could not reopen; the others work.
func Attach() (Result, error) { return attach(winSystem{}) }

type winSystem struct{}

var stdHandles = [3]uint32{windows.STD_INPUT_HANDLE, windows.STD_OUTPUT_HANDLE, windows.STD_ERROR_HANDLE}

// present: a GUI program started from cmd or Explorer gets 0; a redirected
// stream is a file, pipe or console (FILE_TYPE_DISK, _PIPE, _CHAR).
func (winSystem) present(s Stream) bool {
	h, err := windows.GetStdHandle(stdHandles[s])
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

// procAttachConsole is kernel32's AttachConsole, which x/sys/windows does
// not wrap.
var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

// attachParent attaches to the parent's console. ERROR_ACCESS_DENIED means
// this process already has a console (Wine gives one to a windowed child of
// a console program), which serves as well.
func (winSystem) attachParent() bool {
	ok, _, err := procAttachConsole.Call(attachParentProcess)
	return ok != 0 || err == windows.ERROR_ACCESS_DENIED
}

func (winSystem) reopen(s Stream) error {
	name, access, share := "CONOUT$", uint32(windows.GENERIC_READ|windows.GENERIC_WRITE), uint32(windows.FILE_SHARE_WRITE)
	if s == Stdin {
		name, share = "CONIN$", windows.FILE_SHARE_READ
	}
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return err
	}
	h, err := windows.CreateFile(p, access, share, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return fmt.Errorf("console: open %s: %w", name, err)
	}
	if err := windows.SetStdHandle(stdHandles[s], h); err != nil {
		windows.CloseHandle(h)
		return fmt.Errorf("console: set standard handle %d: %w", s, err)
	}
	f := os.NewFile(uintptr(h), [...]string{"/dev/stdin", "/dev/stdout", "/dev/stderr"}[s])
	switch s {
	case Stdin:
		os.Stdin = f
	case Stdout:
		os.Stdout = f
	case Stderr:
		os.Stderr = f
	}
	return nil
}
