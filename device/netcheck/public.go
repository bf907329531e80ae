package netcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"posdoctor/wizard/outcome"
)

// Service is a public address of the acquirer (Lakala) that a shop's
// internet should reach: tested when no acquirer payment host is
// configured, so the verdict can still say "the shop's internet reaches
// Lakala" or "does not". These are web and API addresses, not the payment
// host a terminal talks ISO 8583 to: reaching them proves the shop's
// internet path, not the payment host.
type Service struct {
	Name   string `json:"name"`   // shown to the user, e.g. "拉卡拉开放平台 API"
	Host   string `json:"host"`   // a DNS name or an address
	Port   int    `json:"port"`   // usually 443
	Source string `json:"source"` // where the address was found (a URL)
}

// Address returns "host:port".
func (s Service) Address() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// ParseServices reads the list shipped in assets (network/lakala.json):
// {"services": [{"name", "host", "port", "source"}]}. It returns
// ErrNoEndpoint when the list is empty or an entry lacks a host or port.
func ParseServices(b []byte) ([]Service, error) {
	var doc struct {
		Services []Service `json:"services"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("public services: %w", err)
	}
	if len(doc.Services) == 0 {
		return nil, fmt.Errorf("public services: %w", ErrNoEndpoint)
	}
	for _, s := range doc.Services {
		if s.Host == "" || s.Port <= 0 || s.Port > 65535 {
			return nil, fmt.Errorf("public service %q: %w", s.Name, ErrNoEndpoint)
		}
	}
	return doc.Services, nil
}

// ParseServiceList reads addresses as typed in Settings: "host:port"
// separated by commas, spaces or new lines ("host" alone means port 443).
// Empty text gives no services and no error.
func ParseServiceList(s string) ([]Service, error) {
	var out []Service
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '，' }) {
		host, port := f, "443"
		if h, p, err := net.SplitHostPort(f); err == nil {
			host, port = h, p
		}
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > 65535 || host == "" || strings.ContainsAny(host, "/:") && !IsAddress(host) {
			return nil, fmt.Errorf("public service %q: %w", f, ErrNoEndpoint)
		}
		out = append(out, Service{Host: host, Port: n, Source: "settings"})
	}
	return out, nil
}

// ServiceProbe is what ProbeServices saw of one service.
type ServiceProbe struct {
	Service Service
	Lookup  Lookup        // the name's resolution (empty for an address)
	Reached bool          // a TCP connection was made
	RTT     time.Duration // its connect time
	Refused bool          // the address answered but refused the port
	Err     error         // why it was not reached
}

// ProbeServices resolves each service's name with r and makes one TCP
// connect to its first address with d, all at once, each within perTry
// and ctx. A name that does not resolve is not dialled, so a fake
// resolver keeps tests on loopback. It sends no data and returns when
// every probe has ended.
func ProbeServices(ctx context.Context, d Dialer, r Resolver, svcs []Service, perTry time.Duration) []ServiceProbe {
	out := make([]ServiceProbe, len(svcs))
	var wg sync.WaitGroup
	for i, s := range svcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = probeService(ctx, d, r, s, perTry)
		}()
	}
	wg.Wait()
	return out
}

func probeService(ctx context.Context, d Dialer, r Resolver, s Service, perTry time.Duration) ServiceProbe {
	p := ServiceProbe{Service: s}
	addr := s.Host
	if !IsAddress(s.Host) {
		p.Lookup = Resolve(ctx, r, s.Host, perTry)
		if p.Lookup.Err != nil {
			p.Err = p.Lookup.Err
			return p
		}
		if len(p.Lookup.Addrs) == 0 {
			p.Err = &net.DNSError{Err: "no addresses", Name: s.Host, IsNotFound: true}
			return p
		}
		addr = p.Lookup.Addrs[0]
	}
	cctx, cancel := context.WithTimeout(ctx, perTry)
	defer cancel()
	start := time.Now()
	c, err := d.DialContext(cctx, "tcp", net.JoinHostPort(addr, strconv.Itoa(s.Port)))
	p.RTT = time.Since(start)
	if err != nil {
		p.Err, p.Refused = err, isRefused(err)
		return p
	}
	c.Close()
	p.Reached = true
	return p
}

// EvaluateServices says whether the shop's internet reaches Lakala: Pass
// when every public address answered, Warn when some did, Fail when none
// did (summary "…dns" when no name could even be looked up), Skipped when
// there was nothing to test. The evidence names each address with its
// connect time or what went wrong, and that the payment host itself was
// not tested.
func EvaluateServices(ps []ServiceProbe) Verdict {
	if len(ps) == 0 {
		return NotConfigured()
	}
	v := Verdict{Args: map[string]string{"total": strconv.Itoa(len(ps))}}
	reached, dnsFailed := 0, 0
	var details []string
	for _, p := range ps {
		key, val := "", p.Service.Address()
		switch {
		case p.Reached:
			reached++
			key, val = "evidence.public.reached", val+" · "+ms(p.RTT)
		case p.Lookup.Err != nil || p.Lookup.Host != "" && len(p.Lookup.Addrs) == 0:
			dnsFailed++
			key = "evidence.public.noname"
		case p.Refused:
			key = "evidence.public.refused"
		default:
			key = "evidence.public.noanswer"
		}
		v.Evidence = append(v.Evidence, fact(key, val))
		if p.Err != nil {
			details = append(details, p.Service.Address()+": "+p.Err.Error())
		}
	}
	v.Evidence = append(v.Evidence, fact("evidence.public.note", "evidence.public.not_payment_host"))
	v.Args["reached"] = strconv.Itoa(reached)
	v.Args["failed"] = strconv.Itoa(len(ps) - reached)
	v.Detail = strings.Join(details, "; ")
	switch {
	case reached == len(ps):
		v.Level, v.Summary = outcome.Pass, "check.host.public.pass"
	case reached > 0:
		v.Level, v.Summary = outcome.Warn, "check.host.public.partial"
	case dnsFailed == len(ps):
		v.Level, v.Summary = outcome.Fail, "check.host.public.dns"
	default:
		v.Level, v.Summary = outcome.Fail, "check.host.public.fail"
	}
	return v
}
