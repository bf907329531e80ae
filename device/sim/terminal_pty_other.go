//go:build !linux

package sim

// openDefault is the transport NewTerminal uses here, where there are no
// pseudo-terminals: the in-process pipe.
func openDefault() (line, string, error) { return openPipe() }

// openPTYLine reports that this system has no pseudo-terminals.
func openPTYLine() (line, string, error) { return nil, "", ErrUnsupported }
