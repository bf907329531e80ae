//go:build linux

package sim

import (
	"fmt"
	"os"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// openDefault is the transport NewTerminal uses here: a pseudo-terminal.
func openDefault() (line, string, error) { return openPTYLine() }

// openPTYLine is openPTY as a line.
func openPTYLine() (line, string, error) {
	m, name, err := openPTY()
	if err != nil {
		return nil, "", err
	}
	return m, name, nil
}

// openPTY creates a pseudo-terminal pair in raw mode and returns a pollable
// master (so Close interrupts a blocked Read and read deadlines work;
// pty.Open leaves it blocking) and the slave's path. The slave is closed:
// the app opens it by path.
func openPTY() (*os.File, string, error) {
	m, s, err := pty.Open()
	if err != nil {
		return nil, "", fmt.Errorf("sim: open pseudo-terminal: %w", err)
	}
	defer m.Close()
	name := s.Name()
	rawErr := makeRaw(s)
	s.Close()
	if rawErr != nil {
		return nil, "", fmt.Errorf("sim: raw mode on %s: %w", name, rawErr)
	}
	fd, err := unix.Dup(int(m.Fd()))
	if err != nil {
		return nil, "", fmt.Errorf("sim: dup master: %w", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, "", fmt.Errorf("sim: non-blocking master: %w", err)
	}
	return os.NewFile(uintptr(fd), "/dev/ptmx"), name, nil
}

func makeRaw(f *os.File) error {
	fd := int(f.Fd())
	tio, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return err
	}
	tio.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	tio.Oflag &^= unix.OPOST
	tio.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	tio.Cflag &^= unix.CSIZE | unix.PARENB
	tio.Cflag |= unix.CS8
	tio.Cc[unix.VMIN], tio.Cc[unix.VTIME] = 1, 0
	return unix.IoctlSetTermios(fd, unix.TCSETS, tio)
}
