package device

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"posdoctor/device/internal/inproc"
	"posdoctor/device/internal/wire"
)

// Timeouts are the link protocol's timing. The zero value of a field means
// its default; tests shorten them.
type Timeouts struct {
	ACK      time.Duration // wait for ACK/NAK after a frame; default 2 s
	Gap      time.Duration // most time between two bytes of one frame; default 1 s
	Reply    time.Duration // wait for a reply frame after the ACK; default 5 s
	SignIn   time.Duration // wait for a sign-in reply (the terminal calls the host); default 60 s
	Retries  int           // resends after NAK or timeout, and NAKs of a damaged reply; default 3
	NoResend bool          // if true, Retries is 0 (a zero Retries means the default)
}

// defaultTimeouts are the timings seen on Chinese bank terminals.
var defaultTimeouts = Timeouts{ACK: 2 * time.Second, Gap: time.Second, Reply: 5 * time.Second, SignIn: 60 * time.Second, Retries: 3}

func (t Timeouts) withDefaults() Timeouts {
	d := defaultTimeouts
	if t.ACK > 0 {
		d.ACK = t.ACK
	}
	if t.Gap > 0 {
		d.Gap = t.Gap
	}
	if t.Reply > 0 {
		d.Reply = t.Reply
	}
	if t.SignIn > 0 {
		d.SignIn = t.SignIn
	}
	if t.Retries > 0 {
		d.Retries = t.Retries
	}
	if t.NoResend {
		d.Retries = 0
	}
	return d
}

// Exchanger sends one request frame and returns the reply frame's data,
// handling ACK/NAK, retries and timeouts. *Link is one; a Driver uses it.
type Exchanger interface {
	Exchange(ctx context.Context, req []byte, reply time.Duration) ([]byte, error)
}

// Driver speaks one vendor's commands over an Exchanger. Generic is the
// built-in one; a real vendor protocol implements Driver too.
type Driver interface {
	// Name identifies the driver in reports, such as "generic".
	Name() string
	Status(ctx context.Context, x Exchanger) (Status, error)
	LastTransaction(ctx context.Context, x Exchanger) (LastTxn, error)
	SignIn(ctx context.Context, x Exchanger, timeout time.Duration) (SignInResult, error)
}

// generic is the driver for the TLV protocol described in the package
// documentation. It holds no state.
type generic struct{}

var _ Driver = generic{}

// Name returns "generic".
func (generic) Name() string { return "generic" }

// Status asks for the terminal's status.
func (generic) Status(ctx context.Context, x Exchanger) (Status, error) {
	b, err := x.Exchange(ctx, wire.MarshalRequest(wire.CmdStatus), 0)
	if err != nil {
		return Status{}, err
	}
	s, err := UnmarshalStatus(b)
	s.Protocol = "generic"
	if err != nil && !errors.Is(err, ErrRejected) {
		err = fmt.Errorf("status reply: %w: %w", ErrBadReply, err)
	}
	return s, err
}

// LastTransaction asks for the last transaction.
func (generic) LastTransaction(ctx context.Context, x Exchanger) (LastTxn, error) {
	b, err := x.Exchange(ctx, wire.MarshalRequest(wire.CmdLastTxn), 0)
	if err != nil {
		return LastTxn{}, err
	}
	t, err := unmarshalLastTxn(b)
	if err != nil && !errors.Is(err, ErrRejected) {
		err = fmt.Errorf("last transaction reply: %w: %w", ErrBadReply, err)
	}
	return t, err
}

// SignIn asks the terminal to sign in to its host now.
func (generic) SignIn(ctx context.Context, x Exchanger, timeout time.Duration) (SignInResult, error) {
	b, err := x.Exchange(ctx, wire.MarshalRequest(wire.CmdSignIn), timeout)
	if err != nil {
		return SignInResult{}, err
	}
	r, err := UnmarshalSignIn(b)
	if err != nil && !errors.Is(err, ErrRejected) {
		err = fmt.Errorf("sign-in reply: %w: %w", ErrBadReply, err)
	}
	return r, err
}

// Stats counts what went wrong on a link, for evidence in a report.
type Stats struct {
	Garbage int // bytes skipped before a frame or an ACK
	Resends int // frames we sent again after NAK or timeout
	NAKs    int // damaged replies we asked again for
}

// LinkOptions configure Open. Zero values mean defaults.
type LinkOptions struct {
	Baud     int    // default 115200 (USB terminals ignore it)
	Driver   Driver // default Generic{}
	Timeouts Timeouts
	// Opener opens the port; nil means OpenPort. The simulator and other
	// transports (an in-process pipe) plug in here; errors should be
	// *PortError as OpenPort's are.
	Opener func(path string, baud int) (Port, error)
}

// Link is an open port to a terminal and the driver that speaks to it.
// Calls are serialised: one command at a time. Close may be called from any
// goroutine at any time; it makes a call in progress return ErrClosed
// within about 50 ms. A Link starts no goroutines.
type Link struct {
	path string
	port *guardedPort
	drv  Driver
	t    Timeouts

	mu sync.Mutex // one exchange at a time

	garbage, resends, naks atomic.Int64
}

// Open opens the terminal at path with the Generic driver and default
// timings. It returns a *PortError when the port cannot be opened.
func Open(path string) (*Link, error) { return OpenWith(path, LinkOptions{}) }

// OpenWith opens the terminal at path with opts. Errors as Open.
func OpenWith(path string, opts LinkOptions) (*Link, error) {
	if inproc.Is(path) { // the simulated terminal's pipe (inproc.go)
		p, err := openInProcess(path)
		if err != nil {
			return nil, err
		}
		return NewLink(p, path, opts), nil
	}
	if opts.Baud == 0 {
		opts.Baud = 115200
	}
	var p Port
	var err error
	if opts.Opener != nil {
		p, err = opts.Opener(path, opts.Baud)
	} else {
		p, err = OpenPort(path, opts.Baud)
	}
	if err != nil {
		return nil, err
	}
	return NewLink(p, path, opts), nil
}

// NewLink wraps an already open port; the Link owns it from now on. The
// port's reads should time out (see Port) every few tens of milliseconds,
// which is how calls notice cancellation. opts.Baud is ignored.
func NewLink(p Port, path string, opts LinkOptions) *Link {
	if opts.Driver == nil {
		opts.Driver = generic{}
	}
	return &Link{path: path, port: &guardedPort{p: p, path: path}, drv: opts.Driver, t: opts.Timeouts.withDefaults()}
}

// Path returns the port's path.
func (l *Link) Path() string { return l.path }

// Driver returns the driver's name.
func (l *Link) Driver() string { return l.drv.Name() }

// Stats returns the counts so far. It does not wait for a call in progress.
func (l *Link) Stats() Stats {
	return Stats{Garbage: int(l.garbage.Load()), Resends: int(l.resends.Load()), NAKs: int(l.naks.Load())}
}

// Close closes the port. Later calls return ErrClosed. It is safe to call
// more than once and concurrently with a call in progress.
func (l *Link) Close() error { return l.port.Close() }

// Status asks the terminal for its status. Errors: ErrTimeout, ErrNoAck,
// ErrBadReply (all wrapped), a *PortError of kind PortUnplugged, a
// *RejectedError, ErrClosed, or ctx's error.
func (l *Link) Status(ctx context.Context) (Status, error) {
	return l.drv.Status(ctx, l)
}

// LastTransaction asks for the terminal's last transaction; its raw ISO
// 8583 reply has the card number masked. Errors as Status.
func (l *Link) LastTransaction(ctx context.Context) (LastTxn, error) {
	return l.drv.LastTransaction(ctx, l)
}

// SignIn asks the terminal to sign in to its payment host, which fetches new
// working keys. It waits up to Timeouts.SignIn. Errors as Status; a
// terminal that could not reach its host gives a *RejectedError.
func (l *Link) SignIn(ctx context.Context) (SignInResult, error) {
	return l.drv.SignIn(ctx, l, l.t.SignIn)
}

// Exchange sends req as a frame until the terminal ACKs it (resending on NAK
// or after Timeouts.ACK, at most Timeouts.Retries times), then reads the
// reply frame, NAKing damaged copies (at most Retries times) and ACKing the
// good one. reply is how long to wait for the reply; 0 means Timeouts.Reply.
func (l *Link) Exchange(ctx context.Context, req []byte, reply time.Duration) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if reply <= 0 {
		reply = l.t.Reply
	}
	frame, err := wire.AppendFrame(nil, req)
	if err != nil {
		return nil, err
	}
	// Bytes left from an earlier, abandoned call could hold a 06 or 15
	// that looks like our ACK or NAK: drop them.
	if r, ok := l.port.p.(interface{ ResetInputBuffer() error }); ok {
		r.ResetInputBuffer()
	}
	var why error
	acked, replyStarted := false, false
	for try := 0; try <= l.t.Retries && !acked; try++ {
		if try > 0 {
			l.resends.Add(1)
		}
		if _, err := l.port.Write(frame); err != nil {
			return nil, fmt.Errorf("send to %s: %w", l.path, err)
		}
		c, err := l.readControl(ctx)
		switch {
		case errors.Is(err, ErrTimeout):
			why = err
		case err != nil:
			return nil, err
		case c == wire.NAK:
			why = errors.New("terminal answered NAK")
		case c == wire.STX: // the reply came without an ACK: take it as one
			acked, replyStarted = true, true
		default:
			acked = true
		}
	}
	if !acked {
		return nil, fmt.Errorf("%s after %d tries (%v): %w", l.path, l.t.Retries+1, why, ErrNoAck)
	}
	for try := 0; ; try++ {
		var r io.Reader = &deadlineReader{ctx: ctx, p: l.port, deadline: time.Now().Add(reply), gap: l.t.Gap}
		if replyStarted {
			r, replyStarted = io.MultiReader(bytes.NewReader([]byte{wire.STX}), r), false
		}
		data, skipped, err := wire.ReadFrame(r)
		l.garbage.Add(int64(skipped))
		var fe *wire.FrameError
		if errors.As(err, &fe) {
			if try >= l.t.Retries {
				return nil, fmt.Errorf("reply from %s: %w: %w", l.path, ErrBadReply, err)
			}
			l.naks.Add(1)
			if _, err := l.port.Write([]byte{wire.NAK}); err != nil {
				return nil, fmt.Errorf("send NAK to %s: %w", l.path, err)
			}
			continue
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("%w: %w", ErrTimeout, err)
			}
			return nil, fmt.Errorf("reply from %s: %w", l.path, err)
		}
		if _, err := l.port.Write([]byte{wire.ACK}); err != nil {
			return nil, fmt.Errorf("send ACK to %s: %w", l.path, err)
		}
		return data, nil
	}
}

// readControl waits up to Timeouts.ACK for an ACK or NAK, skipping (and
// counting) anything else. An STX is returned too: some terminals send
// their reply without an ACK first.
func (l *Link) readControl(ctx context.Context) (byte, error) {
	r := &deadlineReader{ctx: ctx, p: l.port, deadline: time.Now().Add(l.t.ACK)}
	var b [1]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if errors.Is(err, ErrTimeout) {
				return 0, fmt.Errorf("ACK from %s: %w", l.path, err)
			}
			return 0, err
		}
		if b[0] == wire.ACK || b[0] == wire.NAK || b[0] == wire.STX {
			return b[0], nil
		}
		l.garbage.Add(1)
	}
}

// deadlineReader reads from a polling port until deadline; after each byte
// the deadline moves to gap from now (if gap > 0). It returns ErrTimeout
// when the deadline passes and ctx's error when ctx is done.
type deadlineReader struct {
	ctx      context.Context
	p        io.Reader
	deadline time.Time
	gap      time.Duration
}

// Read implements io.Reader.
func (r *deadlineReader) Read(b []byte) (int, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		if time.Now().After(r.deadline) {
			return 0, ErrTimeout
		}
		n, err := r.p.Read(b)
		if n > 0 {
			if r.gap > 0 {
				r.deadline = time.Now().Add(r.gap)
			}
			return n, err
		}
		if err != nil {
			return 0, err
		}
	}
}
