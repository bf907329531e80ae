package device

import (
	"errors"
	"fmt"
	"runtime"

	"posdoctor/device/internal/wire"
)

// Errors of the link protocol (Link calls).
var (
	// ErrTimeout is returned when the terminal did not answer in time: no
	// ACK, no reply, or too long a pause between two bytes of one frame.
	ErrTimeout = errors.New("device: terminal did not answer in time")
	// ErrNoAck is returned when the terminal refused (NAK) or ignored a
	// request on every try.
	ErrNoAck = errors.New("device: terminal did not accept the request")
	// ErrBadReply is returned when every copy of the terminal's reply was
	// damaged (bad LRC, bad length), or its contents could not be read.
	ErrBadReply = errors.New("device: terminal's reply unreadable")
	// ErrRejected is returned when the terminal answered that it cannot do
	// the command (unsupported, busy, failed); see *RejectedError.
	ErrRejected = errors.New("device: terminal rejected the command")
	// ErrClosed is returned by Link calls after Close.
	ErrClosed = errors.New("device: link closed")
	// ErrNoModemLines is returned by Link.ModemLines when the port has no
	// modem lines to read.
	ErrNoModemLines = errors.New("device: port has no modem lines")
)

// Errors of detection.
var (
	// ErrNoTerminal is returned by Pick when no candidate looks like a
	// terminal.
	ErrNoTerminal = errors.New("device: no terminal attached")
)

// RejectedError is a terminal's refusal of a command: it answered, but with
// a result other than "done".
type RejectedError struct {
	Command wire.Command // the request refused; its String names it ("signin")
	Result  byte         // the DF02 value the terminal sent
}

// Error implements error.
func (e *RejectedError) Error() string {
	return fmt.Sprintf("command %s: terminal answered result %d", e.Command, e.Result)
}

// Unwrap returns ErrRejected.
func (e *RejectedError) Unwrap() error { return ErrRejected }

// PortKind classifies why a port could not be used.
type PortKind int

// The kinds of port failure. Each has a translated message and fix:
// see PortKind.MessageKey and PortKind.FixKey.
const (
	PortOther      PortKind = iota // anything else; Err tells
	PortNotFound                   // no such port (unplugged before opening, wrong name)
	PortPermission                 // the user may not open it (Linux: dialout group)
	PortBusy                       // another program holds it
	PortNotSerial                  // the path is not a serial device
	PortUnplugged                  // the terminal went away while in use
)

var portKindNames = [...]string{
	PortOther:      "other",
	PortNotFound:   "notfound",
	PortPermission: "permission",
	PortBusy:       "busy",
	PortNotSerial:  "notserial",
	PortUnplugged:  "unplugged",
}

// String returns a short stable name: "notfound", "busy", ...
func (k PortKind) String() string {
	if k < 0 || int(k) >= len(portKindNames) {
		return fmt.Sprintf("portkind(%d)", int(k))
	}
	return portKindNames[k]
}

// MessageKey returns the translation key of the sentence that says what
// happened, such as "device.port.busy". Templates may use {{.port}} and
// {{.holder}}.
func (k PortKind) MessageKey() string { return "device.port." + k.String() }

// FixKey returns the translation key of what the user should do on this
// PC's system, such as "device.port.busy.fix". Permission and busy
// failures have their own advice on Linux and Windows
// ("device.port.permission.fix.linux"). Templates may use {{.port}} and
// {{.holder}}.
func (k PortKind) FixKey() string { return k.FixKeyFor(runtime.GOOS) }

// FixKeyFor is FixKey for the system goos ("linux", "windows", ...).
func (k PortKind) FixKeyFor(goos string) string {
	key := "device.port." + k.String() + ".fix"
	if (k == PortPermission || k == PortBusy) && (goos == "linux" || goos == "windows") {
		key += "." + goos
	}
	return key
}

// PortError is a port that could not be opened or stopped working. Port is
// the path; Holder names the program that holds a busy port ("ModemManager
// (pid 612)") when it could be found; Err is the library's or system's error.
type PortError struct {
	Kind   PortKind
	Port   string
	Holder string
	Err    error
}

// Error implements error.
func (e *PortError) Error() string {
	s := fmt.Sprintf("port %s: %s", e.Port, e.Kind)
	if e.Holder != "" {
		s += " (held by " + e.Holder + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *PortError) Unwrap() error { return e.Err }

// Args returns the template data for the Kind's message and fix keys.
func (e *PortError) Args() map[string]string {
	return map[string]string{"port": e.Port, "holder": e.Holder}
}
