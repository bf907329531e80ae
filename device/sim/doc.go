// Package sim simulates the outside world for tests, demos and training:
// a POS terminal (Terminal) on a pseudo-terminal or an in-process pipe, and
// a payment host on loopback.
//
// # The simulated terminal
//
// NewTerminal creates a pseudo-terminal pair with github.com/creack/pty and
// speaks the generic protocol of package device on the master side. The
// app opens Path (a /dev/pts/N) through go.bug.st/serial: the same code
// path as a real USB terminal. Where there are no pseudo-terminals
// (Windows) NewTerminal serves an in-process pipe instead (pipe.go): its
// Path, "pipe:sim-N", opens with device.Open in this process only, through
// the same Link; NewPipeTerminal makes one on any system, NewPTYTerminal
// insists on a pseudo-terminal (for another program to open).
//
// Scenarios lists the behaviours: healthy, not signed in, bad keys (last transaction A0), clock 10 minutes off,
// outdated firmware, card reader fault, no paper, weak signal, a last
// transaction with any response code (a real ISO 8583 0210 built with
// device/unionpay), and line faults: garbage, NAK storm, slow replies,
// unplug after N bytes, bad LRC. SetScenario changes it while running;
// Unplug and Plug pull and reinsert the cable (the path may change). A
// sign-in request makes the terminal signed in with good keys.
//
// Invariants: the terminal never carries a card number, PIN or key; its
// last transaction has no field 2.
//
// Goroutines: each plug-in runs one goroutine serving the master side;
// Unplug and Close stop it and wait for it to exit.
package sim
