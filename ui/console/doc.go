// Package console gives the command line of the windowed Windows .exe a
// console to print to.
//
// posdoctor.exe is a GUI-subsystem program (no console window flashes when
// the shop owner double-clicks it), so Windows starts it without standard
// handles: `posdoctor history` typed in cmd or PowerShell would print
// nothing. Attach, called before a sub-command runs, attaches to the
// console of the program that started it (AttachConsole with
// ATTACH_PARENT_PROCESS) and reopens the missing streams on it. Streams the
// caller redirected (`posdoctor export > r.json`, a pipe) are kept. Started
// from Explorer there is no parent console: Attach does nothing and no
// window appears.
//
// cmd.exe does not wait for a GUI program, so its prompt may come back
// before the output and %ERRORLEVEL% is not the exit code; scripts use the
// console twin posdoctor-cli.exe (the same program marked as a console
// program), which cmd and PowerShell wait for. Everywhere but Windows,
// Attach does nothing.
//
// The package has no state: Attach changes os.Stdin, os.Stdout and
// os.Stderr (and the process's standard handles) once, at start.
package console
