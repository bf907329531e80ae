package device

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.bug.st/serial"

	"posdoctor/device/internal/wire"
)

// Heard is what a port carried while POS Doctor listened to it.
type Heard int

// The classes of what was heard, in the order ClassifyHeard tests them.
const (
	HeardNothing Heard = iota // no byte at all
	HeardECRHub               // 55 AA … CC 33 frames (ECR Hub and its relatives)
	HeardSTX                  // STX … ETX + LRC frames (most Chinese bank terminals' ECR links)
	HeardASCII                // lines of printable text
	HeardNoise                // bytes that frame as none of these
)

var heardNames = [...]string{"nothing", "ecrhub", "stx", "ascii", "noise"}

// String returns "nothing", "ecrhub", "stx", "ascii" or "noise", also the
// last part of its translation key "device.heard.<name>".
func (h Heard) String() string {
	if h < 0 || int(h) >= len(heardNames) {
		return "noise"
	}
	return heardNames[h]
}

// Framed reports whether h is a recognisable framing (not nothing, not
// noise): a terminal speaking a protocol at this speed.
func (h Heard) Framed() bool { return h == HeardECRHub || h == HeardSTX || h == HeardASCII }

// classifyHeard says what b looks like: ECR Hub frames (55 AA then CC 33),
// STX frames (an STX, later an ETX followed by the XOR of the bytes between
// them), printable text, nothing, or noise.
func classifyHeard(b []byte) Heard {
	switch {
	case len(b) == 0:
		return HeardNothing
	case wire.IsHubFramed(b):
		return HeardECRHub
	case hasSTXFrame(b):
		return HeardSTX
	case isText(b):
		return HeardASCII
	}
	return HeardNoise
}

// hasSTXFrame reports whether b holds STX … ETX LRC with LRC the XOR of the
// bytes after STX through ETX (the framing of the generic protocol, PAX
// POSLink and many others, whatever the length field).
func hasSTXFrame(b []byte) bool {
	for i, c := range b {
		if c != wire.STX {
			continue
		}
		x := byte(0)
		for j := i + 1; j+1 < len(b); j++ {
			x ^= b[j]
			if b[j] == wire.ETX && b[j+1] == x {
				return true
			}
		}
	}
	return false
}

// isText reports whether b is mostly printable ASCII (at least 4 bytes, 90%
// printable, tab, CR or LF).
func isText(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	ok := 0
	for _, c := range b {
		if c >= 0x20 && c < 0x7F || c == '\r' || c == '\n' || c == '\t' {
			ok++
		}
	}
	return ok*10 >= len(b)*9
}

// sampleLen is how many bytes of what was heard go into a sample.
const sampleLen = 48

// sample returns up to SampleLen bytes of b as spaced hex ("55 AA 00 …"),
// scrubbed: runs of 10 or more ASCII digits and of 7 or more packed-BCD
// bytes (a card number could hide there) keep only their first 6 and last
// 4 digits (ASCII, with '*' between) or first 3 and last 2 bytes (BCD,
// with FF between). A longer b is marked with "…".
func sample(b []byte) string {
	more := len(b) > sampleLen
	if more {
		b = b[:sampleLen]
	}
	s := hex.EncodeToString(scrubBCD(scrubDigits(b)))
	var out strings.Builder
	for i := 0; i < len(s); i += 2 {
		if i > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(strings.ToUpper(s[i : i+2]))
	}
	if more {
		out.WriteString(" …")
	}
	return out.String()
}

// scrubDigits returns a copy of b with each run of 10 or more ASCII digits
// masked to its first 6 and last 4 (13 to 19 digits: a card number's
// length) or entirely (other lengths) with '*'.
func scrubDigits(b []byte) []byte {
	out := append([]byte(nil), b...)
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && out[j] >= '0' && out[j] <= '9' {
			j++
		}
		if n := j - i; n >= 10 {
			keepHead, keepTail := 0, 0
			if n >= 13 && n <= 19 {
				keepHead, keepTail = 6, 4
			}
			for k := i + keepHead; k < j-keepTail; k++ {
				out[k] = '*'
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return out
}

// scrubBCD masks runs of 7 or more bytes whose nibbles are all decimal
// digits, keeping the first 3 and last 2 bytes, with FF.
func scrubBCD(b []byte) []byte {
	isBCD := func(c byte) bool { return c>>4 <= 9 && c&0xF <= 9 }
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && isBCD(b[j]) {
			j++
		}
		if j-i >= 7 && !allASCIIDigits(b[i:j]) { // ASCII digits: scrubDigits's job
			for k := i + 3; k < j-2; k++ {
				b[k] = 0xFF
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return b
}

func allASCIIDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Prober is a Driver that can tell cheaply whether a terminal speaks its
// protocol. Probe writes its probe to rp and reports whether an answer in
// its framing arrived within wait; it must not send a command that could
// move money or change the terminal's state. ProbeCost is the number of
// bytes the probe exchanges, to try the cheapest first.
type Prober interface {
	Driver
	Probe(ctx context.Context, rp *RawPort, wait time.Duration) (bool, error)
	ProbeCost() int
}

// drivers returns every driver POS Doctor has, cheapest probe first.
func drivers() []Prober {
	ds := []Prober{generic{}, ECRHub{}}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].ProbeCost() < ds[j].ProbeCost() })
	return ds
}

// driverNamed returns the driver called name, or nil.
func driverNamed(name string) Prober {
	for _, d := range drivers() {
		if d.Name() == name {
			return d
		}
	}
	return nil
}

// speeds are the serial speeds a probe tries, the usual ones of POS
// terminals: the first is the default, the others are tried only when
// nothing framed at it.
var speeds = []int{115200, 9600, 19200, 38400, 57600}

// ProbeOptions shape Probe. Zero values mean defaults.
type ProbeOptions struct {
	// Deadline bounds the whole probe; default 2.5 s.
	Deadline time.Duration
	// Wait is how long each driver's probe waits for an answer at the
	// first speed; default 300 ms (a third of it at the other speeds).
	Wait time.Duration
	// Listen is how long to listen passively at the first speed when no
	// driver answered; default 600 ms (a third at the other speeds).
	Listen time.Duration
	// Prefer names the driver to try first (the one that answered last
	// time); "" keeps the cheapest-first order.
	Prefer string
	// drivers to try; nil means Drivers().
	Drivers []Prober
}

func (o ProbeOptions) withDefaults() ProbeOptions {
	if o.Deadline <= 0 {
		o.Deadline = 2500 * time.Millisecond
	}
	if o.Wait <= 0 {
		o.Wait = 300 * time.Millisecond
	}
	if o.Listen <= 0 {
		o.Listen = 600 * time.Millisecond
	}
	if o.Drivers == nil {
		o.Drivers = drivers()
	}
	if o.Prefer != "" {
		ds := append([]Prober(nil), o.Drivers...)
		sort.SliceStable(ds, func(i, j int) bool { return ds[i].Name() == o.Prefer && ds[j].Name() != o.Prefer })
		o.Drivers = ds
	}
	return o
}

// ProbeResult is what a probe found. Driver is the driver that answered
// ("" if none); Baud the speed it answered at, or where Heard was heard.
// Bytes counts every byte the port gave that was not an answer to a probe;
// sample is a scrubbed hex sample of them; Speeds are the speeds tried.
type ProbeResult struct {
	Driver string
	Baud   int
	Heard  Heard
	Bytes  int
	Sample string
	Speeds []int
	Tried  []string // driver names probed
}

// Readable reports whether a driver answered.
func (r ProbeResult) Readable() bool { return r.Driver != "" }

// ErrUnreadable is returned (inside an *UnreadableError) when the port
// opens but the terminal answers none of POS Doctor's protocols: it is
// silent, or speaks another framing. This is not a fault of the terminal.
var ErrUnreadable = errors.New("device: terminal speaks no protocol POS Doctor knows")

// UnreadableError is a terminal whose port opens but which answered no
// driver; Result says what was heard.
type UnreadableError struct {
	Port   string
	Result ProbeResult
}

// Error implements error.
func (e *UnreadableError) Error() string {
	return fmt.Sprintf("%s: heard %s (%d bytes) at %v, tried %s: %v", e.Port, e.Result.Heard, e.Result.Bytes,
		e.Result.Speeds, strings.Join(e.Result.Tried, ", "), ErrUnreadable)
}

// Unwrap returns ErrUnreadable.
func (e *UnreadableError) Unwrap() error { return ErrUnreadable }

// baudSetter is a port whose speed can change (serial.Port).
type baudSetter interface{ SetMode(*serial.Mode) error }

// Probe finds out which protocol the terminal on l speaks: it tries each
// driver's probe (the preferred one, then cheapest first), and when none
// answers, listens passively; only when nothing framed there does it try
// the other Speeds (if the port can change speed), each with shorter
// probes and listening. The whole probe ends by opts.Deadline. When a
// driver answers, the link uses it from then on. Bytes heard on the way
// are classified (ClassifyHeard) and sampled.
//
// It returns the result and nil, or an *UnreadableError (ErrUnreadable)
// when no driver answered; a *PortError (PortUnplugged), ErrClosed or
// ctx's error when the port fails.
func (l *Link) Probe(ctx context.Context, opts ProbeOptions) (ProbeResult, error) {
	opts = opts.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opts.Deadline)
	defer cancel()
	res := ProbeResult{}
	for _, d := range opts.Drivers {
		res.Tried = append(res.Tried, d.Name())
	}
	var heard []byte
	setter, canSet := l.port.p.(baudSetter)
	speeds := speeds
	if !canSet {
		speeds = speeds[:1]
	}
	wait, listen := opts.Wait, opts.Listen
	var err error
	for i, baud := range speeds {
		if i > 0 {
			if err := setter.SetMode(&serial.Mode{BaudRate: baud, DataBits: 8}); err != nil {
				break
			}
			wait, listen = opts.Wait/3, opts.Listen/3
			heard = heard[:0]
		}
		res.Speeds = append(res.Speeds, baud)
		var name string
		name, heard, err = l.probeAt(ctx, opts.Drivers, wait, listen, heard)
		if err != nil {
			break
		}
		res.Bytes += len(heard)
		c := classifyHeard(heard)
		if name != "" || c.Framed() || c == HeardNoise && res.Heard == HeardNothing {
			res.Heard, res.Baud, res.Sample = c, baud, sample(heard)
		}
		if name != "" {
			res.Driver, res.Baud = name, baud
			l.setDriver(driverNamed(name))
			return res, nil
		}
		if c.Framed() {
			break
		}
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrTimeout) {
		return res, err
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(cerr, context.DeadlineExceeded) {
		return res, cerr
	}
	if canSet && res.Baud != speeds[0] {
		setter.SetMode(&serial.Mode{BaudRate: speeds[0], DataBits: 8})
	}
	return res, &UnreadableError{Port: l.path, Result: res}
}

// probeAt probes every driver and then listens, at the current speed. It
// returns the driver that answered, or what was heard.
func (l *Link) probeAt(ctx context.Context, drivers []Prober, wait, listen time.Duration, heard []byte) (string, []byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.port.p.(interface{ ResetInputBuffer() error }); ok {
		r.ResetInputBuffer()
	}
	for _, d := range drivers {
		rp := &RawPort{ctx: ctx, p: l.port, capture: true}
		ok, err := d.Probe(ctx, rp, wait)
		if err != nil {
			return "", heard, err
		}
		if ok {
			return d.Name(), heard, nil
		}
		heard = appendCapped(heard, rp.heard)
	}
	rp := &RawPort{ctx: ctx, p: l.port, capture: true}
	_, err := io.Copy(io.Discard, rp.Reader(time.Now().Add(listen)))
	heard = appendCapped(heard, rp.heard)
	if err != nil && !errors.Is(err, ErrTimeout) {
		return "", heard, err
	}
	// What was heard frames like one of our protocols (a slow terminal's
	// late answer, or its heartbeat): give that driver one more, longer
	// try before calling the terminal unreadable.
	for _, d := range drivers {
		if framingOf(d.Name()) != classifyHeard(heard) {
			continue
		}
		rp := &RawPort{ctx: ctx, p: l.port, capture: true}
		ok, err := d.Probe(ctx, rp, 2*wait)
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return "", heard, err
		}
		if ok {
			return d.Name(), heard, nil
		}
		heard = appendCapped(heard, rp.heard)
	}
	return "", heard, nil
}

// framingOf is the framing a driver's protocol is heard as.
func framingOf(driver string) Heard {
	switch driver {
	case "generic":
		return HeardSTX
	case "ecrhub":
		return HeardECRHub
	}
	return HeardNothing
}

const maxHeard = 4096

func appendCapped(dst, b []byte) []byte {
	if room := maxHeard - len(dst); room < len(b) {
		b = b[:max(room, 0)]
	}
	return append(dst, b...)
}

// setDriver makes the link speak d; a nil d keeps the current one.
func (l *Link) setDriver(d Prober) {
	if d == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drv = d
}

// RawPort is the port of a Link lent to a driver that frames its own
// messages (Link.Stream) or probes (Prober). Reads through Reader wake
// every 50 ms to check the context; what they return is also recorded
// when the RawPort captures (during a probe).
type RawPort struct {
	ctx     context.Context
	p       io.ReadWriter
	capture bool
	heard   []byte
}

// Write writes b to the port.
func (rp *RawPort) Write(b []byte) (int, error) { return rp.p.Write(b) }

// Reader returns a reader of the port that returns ErrTimeout once
// deadline passes and the context's error once it is done.
func (rp *RawPort) Reader(deadline time.Time) io.Reader {
	return &deadlineReader{ctx: rp.ctx, p: readerFunc(rp.read), deadline: deadline}
}

func (rp *RawPort) read(b []byte) (int, error) {
	n, err := rp.p.Read(b)
	if rp.capture && n > 0 {
		rp.heard = appendCapped(rp.heard, b[:n])
	}
	return n, err
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

// streamer is what a driver with its own framing needs of an Exchanger.
type streamer interface {
	Stream(ctx context.Context, f func(*RawPort) error) error
}

// Stream lends the raw port to f, one caller at a time, for drivers that
// frame their own messages (ECRHub). Errors: f's, or ErrClosed.
func (l *Link) Stream(ctx context.Context, f func(*RawPort) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.port.closed.Load() {
		return ErrClosed
	}
	if r, ok := l.port.p.(interface{ ResetInputBuffer() error }); ok {
		r.ResetInputBuffer()
	}
	return f(&RawPort{ctx: ctx, p: l.port})
}

// Probe checks whether the terminal speaks the generic protocol: it sends
// a status request and waits up to wait for an answer: an ACK or NAK as the
// very first byte back (anywhere later it could be noise), or a well-formed
// reply frame. It reads and ACKs the reply, so the terminal is not left
// waiting and no stale reply is taken for the next one.
func (generic) Probe(ctx context.Context, rp *RawPort, wait time.Duration) (bool, error) {
	frame, _ := wire.AppendFrame(nil, wire.MarshalRequest(wire.CmdStatus))
	if _, err := rp.Write(frame); err != nil {
		return false, err
	}
	r := rp.Reader(time.Now().Add(wait))
	var b [1]byte
	for first := true; ; first = false {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if errors.Is(err, ErrTimeout) {
				return false, nil
			}
			return false, err
		}
		switch {
		case first && b[0] == wire.NAK:
			rp.heard = nil // our answer, not something overheard
			return true, nil
		case first && b[0] == wire.ACK, b[0] == wire.STX:
			fr := r
			if b[0] == wire.STX {
				fr = io.MultiReader(bytes.NewReader([]byte{wire.STX}), r)
			}
			_, _, err := wire.ReadFrame(fr)
			switch {
			case err == nil:
				if _, err := rp.Write([]byte{wire.ACK}); err != nil {
					return true, err
				}
			case b[0] == wire.STX:
				continue // not a frame: keep listening
			}
			rp.heard = nil
			return true, nil
		}
	}
}

// ProbeCost is the bytes one probe exchanges: a 9-byte request and a
// 1-byte ACK.
func (generic) ProbeCost() int { return 10 }

var _ Prober = generic{}

// State is what POS Doctor can say about the terminal link, for evidence:
// the four cases a shop owner must be told apart.
type State int

// The states of the terminal link.
const (
	StateReadable   State = iota // on the port and answering a protocol we speak
	StateUnreadable              // the port opens, but the terminal speaks no protocol we know (not a fault)
	StatePortFailed              // on USB, but its port cannot be opened (busy, permission, driver)
	StateAbsent                  // no terminal on USB
)

var stateNames = [...]string{"readable", "unreadable", "port-failed", "absent"}

// String returns "readable", "unreadable", "port-failed" or "absent".
func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return "state(" + strconv.Itoa(int(s)) + ")"
	}
	return stateNames[s]
}

// StateOf says which state an error of opening or probing a terminal means:
// nil is StateReadable, ErrUnreadable StateUnreadable, ErrNoTerminal and a
// PortNotFound or PortUnplugged *PortError StateAbsent, any other
// *PortError StatePortFailed. Other errors (a readable terminal that then
// timed out) give StateReadable with ok false.
func StateOf(err error) (s State, ok bool) {
	var pe *PortError
	switch {
	case err == nil:
		return StateReadable, true
	case errors.Is(err, ErrUnreadable):
		return StateUnreadable, true
	case errors.Is(err, ErrNoTerminal):
		return StateAbsent, true
	case errors.As(err, &pe):
		if pe.Kind == PortNotFound || pe.Kind == PortUnplugged {
			return StateAbsent, true
		}
		return StatePortFailed, true
	}
	return StateReadable, false
}
