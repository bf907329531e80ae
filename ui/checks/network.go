package checks

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/wizard"
)

// statusWithin returns the terminal's status if it arrives within a
// quarter of the check deadline, so checks that only use it for context
// never wait long on a hung terminal.
func (e *env) statusWithin(ctx context.Context) (device.Status, error) {
	sctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout/4)
	defer cancel()
	return e.status.get(sctx)
}

// Endpoint sources, as Endpoint.Source and evidence values name them.
const (
	SourceOverride = "override" // Config.Host: the command line
	SourceTerminal = "terminal" // the terminal's status
	SourceSettings = "settings" // the user's settings
)

// endpoint chooses the acquirer endpoint: Config.Host, else the one the
// terminal reports, else Config.Settings. Missing TID, MID and TPDU are
// filled from the terminal, then from the settings.
func (e *env) endpoint(ctx context.Context) netcheck.Endpoint {
	var term netcheck.Endpoint
	if st, err := e.statusWithin(ctx); err == nil {
		if st.Host != "" {
			if ep, err := netcheck.ParseEndpoint(st.Host); err == nil {
				term = ep
			}
		}
		term.Source = SourceTerminal
		term.TID, term.MID = strings.TrimSpace(st.TID), strings.TrimSpace(st.MID)
		if len(st.TPDU) == 5 {
			term.TPDU = strings.ToUpper(hex.EncodeToString(st.TPDU))
		}
	}
	var ep netcheck.Endpoint
	switch {
	case e.cfg.Host.Configured():
		ep = e.cfg.Host
		if ep.Source == "" {
			ep.Source = SourceOverride
		}
	case term.Configured():
		ep = term
	default:
		ep = e.cfg.Settings
		ep.Source = SourceSettings
	}
	for _, from := range []netcheck.Endpoint{term, e.cfg.Settings} {
		if ep.TID == "" {
			ep.TID = from.TID
		}
		if ep.MID == "" {
			ep.MID = from.MID
		}
		if ep.TPDU == "" {
			ep.TPDU = from.TPDU
		}
	}
	return ep
}

// whereTested adds the evidence every network and host result carries:
// that it was tested from this PC, and which network the terminal uses
// when it says so.
func (e *env) whereTested(ctx context.Context, r wizard.Result) wizard.Result {
	r.Evidence = append(r.Evidence, wizard.Fact{Key: "evidence.net.tested_from", Value: hostname()})
	if st, err := e.statusWithin(ctx); err == nil {
		r.Evidence = append(r.Evidence, terminalLinkFacts(st)...)
	}
	return r
}

// endpointFacts names the endpoint tested and where it came from.
func endpointFacts(ep netcheck.Endpoint) []wizard.Fact {
	out := []wizard.Fact{{Key: "evidence.host.source", Value: "evidence.source." + ep.Source}}
	if ep.Name != "" {
		out = append(out, wizard.Fact{Key: "evidence.host.name", Value: ep.Name})
	}
	return out
}

func (e *env) checkNetLink(ctx context.Context) (wizard.Result, error) {
	ifs, err := e.cfg.Interfaces(e.cfg.SysClassNet)
	if err != nil {
		return wizard.Result{}, err
	}
	return e.whereTested(ctx, fromVerdict(netcheck.EvaluateLink(ifs))), nil
}

func (e *env) checkGateway(ctx context.Context) (wizard.Result, error) {
	var g netcheck.GatewayFinding
	routes, err := e.cfg.Routes(ctx)
	g.RoutesErr = err
	if err == nil {
		g.Route, g.Found = netcheck.DefaultGateway(routes)
	}
	if g.Found {
		g.Probed = true
		g.Probe = netcheck.ProbeGateway(ctx, e.cfg.Dialer, g.Route.Gateway, netcheck.GatewayPorts,
			min(time.Second, budget(ctx, time.Second)))
	}
	return e.whereTested(ctx, fromVerdict(netcheck.EvaluateGateway(g))), nil
}

func (e *env) checkDNS(ctx context.Context) (wizard.Result, error) {
	ep := e.endpoint(ctx)
	f := netcheck.DNSFinding{Host: ep.Host}
	if f.Host == "" {
		// No payment host: look up a Lakala public name instead.
		for _, s := range e.cfg.PublicServices {
			if !netcheck.IsAddress(s.Host) {
				f.Host = s.Host
				break
			}
		}
	}
	f.Servers, f.ServersErr = e.cfg.Nameservers()
	if f.Host != "" && !netcheck.IsAddress(f.Host) {
		f.Lookup = netcheck.Resolve(ctx, e.cfg.Resolver, f.Host, budget(ctx, e.cfg.Timeout))
	}
	return e.whereTested(ctx, fromVerdict(netcheck.EvaluateDNS(f))), nil
}

func (e *env) checkHostTCP(ctx context.Context) (wizard.Result, error) {
	ep := e.endpoint(ctx)
	if !ep.Configured() {
		if len(e.cfg.PublicServices) == 0 {
			return fromVerdict(netcheck.NotConfigured()), nil
		}
		// No payment host known: does the shop's internet reach Lakala?
		b := budget(ctx, e.cfg.Timeout)
		ps := netcheck.ProbeServices(ctx, e.cfg.Dialer, e.cfg.Resolver, e.cfg.PublicServices, b)
		return e.whereTested(ctx, fromVerdict(netcheck.EvaluateServices(ps))), nil
	}
	b := budget(ctx, e.cfg.Timeout)
	tctx, cancel := context.WithTimeout(ctx, b)
	defer cancel()
	s := netcheck.MeasureTCP(tctx, e.cfg.Dialer, ep.Address(), e.cfg.Connects, b)
	r := fromVerdict(netcheck.EvaluateTCP(s))
	r.Evidence = append(r.Evidence, endpointFacts(ep)...)
	return e.whereTested(ctx, r), nil
}

// fetchEcho sends the shared echo. A missing endpoint gives
// netcheck.ErrNoEndpoint, missing IDs errIDsMissing, both in Err.
func (e *env) fetchEcho(ctx context.Context) (netcheck.EchoResult, error) {
	ep := e.endpoint(ctx)
	res := netcheck.EchoResult{Address: ep.Address(), Stage: netcheck.StageConnect}
	switch {
	case !ep.Configured():
		res.Err = netcheck.ErrNoEndpoint
		return res, nil
	case ep.TID == "" || ep.MID == "":
		res.Err = errIDsMissing
		return res, nil
	}
	return netcheck.Echo(ctx, e.cfg.Dialer, ep, netcheck.ProbeEcho, e.nextTrace(), budget(ctx, e.cfg.Timeout)), nil
}

// echoVerdict judges a shared echo result.
func echoVerdict(res netcheck.EchoResult) netcheck.Verdict {
	if errors.Is(res.Err, errIDsMissing) {
		return netcheck.IDsMissing()
	}
	return netcheck.EvaluateEcho(res)
}

func (e *env) checkHostEcho(ctx context.Context) (wizard.Result, error) {
	res, err := e.echo.get(ctx)
	if err != nil {
		return wizard.Result{}, err
	}
	v := echoVerdict(res)
	if e.cfg.SignInProbe && v.Level != wizard.Skipped {
		ep := e.endpoint(ctx)
		si := netcheck.EvaluateEcho(netcheck.Echo(ctx, e.cfg.Dialer, ep, netcheck.ProbeSignIn, e.nextTrace(), budget(ctx, e.cfg.Timeout)))
		if si.Level > v.Level {
			si.Evidence = append(v.Evidence, si.Evidence...)
			v = si
		} else {
			v.Evidence = append(v.Evidence, si.Evidence...)
		}
	}
	r := fromVerdict(v)
	if v.Level == wizard.Skipped {
		return r, nil
	}
	r.Evidence = append(r.Evidence, endpointFacts(e.endpoint(ctx))...)
	return e.whereTested(ctx, r), nil
}

func (e *env) checkHostClock(ctx context.Context) (wizard.Result, error) {
	c := netcheck.Clocks{PC: e.cfg.Now()}
	if st, err := e.statusWithin(ctx); err == nil {
		c.Terminal = st.Clock
	}
	if res, err := e.echo.get(ctx); err == nil && res.Stage == netcheck.StageDone {
		c.Host = res.HostTime
	}
	return fromVerdict(netcheck.EvaluateClock(c)), nil
}
