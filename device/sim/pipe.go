package sim

import (
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"posdoctor/device"
	"posdoctor/device/internal/inproc"
)

// The pipe transport: the simulated terminal in this process, reached
// through device/internal/inproc instead of a pseudo-terminal. It lets demo
// mode and rehearsals run where there are no pseudo-terminals (Windows);
// the Link above it is the same code as for a real port. Each plug-in is
// one pipeLine: two byte buffers (one per direction, like a UART's) and at
// most one open app-side port at a time.

// NewPipeTerminal creates a simulated terminal on an in-process pipe and
// starts serving it. Its Path ("pipe:sim-N") opens with device.Open in
// this process only. Errors as NewTerminal, without the system's.
func NewPipeTerminal(cfg TerminalConfig) (*Terminal, error) {
	return newTerminal(cfg, openPipe)
}

// openPipe makes a new pipe line and registers its app side.
func openPipe() (line, string, error) {
	l := &pipeLine{toTerm: newBuffer(), toApp: newBuffer(), gone: make(chan struct{})}
	l.path, l.release = inproc.Register("sim", l.open)
	return &pipeEnd{l: l}, l.path, nil
}

// buffer is one direction of a pipe line: the bytes written and not yet
// read. ready is closed (and replaced) whenever bytes arrive, waking
// every reader.
type buffer struct {
	mu    sync.Mutex
	data  []byte
	ready chan struct{}
}

func newBuffer() *buffer { return &buffer{ready: make(chan struct{})} }

func (b *buffer) write(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.data = append(b.data, p...)
	close(b.ready)
	b.ready = make(chan struct{})
}

func (b *buffer) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.data = nil
}

// errWait says why read stopped waiting.
var (
	errTimedOut = errors.New("sim: pipe read timed out")
	errStopped  = errors.New("sim: pipe read stopped")
)

// read copies waiting bytes into p, or waits for some until timeout (nil:
// forever) fires or a stop channel closes.
func (b *buffer) read(p []byte, timeout <-chan time.Time, stop ...<-chan struct{}) (int, error) {
	for {
		b.mu.Lock()
		if len(b.data) > 0 || len(p) == 0 {
			n := copy(p, b.data)
			b.data = b.data[n:]
			b.mu.Unlock()
			return n, nil
		}
		ready := b.ready
		b.mu.Unlock()
		var s0, s1 <-chan struct{}
		if len(stop) > 0 {
			s0 = stop[0]
		}
		if len(stop) > 1 {
			s1 = stop[1]
		}
		select {
		case <-ready:
		case <-timeout:
			return 0, errTimedOut
		case <-s0:
			return 0, errStopped
		case <-s1:
			return 0, errStopped
		}
	}
}

// pipeLine is one plug-in of the pipe: the terminal's end lives until the
// cable is pulled (gone closes); the app opens and closes its side as
// often as it likes, one at a time.
type pipeLine struct {
	path    string
	release func()
	toTerm  *buffer
	toApp   *buffer
	gone    chan struct{}
	goneOne sync.Once

	mu  sync.Mutex
	app *pipePort
}

// open is the in-process opener (inproc.Register): PortNotFound after an
// unplug, PortBusy while another app-side port is open (as a COM port on
// Windows).
func (l *pipeLine) open() (device.Port, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.gone:
		return nil, &device.PortError{Kind: device.PortNotFound, Port: l.path}
	default:
	}
	if l.app != nil {
		return nil, &device.PortError{Kind: device.PortBusy, Port: l.path, Holder: "posdoctor"}
	}
	l.toTerm.reset() // a fresh open sees no bytes left from the last one
	l.toApp.reset()
	p := &pipePort{l: l, closed: make(chan struct{})}
	p.timeout.Store(int64(50 * time.Millisecond))
	l.app = p
	return p, nil
}

// unplug pulls the cable: the path disappears and the app side's reads
// (once drained) and writes fail as unplugged.
func (l *pipeLine) unplug() {
	l.goneOne.Do(func() {
		l.release()
		close(l.gone)
	})
}

func (l *pipeLine) unplugged() *device.PortError {
	return &device.PortError{Kind: device.PortUnplugged, Port: l.path, Err: io.ErrUnexpectedEOF}
}

// pipePort is the app's side of a pipe line: a device.Port with serial
// semantics (a read timeout returns 0, nil).
type pipePort struct {
	l         *pipeLine
	timeout   atomic.Int64 // nanoseconds; negative: wait for ever
	closed    chan struct{}
	closeOnce sync.Once
}

var _ device.Port = (*pipePort)(nil)

// Read returns waiting bytes, or 0, nil when the read timeout passes; a
// PortUnplugged *PortError once the terminal is gone and every byte it
// sent was read; os.ErrClosed after Close.
func (p *pipePort) Read(b []byte) (int, error) {
	var timeout <-chan time.Time
	if d := time.Duration(p.timeout.Load()); d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	n, err := p.l.toApp.read(b, timeout, p.closed, p.l.gone)
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, errTimedOut):
		return 0, nil
	}
	select {
	case <-p.closed:
		return 0, os.ErrClosed
	default:
	}
	// The terminal is gone: hand over what it sent before it went.
	if n, _ := p.l.toApp.read(b, closedTimer); n > 0 {
		return n, nil
	}
	return 0, p.l.unplugged()
}

// closedTimer makes buffer.read return at once when nothing waits.
var closedTimer = func() <-chan time.Time {
	c := make(chan time.Time)
	close(c)
	return c
}()

// Write sends b to the terminal at once (no baud rate is simulated).
func (p *pipePort) Write(b []byte) (int, error) {
	select {
	case <-p.closed:
		return 0, os.ErrClosed
	case <-p.l.gone:
		return 0, p.l.unplugged()
	default:
	}
	p.l.toTerm.write(b)
	return len(b), nil
}

// SetReadTimeout sets how long Read waits; negative means for ever.
func (p *pipePort) SetReadTimeout(d time.Duration) error {
	p.timeout.Store(int64(d))
	return nil
}

// Close closes this side; the line can be opened again.
func (p *pipePort) Close() error {
	p.closeOnce.Do(func() {
		close(p.closed)
		p.l.mu.Lock()
		if p.l.app == p {
			p.l.app = nil
		}
		p.l.mu.Unlock()
	})
	return nil
}

// pipeEnd is the terminal's end of a pipe line, used by serve like a
// pseudo-terminal's master: reads block (no app: nothing arrives) until
// the read deadline (os.ErrDeadlineExceeded) or Close (io.EOF).
type pipeEnd struct {
	l        *pipeLine
	mu       sync.Mutex
	deadline time.Time
}

var _ line = (*pipeEnd)(nil)

func (e *pipeEnd) Read(b []byte) (int, error) {
	e.mu.Lock()
	dl := e.deadline
	e.mu.Unlock()
	var timeout <-chan time.Time
	if !dl.IsZero() {
		t := time.NewTimer(time.Until(dl))
		defer t.Stop()
		timeout = t.C
	}
	n, err := e.l.toTerm.read(b, timeout, e.l.gone)
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, errTimedOut):
		return 0, os.ErrDeadlineExceeded
	}
	return 0, io.EOF
}

// Write hands b to the app side; after Close it returns os.ErrClosed.
func (e *pipeEnd) Write(b []byte) (int, error) {
	select {
	case <-e.l.gone:
		return 0, os.ErrClosed
	default:
	}
	e.l.toApp.write(b)
	return len(b), nil
}

func (e *pipeEnd) SetReadDeadline(t time.Time) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.deadline = t
	return nil
}

// Close pulls the cable.
func (e *pipeEnd) Close() error {
	e.l.unplug()
	return nil
}
