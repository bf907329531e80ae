package netcheck

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"strings"
	"time"

	"posdoctor/wizard/outcome"
)

// Resolver looks up host names; *net.Resolver (net.DefaultResolver) is one.
// Tests inject fakes.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// dnsSlow is the resolution time above which EvaluateDNS warns: a resolver
// this slow delays every transaction that looks the host up.
const dnsSlow = time.Second

// parseResolvConf returns the nameserver addresses of a resolv.conf, in
// order. Comments, options and malformed lines are ignored.
func parseResolvConf(r io.Reader) []string {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexAny(line, "#;"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "nameserver" {
			continue
		}
		addr := f[1]
		if i := strings.IndexByte(addr, '%'); i >= 0 { // fe80::1%eth0
			addr = addr[:i]
		}
		if _, err := netip.ParseAddr(addr); err == nil {
			out = append(out, f[1])
		}
	}
	return out
}

// IsAddress reports whether host is an IP address rather than a name.
func IsAddress(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}

// Lookup is what Resolve saw.
type Lookup struct {
	Host    string
	Addrs   []string
	Latency time.Duration
	Err     error
}

// Resolve looks host up with r, bounded by timeout and ctx, and times it.
func Resolve(ctx context.Context, r Resolver, host string, timeout time.Duration) Lookup {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	addrs, err := r.LookupHost(ctx, host)
	return Lookup{Host: host, Addrs: addrs, Latency: time.Since(start), Err: err}
}

// DNSFinding is the input of EvaluateDNS.
type DNSFinding struct {
	Servers    []string // the configured resolvers
	ServersErr error    // reading them failed (ErrUnsupported on some systems)
	Host       string   // the acquirer host, "" when not configured
	Lookup     Lookup   // valid when Host is a name
}

// EvaluateDNS judges name resolution. With no acquirer host configured, or
// a host given as an address, it only reports the resolvers (Warn when none
// is configured). For a host name: Fail when it does not resolve (not found,
// or no answer in time), Warn when resolution took longer than dnsSlow, Pass
// otherwise, with the addresses and the time taken.
func EvaluateDNS(f DNSFinding) Verdict {
	var v Verdict
	if len(f.Servers) > 0 {
		v.Evidence = append(v.Evidence, fact("evidence.net.dns.servers", strings.Join(f.Servers, ", ")))
	}
	noServers := f.ServersErr == nil && len(f.Servers) == 0
	if f.Host == "" || IsAddress(f.Host) {
		switch {
		case noServers:
			v.Level, v.Summary = outcome.Warn, "check.net.dns.noserver"
		case f.Host != "":
			v.Level, v.Summary = outcome.Pass, "check.net.dns.not_needed"
			v.Args = map[string]string{"host": f.Host}
		case f.ServersErr != nil:
			v.Level, v.Summary, v.Detail = outcome.Skipped, "check.net.dns.unknown", errDetail(f.ServersErr)
		default:
			v.Level, v.Summary = outcome.Pass, "check.net.dns.configured"
		}
		return v
	}
	l := f.Lookup
	v.Args = map[string]string{"host": f.Host, "latency": ms(l.Latency)}
	v.Evidence = append(v.Evidence, fact("evidence.net.dns.latency", ms(l.Latency)))
	if l.Err != nil {
		v.Level, v.Detail = outcome.Fail, l.Err.Error()
		var de *net.DNSError
		switch {
		case errors.As(l.Err, &de) && de.IsNotFound:
			v.Summary = "check.net.dns.notfound"
		case errors.Is(l.Err, context.DeadlineExceeded) || errors.As(l.Err, &de) && de.IsTimeout:
			v.Summary = "check.net.dns.timeout"
		default:
			v.Summary = "check.net.dns.fail"
		}
		if noServers {
			v.Summary = "check.net.dns.noserver"
		}
		return v
	}
	v.Evidence = append(v.Evidence, fact("evidence.net.dns.addrs", strings.Join(l.Addrs, ", ")))
	v.Args["addrs"] = strings.Join(l.Addrs, ", ")
	if l.Latency > dnsSlow {
		v.Level, v.Summary = outcome.Warn, "check.net.dns.slow"
		return v
	}
	v.Level, v.Summary = outcome.Pass, "check.net.dns.pass"
	return v
}
