package device

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"go.bug.st/serial"
)

// Port is what a Link needs of a serial port; serial.Port has it. Read must
// return (0, nil) when the read timeout passes, as go.bug.st/serial does.
type Port interface {
	Read(p []byte) (int, error)
	Write(p []byte) (int, error)
	Close() error
	SetReadTimeout(d time.Duration) error
}

// pollInterval is the read timeout set on every opened port: how often a
// blocked read wakes to check its context and deadlines.
const pollInterval = 50 * time.Millisecond

// OpenPort opens path as a serial port at baud (8N1), ready for a Link. It
// does not change the modem lines, which pseudo-terminals do not support.
//
// Errors are *PortError: PortNotFound, PortPermission, PortBusy (with
// Holder naming the program, on Linux, when /proc tells), PortNotSerial or
// PortOther. On Linux, as root a second open would succeed where a normal
// user gets "busy"; OpenPort therefore also reports PortBusy when another
// process holds the device open.
func OpenPort(path string, baud int) (serial.Port, error) {
	p, err := serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8})
	if err != nil {
		pe := classifyOpen(path, err)
		if pe.Kind == PortBusy {
			pe.Holder = firstHolder(path)
		}
		return nil, pe
	}
	if h := firstHolder(path); h != "" {
		p.Close()
		return nil, &PortError{Kind: PortBusy, Port: path, Holder: h}
	}
	if err := p.SetReadTimeout(pollInterval); err != nil {
		p.Close()
		return nil, &PortError{Kind: PortNotSerial, Port: path, Err: err}
	}
	return p, nil
}

// classifyOpen turns an open error of go.bug.st/serial into a *PortError.
// On Linux the library returns raw errno values for some cases (ENOENT).
func classifyOpen(path string, err error) *PortError {
	pe := &PortError{Kind: PortOther, Port: path, Err: err}
	var se *serial.PortError
	if errors.As(err, &se) {
		switch se.Code() {
		case serial.PortNotFound:
			pe.Kind = PortNotFound
		case serial.PermissionDenied:
			pe.Kind = PortPermission
		case serial.PortBusy:
			pe.Kind = PortBusy
		case serial.InvalidSerialPort:
			pe.Kind = PortNotSerial
		}
		return pe
	}
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.ENODEV):
		// fs.ErrNotExist: ENOENT, and on Windows both ERROR_FILE_NOT_FOUND
		// and ERROR_PATH_NOT_FOUND (a name such as COM3 in a bad folder).
		pe.Kind = PortNotFound
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		pe.Kind = PortPermission
	case errors.Is(err, syscall.EBUSY):
		pe.Kind = PortBusy
	case errors.Is(err, syscall.ENOTTY):
		pe.Kind = PortNotSerial
	}
	return pe
}

// procRoot is where Holders looks for processes; tests replace it.
var procRoot = "/proc"

// Holders returns the other processes that hold path open, as
// "name (pid N)", read from /proc/*/fd on Linux. Processes whose fd list is
// not readable are skipped; elsewhere it returns nil.
func Holders(path string) []string {
	if runtime.GOOS != "linux" {
		return nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil
	}
	procs, err := os.ReadDir(procRoot)
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var out []string
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil || pid == self {
			continue
		}
		fdDir := filepath.Join(procRoot, p.Name(), "fd")
		fds, err := os.ReadDir(fdDir)
		if err != nil {
			continue
		}
		for _, fd := range fds {
			if l, err := os.Readlink(filepath.Join(fdDir, fd.Name())); err == nil && l == target {
				comm, _ := os.ReadFile(filepath.Join(procRoot, p.Name(), "comm"))
				out = append(out, fmt.Sprintf("%s (pid %d)", strings.TrimSpace(string(comm)), pid))
				break
			}
		}
	}
	return out
}

func firstHolder(path string) string {
	if h := Holders(path); len(h) > 0 {
		return h[0]
	}
	return ""
}

// guardedPort tracks who closed the port: go.bug.st/serial reports an
// unplug as PortClosed, the same as our own Close, and a Write after Close
// returns a raw EBADF.
type guardedPort struct {
	p      Port
	path   string
	closed atomic.Bool
}

// Read reads from the port; errors as mapErr.
func (g *guardedPort) Read(b []byte) (int, error) {
	if g.closed.Load() {
		return 0, ErrClosed
	}
	n, err := g.p.Read(b)
	if err != nil {
		err = g.mapErr(err)
	}
	return n, err
}

// Write writes to the port; after Close it returns ErrClosed, never EBADF.
func (g *guardedPort) Write(b []byte) (int, error) {
	if g.closed.Load() {
		return 0, ErrClosed
	}
	n, err := g.p.Write(b)
	if err != nil {
		err = g.mapErr(err)
	}
	return n, err
}

// Close closes the port once and records that we did.
func (g *guardedPort) Close() error {
	if g.closed.Swap(true) {
		return nil
	}
	return g.p.Close()
}

// mapErr names an I/O error: ErrClosed after our own Close, a PortUnplugged
// *PortError when the other side went away.
func (g *guardedPort) mapErr(err error) error {
	if g.closed.Load() {
		return ErrClosed
	}
	var se *serial.PortError
	if errors.As(err, &se) && se.Code() == serial.PortClosed ||
		errors.Is(err, syscall.EIO) || errors.Is(err, syscall.ENXIO) ||
		errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.EBADF) {
		return &PortError{Kind: PortUnplugged, Port: g.path, Err: err}
	}
	return err
}

// ModemLines are the modem input lines of a serial port. A terminal on an
// RS-232 cable usually raises DSR (and CTS) when it is powered; USB
// terminals and pseudo-terminals have no such lines.
type ModemLines struct {
	CTS, DSR, RI, DCD bool
}

// ModemLines reads the port's modem input lines. It returns ErrNoModemLines
// (wrapped) when the port has none (USB CDC devices often, pseudo-terminals
// always), ErrClosed after Close.
func (l *Link) ModemLines() (ModemLines, error) {
	if l.port.closed.Load() {
		return ModemLines{}, ErrClosed
	}
	mp, ok := l.port.p.(interface {
		GetModemStatusBits() (*serial.ModemStatusBits, error)
	})
	if !ok {
		return ModemLines{}, fmt.Errorf("%s: %w", l.path, ErrNoModemLines)
	}
	b, err := mp.GetModemStatusBits()
	if err != nil {
		return ModemLines{}, fmt.Errorf("%s: %w: %w", l.path, ErrNoModemLines, err)
	}
	return ModemLines{CTS: b.CTS, DSR: b.DSR, RI: b.RI, DCD: b.DCD}, nil
}
