//go:build windows

package console

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
	"unsafe"

	"golang.org/x/sys/windows"
)

// childEnv makes the test binary, started by TestAttachWithoutHandles,
// act as the program under test.
const childEnv = "POSDOCTOR_CONSOLE_CHILD"

// TestAttachWithoutHandles starts this test binary again with no standard
// handles at all, as Windows starts a windowed program typed in cmd, from
// a process that has a console. The child must attach, reopen all three
// streams and print without error. The test binary is a console program,
// so the child already shares the console: AttachConsole answers
// ERROR_ACCESS_DENIED, which Attach takes as attached. Real Windows only.
func TestAttachWithoutHandles(t *testing.T) {
	if out := os.Getenv(childEnv); out != "" {
		r, err := Attach()
		_, werr := fmt.Fprintln(os.Stdout, "posdoctor console test")
		os.WriteFile(out, []byte(fmt.Sprintf("%v %v %v %v|%v|%v", r.Attached, r.Reopened[0], r.Reopened[1], r.Reopened[2], err, werr)), 0o600)
		return
	}
	if windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil {
		t.Skip("Wine 8 cannot open CONIN$/CONOUT$ in a child started without handles (Invalid handle); " +
			"under Wine a windowed program gets the caller's handles anyway, which TestAttachKeepsGivenStreams and wine-test's `posdoctor.exe version` cover")
	}
	// A console to attach to; where there already is one this fails, harmlessly.
	windows.NewLazySystemDLL("kernel32.dll").NewProc("AllocConsole").Call()
	result := filepath.Join(t.TempDir(), "result.txt")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd, _ := windows.UTF16PtrFromString(fmt.Sprintf(`"%s" -test.run=^TestAttachWithoutHandles$`, exe))
	env := append(os.Environ(), childEnv+"="+result)
	var block []uint16 // NAME=value\0 … \0
	for _, kv := range env {
		block = append(append(block, utf16.Encode([]rune(kv))...), 0)
	}
	block = append(block, 0)
	si := &windows.StartupInfo{Cb: uint32(unsafe.Sizeof(windows.StartupInfo{})), Flags: windows.STARTF_USESTDHANDLES} // all three NULL
	var pi windows.ProcessInformation
	if err := windows.CreateProcess(nil, cmd, nil, nil, false, windows.CREATE_UNICODE_ENVIRONMENT, &block[0], nil, si, &pi); err != nil {
		t.Fatalf("CreateProcess: %v", err)
	}
	defer windows.CloseHandle(pi.Thread)
	defer windows.CloseHandle(pi.Process)
	if ev, err := windows.WaitForSingleObject(pi.Process, 60_000); ev != windows.WAIT_OBJECT_0 {
		t.Fatalf("child did not finish in 60 s: %v %v", ev, err)
	}
	got, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("child wrote no result: %v", err)
	}
	if want := "true true true true|<nil>|<nil>"; string(got) != want {
		t.Errorf("child without handles: attached, reopened stdin/stdout/stderr|error|print error = %q, want %q", got, want)
	}
}
