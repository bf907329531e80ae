package device

import (
	"fmt"

	"posdoctor/device/internal/inproc"
)

// openInProcess opens a port device/sim registered in this process
// (device/internal/inproc) with the read timeout OpenPort sets. An unknown
// path is a PortNotFound *PortError. The port must behave like Port says:
// a read times out with (0, nil), and after the other side is gone reads
// and writes return a PortUnplugged *PortError; its opener returns a
// *PortError (PortBusy) while it is open elsewhere.
func openInProcess(path string) (Port, error) {
	open, ok := inproc.Opener[Port](path)
	if !ok {
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
