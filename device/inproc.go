package device

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// InProcessPrefix starts the path of a port served inside this process,
// such as the simulated terminal's pipe on systems without
// pseudo-terminals ("pipe:sim-1"). Open and OpenWith open such a path
// through RegisterPort's opener instead of the serial library.
const InProcessPrefix = "pipe:"

// inProcess holds the in-process ports by path. It is the one piece of
// package state in device: like /dev, a name space of the process, whose
// entries live from RegisterPort until its release.
var inProcess = struct {
	sync.Mutex
	next  int
	ports map[string]func() (Port, error)
}{ports: map[string]func() (Port, error){}}

// RegisterPort makes an in-process port openable under a new path,
// InProcessPrefix + base + "-" + a number, until release is called; then
// opening the path fails with PortNotFound, as after an unplug. open is
// called for every Open of the path; it returns a *PortError (PortBusy)
// while the port is open elsewhere. The port it returns must behave like
// Port says: a read times out with (0, nil), and after the other side is
// gone reads and writes return a PortUnplugged *PortError.
func RegisterPort(base string, open func() (Port, error)) (path string, release func()) {
	inProcess.Lock()
	defer inProcess.Unlock()
	inProcess.next++
	path = InProcessPrefix + base + "-" + strconv.Itoa(inProcess.next)
	inProcess.ports[path] = open
	return path, func() {
		inProcess.Lock()
		defer inProcess.Unlock()
		delete(inProcess.ports, path)
	}
}

// IsInProcess reports whether path names an in-process port, which no
// other program can open.
func IsInProcess(path string) bool { return strings.HasPrefix(path, InProcessPrefix) }

// openInProcess opens a registered in-process port with the read timeout
// OpenPort sets. An unknown path is a PortNotFound *PortError.
func openInProcess(path string) (Port, error) {
	inProcess.Lock()
	open := inProcess.ports[path]
	inProcess.Unlock()
	if open == nil {
		return nil, &PortError{Kind: PortNotFound, Port: path}
	}
	p, err := open()
	if err != nil {
		return nil, err
	}
	if err := p.SetReadTimeout(pollInterval); err != nil {
		p.Close()
		return nil, &PortError{Kind: PortNotSerial, Port: path, Err: fmt.Errorf("set read timeout: %w", err)}
	}
	return p, nil
}
