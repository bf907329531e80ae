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
// unplug after N bytes, bad LRC; and terminals POS Doctor cannot read: one
// that stays silent, one that speaks the ECR Hub protocol (device.ECRHub,
// with heartbeats), one that answers in an unknown text framing, and one
// that puts noise on the line. SetScenario changes it while running;
// Unplug and Plug pull and reinsert the cable (the path may change). A
// sign-in request makes the terminal signed in with good keys.
//
// # Worlds
//
// ParseSpec reads a whole simulated world from a spec such as
// "code=55,host-refuse": world faults (no-device, port-busy), terminal
// scenarios, parametrised forms (code=NN, clock-off=MIN, firmware=VERSION,
// host-delay=SECONDS, longer than a check's deadline too) and host faults.
// Faults lists every one of them with its translation key, for
// `posdoctor sim --list` and for the message about a bad name (the words
// live in the translation files; ui renders them). Start runs the world a
// spec names (a World: the terminal, the host, and the Port, Opener and
// Lister the app's checks use to reach it); check and diagnose --sim,
// --demo and training rehearsals all use it.
//
// Invariants: the terminal never carries a card number, PIN or key; its
// last transaction has no field 2.
//
// Goroutines: each plug-in runs one goroutine serving the master side;
// Unplug and Close stop it and wait for it to exit.
package sim
