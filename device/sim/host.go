package sim

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"posdoctor/device/unionpay"
)

// HostFault is a fault the simulated acquirer host injects.
type HostFault int

// The faults of the simulated host. HostHealthy answers every request.
const (
	HostHealthy      HostFault = iota // answer sign-in, echo and sale with the configured codes
	HostRefuse                        // listen on nothing: every connect is refused
	HostSilent                        // accept and read, never answer
	HostSlow                          // answer after HostConfig.Delay
	HostDropMidFrame                  // write the first half of a reply, then close
	HostGarbage                       // answer with a frame of junk bytes
	HostWrongMTI                      // answer with MTI 0210 whatever was asked
	HostCloseAfter                    // close the connection after HostConfig.CloseAfter replies
)

var hostFaultNames = [...]string{
	HostHealthy: "healthy", HostRefuse: "refuse", HostSilent: "silent", HostSlow: "slow",
	HostDropMidFrame: "drop", HostGarbage: "garbage", HostWrongMTI: "wrong-mti", HostCloseAfter: "close-after",
}

// String returns the fault's name as parseHostFault reads it.
func (f HostFault) String() string {
	if f < 0 || int(f) >= len(hostFaultNames) {
		return fmt.Sprintf("hostfault(%d)", int(f))
	}
	return hostFaultNames[f]
}

// parseHostFault returns the fault named s ("healthy", "refuse", "silent",
// "slow", "drop", "garbage", "wrong-mti", "close-after"), or
// errUnknownHostFault.
func parseHostFault(s string) (HostFault, error) {
	for i, n := range hostFaultNames {
		if n == s {
			return HostFault(i), nil
		}
	}
	return 0, fmt.Errorf("%q: %w", s, errUnknownHostFault)
}

// errUnknownHostFault is returned by parseHostFault for a name it does not
// know.
var errUnknownHostFault = errors.New("sim: unknown host fault")

// HostConfig is how the simulated host behaves. The zero value answers
// every request with 00 at once.
type HostConfig struct {
	Fault      HostFault
	Delay      time.Duration // HostSlow: wait this long before each reply
	CloseAfter int           // HostCloseAfter: replies per connection before closing
	// Response codes (field 39) per request; "" means "00".
	SignInCode, EchoCode, SaleCode string
	// SignInAgain sets the reply header's processing request to 3.
	SignInAgain bool
	// ClockOffset is added to the host's clock (fields 12/13 of replies),
	// to simulate a host, or a PC, whose time is off.
	ClockOffset time.Duration
}

// chinaTime is the host's time zone: fields 12/13 carry China time.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Host is a simulated acquirer host: a TCP server on a random loopback
// port that speaks the UnionPay framing (length, TPDU, header, ISO 8583).
// Its configuration can change while it runs; Close stops it.
//
// Goroutines: one accepts connections while the host listens (it exits when
// the listener closes: on Close, or when the fault becomes HostRefuse); one
// per open connection reads requests and writes replies (it exits when its
// connection closes: the peer hangs up, a fault closes it, or Close does).
// Close waits for all of them.
type Host struct {
	addr     string // fixed for the host's life, even across HostRefuse
	done     chan struct{}
	requests atomic.Int64

	mu    sync.Mutex
	cfg   HostConfig
	ln    net.Listener // nil while refusing or closed
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
	shut  bool
}

// NewHost starts a simulated host on 127.0.0.1 at a random port. It returns
// the error of net.Listen.
func NewHost(cfg HostConfig) (*Host, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sim host listen: %w", err)
	}
	h := &Host{addr: ln.Addr().String(), done: make(chan struct{}), conns: map[net.Conn]struct{}{}, cfg: cfg}
	h.mu.Lock()
	defer h.mu.Unlock()
	if cfg.Fault == HostRefuse {
		ln.Close()
		return h, nil
	}
	h.serve(ln)
	return h, nil
}

// Addr returns the host's "127.0.0.1:port". It stays the same while the
// host refuses connections.
func (h *Host) Addr() string { return h.addr }

// Port returns the host's TCP port.
func (h *Host) Port() int {
	_, p, _ := net.SplitHostPort(h.addr)
	var n int
	fmt.Sscan(p, &n)
	return n
}

// Requests returns how many complete request frames the host has read.
func (h *Host) Requests() int { return int(h.requests.Load()) }

// Config returns the current configuration.
func (h *Host) Config() HostConfig {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cfg
}

// Set changes the configuration while the host runs; open connections see
// it from their next request. Switching to HostRefuse closes the listener
// and every open connection; switching away listens again on the same
// address. It returns ErrHostClosed after Close, and the error of
// net.Listen when the address cannot be taken back.
func (h *Host) Set(cfg HostConfig) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.shut {
		return ErrHostClosed
	}
	h.cfg = cfg
	switch {
	case cfg.Fault == HostRefuse && h.ln != nil:
		h.ln.Close()
		h.ln = nil
		for c := range h.conns {
			c.Close()
		}
	case cfg.Fault != HostRefuse && h.ln == nil:
		ln, err := net.Listen("tcp", h.addr)
		if err != nil {
			return fmt.Errorf("sim host listen again: %w", err)
		}
		h.serve(ln)
	}
	return nil
}

// SetFault changes only the fault; see Set.
func (h *Host) SetFault(f HostFault) error {
	cfg := h.Config()
	cfg.Fault = f
	return h.Set(cfg)
}

// ErrHostClosed is returned by Host.Set after Close.
var ErrHostClosed = errors.New("sim: host closed")

// Close stops listening, closes every connection and waits for the host's
// goroutines to end. Calling it again does nothing.
func (h *Host) Close() error {
	h.mu.Lock()
	if h.shut {
		h.mu.Unlock()
		return nil
	}
	h.shut = true
	close(h.done)
	if h.ln != nil {
		h.ln.Close()
		h.ln = nil
	}
	for c := range h.conns {
		c.Close()
	}
	h.mu.Unlock()
	h.wg.Wait()
	return nil
}

// serve starts the accept goroutine for ln. h.mu must be held.
func (h *Host) serve(ln net.Listener) {
	h.ln = ln
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return // listener closed
			}
			h.mu.Lock()
			if h.shut || h.ln != ln {
				h.mu.Unlock()
				c.Close()
				continue
			}
			h.conns[c] = struct{}{}
			h.wg.Add(1)
			h.mu.Unlock()
			go h.handle(c)
		}
	}()
}

// handle answers the requests of one connection until it closes.
func (h *Host) handle(c net.Conn) {
	defer h.wg.Done()
	defer func() {
		h.mu.Lock()
		delete(h.conns, c)
		h.mu.Unlock()
		c.Close()
	}()
	replies := 0
	for {
		f, err := unionpay.ReadFrame(c)
		if err != nil {
			return
		}
		h.requests.Add(1)
		cfg := h.Config()
		switch cfg.Fault {
		case HostSilent:
			continue
		case HostSlow:
			select {
			case <-time.After(cfg.Delay):
			case <-h.done:
				return
			}
		}
		out, err := reply(f, cfg)
		if err != nil {
			return // a request the host cannot read: hang up, as hosts do
		}
		switch cfg.Fault {
		case HostDropMidFrame:
			c.Write(out[:len(out)/2])
			return
		case HostGarbage:
			junk := []byte{0x00, 0x10, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00}
			if _, err := c.Write(junk); err != nil {
				return
			}
			continue
		}
		if _, err := c.Write(out); err != nil {
			return
		}
		replies++
		if cfg.Fault == HostCloseAfter && replies >= cfg.CloseAfter {
			return
		}
	}
}

// reply builds the framed answer to request frame f under cfg.
func reply(f unionpay.Frame, cfg HostConfig) ([]byte, error) {
	req, err := unionpay.Unpack(f.Message)
	if err != nil {
		return nil, err
	}
	kind, _ := unionpay.KindOf(req)
	code := "00"
	r := unionpay.Reply{Time: time.Now().Add(cfg.ClockOffset).In(chinaTime)}
	switch kind {
	case unionpay.KindSignIn:
		code = cfg.SignInCode
	case unionpay.KindEcho:
		code = cfg.EchoCode
	case unionpay.KindSale:
		code = cfg.SaleCode
		r.RRN = r.Time.Format("060102150405")
		if code == "" || code == "00" {
			r.AuthCode = "123456"
		}
	}
	if code == "" {
		code = "00"
	}
	r.Code = code
	resp, err := unionpay.NewResponse(req, r)
	if err != nil {
		return nil, err
	}
	if cfg.Fault == HostWrongMTI {
		resp.MTI("0210")
	}
	packed, err := unionpay.Pack(resp)
	if err != nil {
		return nil, err
	}
	h := f.Header
	h.Request = unionpay.RequestNone
	if cfg.SignInAgain {
		h.Request = unionpay.RequestSignIn
	}
	return unionpay.AppendFrame(nil, unionpay.Frame{TPDU: f.TPDU.Reply(), NAC: f.NAC, Header: h, Message: packed})
}
