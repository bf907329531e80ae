package netcheck

import (
	"context"
	"encoding/hex"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"posdoctor/wizard/outcome"
)

// Endpoint is an acquirer host to test: where it is and what to put in an
// echo. It comes from the terminal's status when the terminal reports it,
// else from the user's settings; nothing is ever invented.
type Endpoint struct {
	Name string // shown to the user, e.g. "Lakala"; may be empty
	Host string // a name or an address
	Port int
	TPDU string // 10 hex digits, e.g. "6000030000"; "" uses DefaultTPDU
	TID  string // terminal ID (field 41) for the echo, 8 characters
	MID  string // merchant ID (field 42) for the echo, 15 characters
	// Source says where the endpoint came from: "terminal" or "settings".
	Source string
}

// DefaultTPDU is the TPDU used when an endpoint gives none: ID 60,
// destination 0003, source 0000, common on UnionPay POS links.
const DefaultTPDU = "6000030000"

// Configured reports whether e names a host and a port.
func (e Endpoint) Configured() bool { return e.Host != "" && e.Port > 0 && e.Port < 65536 }

// Address returns "host:port" for dialling.
func (e Endpoint) Address() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.Port)) }

// TPDUBytes returns the endpoint's TPDU (or DefaultTPDU) as 5 bytes. It
// returns ErrBadTPDU when it is not 10 hex digits starting with 60.
func (e Endpoint) TPDUBytes() ([]byte, error) {
	s := e.TPDU
	if s == "" {
		s = DefaultTPDU
	}
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil || len(b) != 5 || b[0] != 0x60 {
		return nil, fmt.Errorf("tpdu %q: %w", s, ErrBadTPDU)
	}
	return b, nil
}

// ParseEndpoint parses "host:port" (as typed in settings or on the command
// line) into an Endpoint with Source "settings".
func ParseEndpoint(s string) (Endpoint, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(s))
	if err != nil {
		return Endpoint{}, fmt.Errorf("endpoint %q: %w", s, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p <= 0 || p > 65535 || host == "" {
		return Endpoint{}, fmt.Errorf("endpoint %q: %w", s, ErrNoEndpoint)
	}
	return Endpoint{Host: host, Port: p, Source: "settings"}, nil
}

// Thresholds of EvaluateTCP.
const (
	// tcpMedianWarn: a median connect time above this warns; a card
	// payment makes several round trips and terminals time out at 30–60 s
	// in total, so a slow path shows up as timeouts at the counter.
	tcpMedianWarn = 500 * time.Millisecond
	// tcpLossWarn: losing this share of connects or more warns; losing all
	// of them fails.
	tcpLossWarn = 0.20
	// DefaultConnects is how many connects MeasureTCP makes by default.
	DefaultConnects = 5
)

// TCPStats is what MeasureTCP saw.
type TCPStats struct {
	Address  string
	Planned  int             // connects asked for
	Attempts int             // connects made (fewer when ctx ran out)
	RTTs     []time.Duration // connect times of the successful ones, in order
	Refused  int             // attempts the host refused (port closed)
	LastErr  error           // the last failure, if any
}

// Failures returns how many attempts failed.
func (s TCPStats) Failures() int { return s.Attempts - len(s.RTTs) }

// Loss returns the share of failed attempts, 0..1 (1 when none was made).
func (s TCPStats) Loss() float64 {
	if s.Attempts == 0 {
		return 1
	}
	return float64(s.Failures()) / float64(s.Attempts)
}

// Min returns the fastest connect time, 0 when none succeeded.
func (s TCPStats) Min() time.Duration {
	if len(s.RTTs) == 0 {
		return 0
	}
	return slices.Min(s.RTTs)
}

// Max returns the slowest connect time, 0 when none succeeded.
func (s TCPStats) Max() time.Duration {
	if len(s.RTTs) == 0 {
		return 0
	}
	return slices.Max(s.RTTs)
}

// Median returns the median connect time (the mean of the middle two for
// an even count), 0 when none succeeded.
func (s TCPStats) Median() time.Duration {
	n := len(s.RTTs)
	if n == 0 {
		return 0
	}
	r := slices.Clone(s.RTTs)
	slices.Sort(r)
	if n%2 == 1 {
		return r[n/2]
	}
	return (r[n/2-1] + r[n/2]) / 2
}

// Jitter returns the mean absolute difference between consecutive
// successful connect times (as RFC 3550 defines jitter, unsmoothed), 0 for
// fewer than two.
func (s TCPStats) Jitter() time.Duration {
	if len(s.RTTs) < 2 {
		return 0
	}
	var sum time.Duration
	for i := 1; i < len(s.RTTs); i++ {
		d := s.RTTs[i] - s.RTTs[i-1]
		sum += max(d, -d)
	}
	return sum / time.Duration(len(s.RTTs)-1)
}

// connectSpacing is the time between the starts of MeasureTCP's connects.
// They overlap: each may take up to its own timeout without eating into
// the others' time, so a slow host is measured as slow, not as lost.
const connectSpacing = 10 * time.Millisecond

// MeasureTCP connects to address n times, starting one every
// connectSpacing, closing each connection at once, and records the connect
// times in start order. Each attempt may take at most perTry, and never
// past ctx's deadline. Attempts not started when ctx is done are not
// counted. It sends no data, and returns once every attempt has ended.
func MeasureTCP(ctx context.Context, d Dialer, address string, n int, perTry time.Duration) TCPStats {
	s := TCPStats{Address: address, Planned: n}
	type attempt struct {
		rtt time.Duration
		err error
	}
	results := make([]chan attempt, 0, n)
	tick := time.NewTicker(connectSpacing)
	defer tick.Stop()
	for i := range n {
		if i > 0 {
			select {
			case <-tick.C:
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		ch := make(chan attempt, 1)
		results = append(results, ch)
		go func() {
			actx, cancel := context.WithTimeout(ctx, perTry)
			defer cancel()
			start := time.Now()
			c, err := d.DialContext(actx, "tcp", address)
			rtt := time.Since(start)
			if err == nil {
				c.Close()
			}
			ch <- attempt{rtt, err}
		}()
	}
	for _, ch := range results {
		a := <-ch
		s.Attempts++
		if a.err != nil {
			s.LastErr = a.err
			if isRefused(a.err) {
				s.Refused++
			}
			continue
		}
		s.RTTs = append(s.RTTs, a.rtt)
	}
	return s
}

// NotConfigured is the verdict of every host check without an acquirer
// endpoint: skipped, with a summary that says how to configure one.
func NotConfigured() Verdict {
	return Verdict{Level: outcome.Skipped, Summary: "check.host.not_configured"}
}

// EvaluateTCP judges connect statistics against the thresholds: Fail when
// every attempt failed (refused: the host is there but the port is closed;
// otherwise no answer), Warn when loss ≥ tcpLossWarn or the median exceeds
// tcpMedianWarn, Pass otherwise. The evidence lists attempts, min / median /
// max, jitter and loss.
func EvaluateTCP(s TCPStats) Verdict {
	v := Verdict{
		Args: map[string]string{
			"address": s.Address,
			"median":  ms(s.Median()),
			"loss":    percent(s.Loss()),
		},
		Evidence: []Fact{
			fact("evidence.host.address", s.Address),
			fact("evidence.tcp.attempts", strconv.Itoa(s.Attempts)),
		},
		Detail: errDetail(s.LastErr),
	}
	if len(s.RTTs) > 0 {
		v.Evidence = append(v.Evidence,
			fact("evidence.latency.min", ms(s.Min())),
			fact("evidence.latency.median", ms(s.Median())),
			fact("evidence.latency.max", ms(s.Max())),
			fact("evidence.latency.jitter", ms(s.Jitter())),
		)
	}
	v.Evidence = append(v.Evidence, fact("evidence.tcp.loss", percent(s.Loss())))
	switch {
	case len(s.RTTs) == 0 && s.Attempts > 0 && s.Refused == s.Attempts:
		v.Level, v.Summary = outcome.Fail, "check.host.tcp.refused"
	case len(s.RTTs) == 0:
		v.Level, v.Summary = outcome.Fail, "check.host.tcp.fail"
	case s.Loss() >= tcpLossWarn:
		v.Level, v.Summary = outcome.Warn, "check.host.tcp.loss"
	case s.Median() > tcpMedianWarn:
		v.Level, v.Summary = outcome.Warn, "check.host.tcp.slow"
	default:
		v.Level, v.Summary = outcome.Pass, "check.host.tcp.pass"
	}
	return v
}

// percent formats a share 0..1 as "20 %".
func percent(f float64) string {
	return strconv.FormatFloat(f*100, 'f', 0, 64) + " %"
}
