package checks

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"posdoctor/device"
	"posdoctor/device/unionpay"
	"posdoctor/wizard"
)

// openLink returns the shared link, opening it on first use: the named port,
// or the best detected terminal. A fresh link is probed (device.Link.Probe)
// to find the protocol the terminal speaks, the one that answered last time
// first; a terminal that answers none is remembered as unreadable for
// CacheFor and returned as a *device.UnreadableError, and its port is let
// go. A failed open is not remembered, so a replugged terminal is found on
// the next run. After the close function it returns device.ErrClosed.
func (e *env) openLink(ctx context.Context) (*device.Link, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, device.ErrClosed
	}
	if e.link != nil {
		return e.link, nil
	}
	if e.unread != nil && time.Since(e.unreadAt) < CacheFor {
		return nil, e.unread
	}
	path := e.cfg.Port
	prefer := e.driver
	if path == "" {
		cands, err := device.Detect(ctx, e.cfg.Lister, e.cfg.Preferences...)
		if err != nil {
			return nil, err
		}
		c, err := device.Pick(cands)
		if err != nil {
			return nil, err
		}
		path = c.Port.Name
		if prefer == "" {
			prefer = c.Driver
		}
	}
	e.path = path
	opts := e.cfg.LinkOptions
	if e.cfg.LinkOptions.Driver != nil {
		// A driver chosen by the caller is used as it is, unprobed.
		l, err := device.OpenWith(path, opts)
		if err != nil {
			return nil, err
		}
		e.link = l
		return l, nil
	}
	l, err := device.OpenWith(path, opts)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, probeBudget(ctx))
	defer cancel()
	res, err := l.Probe(pctx, device.ProbeOptions{Deadline: probeBudget(ctx), Prefer: prefer})
	e.probe = &res
	var ue *device.UnreadableError
	switch {
	case errors.As(err, &ue):
		l.Close()
		e.unread, e.unreadAt = ue, time.Now()
		return nil, ue
	case err != nil:
		l.Close()
		return nil, err
	}
	e.driver = res.Driver
	e.link = l
	return l, nil
}

// probeBudget is how long the probe may take: at most 2.5 s, and a margin
// before ctx's deadline, so the check can still say what was heard.
func probeBudget(ctx context.Context) time.Duration {
	return min(2500*time.Millisecond, max(remaining(ctx, DefaultTimeout)-margin, 100*time.Millisecond))
}

// withLink runs f with the shared link, one caller at a time. It returns
// ctx's error if another call holds the link until ctx is done.
func withLink[T any](ctx context.Context, e *env, f func(*device.Link, context.Context) (T, error)) (T, error) {
	var zero T
	l, err := e.openLink(ctx)
	if err != nil {
		return zero, err
	}
	select {
	case e.use <- struct{}{}:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	defer func() { <-e.use }()
	return f(l, ctx)
}

func (e *env) fetchStatus(ctx context.Context) (device.Status, error) {
	st, err := withLink(ctx, e, (*device.Link).Status)
	if err == nil && e.cfg.OnStatus != nil {
		e.cfg.OnStatus(st, e.cfg.Now())
	}
	return st, err
}

// linkFailure turns an error of opening or using the link into a result:
// no terminal is a skip (terminal.found reports it), a terminal that speaks
// no protocol POS Doctor knows is a skip too (not a fault: the wizard asks
// instead), as is a command the terminal's protocol does not offer;
// anything else a fail with the device package's words where it has them.
// Evidence names the state (device.StateOf) for the flows.
func linkFailure(err error) wizard.Result {
	r := wizard.Result{Outcome: wizard.Fail, Detail: errText(err)}
	var pe *device.PortError
	var re *device.RejectedError
	var ue *device.UnreadableError
	switch {
	case errors.Is(err, device.ErrNoTerminal):
		r.Outcome, r.Summary = wizard.Skipped, "check.terminal.none"
	case errors.As(err, &ue):
		r.Outcome, r.Summary = wizard.Skipped, "check.terminal.unreadable"
		r.Evidence = probeFacts(ue.Result)
	case errors.Is(err, device.ErrNotOffered):
		r.Outcome, r.Summary = wizard.Skipped, "check.terminal.notoffered"
	case errors.As(err, &pe):
		r.Summary, r.Args = pe.Kind.MessageKey(), pe.Args()
	case errors.As(err, &re):
		r.Summary = "check.terminal.rejected"
	case errors.Is(err, device.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		r.Summary = "check.terminal.timeout"
	case errors.Is(err, device.ErrNoAck):
		// NAK storms and replies that do not frame are the link's quality
		// (cable, interference, port or speed), not a silent terminal: a
		// warning the flows route to usb.link-quality.
		r.Outcome, r.Summary = wizard.Warn, "check.terminal.noack"
	case errors.Is(err, device.ErrBadReply):
		r.Outcome, r.Summary = wizard.Warn, "check.terminal.badreply"
	case errors.Is(err, device.ErrClosed):
		r.Summary = "check.terminal.closed"
	default:
		r.Summary = "check.terminal.error"
	}
	if st, ok := device.StateOf(err); ok && st != device.StateReadable {
		r.Evidence = append([]wizard.Fact{{Key: EvidenceTerminalState, Value: "device.state." + st.String()}}, r.Evidence...)
	}
	return r
}

// Evidence keys of the terminal link's state, for the flows and the
// report. Values of EvidenceTerminalState are "device.state.readable",
// ".unreadable", ".port-failed" or ".absent"; of EvidenceTerminalHeard
// "device.heard.nothing", ".ecrhub", ".stx", ".ascii" or ".noise".
const (
	EvidenceTerminalState    = "evidence.terminal.state"
	EvidenceTerminalHeard    = "evidence.terminal.heard"
	EvidenceTerminalSample   = "evidence.terminal.sample"
	EvidenceTerminalBaud     = "evidence.terminal.baud"
	EvidenceTerminalSpeeds   = "evidence.terminal.speeds"
	EvidenceTerminalProtocol = "evidence.terminal.driver"
	EvidenceTerminalTried    = "evidence.terminal.tried"
)

// probeFacts is what a probe of an unreadable terminal heard: the class,
// a scrubbed hex sample, the speed and the speeds and protocols tried.
func probeFacts(res device.ProbeResult) []wizard.Fact {
	out := []wizard.Fact{{Key: EvidenceTerminalHeard, Value: "device.heard." + res.Heard.String()}}
	if res.Sample != "" {
		out = append(out, wizard.Fact{Key: EvidenceTerminalSample, Value: res.Sample})
	}
	if res.Baud != 0 && res.Heard != device.HeardNothing {
		out = append(out, wizard.Fact{Key: EvidenceTerminalBaud, Value: strconv.Itoa(res.Baud)})
	}
	var speeds []string
	for _, s := range res.Speeds {
		speeds = append(speeds, strconv.Itoa(s))
	}
	if len(speeds) > 0 {
		out = append(out, wizard.Fact{Key: EvidenceTerminalSpeeds, Value: strings.Join(speeds, ", ")})
	}
	if len(res.Tried) > 0 {
		out = append(out, wizard.Fact{Key: EvidenceTerminalTried, Value: strings.Join(res.Tried, ", ")})
	}
	return out
}

func (e *env) checkFound(ctx context.Context) (wizard.Result, error) {
	if e.cfg.Port != "" {
		return wizard.Result{Outcome: wizard.Pass, Summary: "check.terminal.found.named",
			Args: map[string]string{"port": e.cfg.Port}}, nil
	}
	cands, err := device.Detect(ctx, e.cfg.Lister, e.cfg.Preferences...)
	if err != nil {
		return wizard.Result{}, err
	}
	var ev []wizard.Fact
	for _, c := range cands {
		name := c.Port.Name
		if name == "" {
			name = c.Port.VID + ":" + c.Port.PID
		}
		ev = append(ev, wizard.Fact{Key: "evidence.terminal.candidate", Value: name + " (" + c.Kind.String() + ")"})
	}
	if c, err := device.Pick(cands); err == nil {
		return wizard.Result{Outcome: wizard.Pass, Summary: c.VerdictKey, Args: c.Args, Evidence: ev}, nil
	}
	for _, c := range cands {
		// A terminal on USB without its serial port: the driver is
		// missing, which the flows handle as a warning.
		if c.Kind == device.KindNoDriver {
			return wizard.Result{Outcome: wizard.Warn, Summary: c.VerdictKey, Args: c.Args, Evidence: ev}, nil
		}
	}
	for _, c := range cands {
		// A USB-serial cable: the terminal behind it is unknown; the user
		// can name the port.
		if c.Kind == device.KindCable {
			return wizard.Result{Outcome: wizard.Fail, Summary: c.VerdictKey, Args: c.Args, Evidence: ev}, nil
		}
	}
	return wizard.Result{Outcome: wizard.Fail, Summary: "check.terminal.found.none", Evidence: ev}, nil
}

func (e *env) checkPort(ctx context.Context) (wizard.Result, error) {
	l, err := e.openLink(ctx)
	var ue *device.UnreadableError
	if errors.As(err, &ue) {
		// The port opened: its health is fine. What the terminal speaks
		// is for terminal.status to say.
		return wizard.Result{Outcome: wizard.Pass, Summary: "check.terminal.port.unreadable",
			Args: map[string]string{"port": ue.Port},
			Evidence: append([]wizard.Fact{{Key: "evidence.terminal.port", Value: ue.Port},
				{Key: EvidenceTerminalState, Value: "device.state.unreadable"}}, probeFacts(ue.Result)...)}, nil
	}
	if err != nil {
		return linkFailure(err), nil
	}
	return wizard.Result{Outcome: wizard.Pass, Summary: "check.terminal.port.pass",
		Args: map[string]string{"port": l.Path()},
		Evidence: []wizard.Fact{{Key: "evidence.terminal.port", Value: l.Path()},
			{Key: EvidenceTerminalState, Value: "device.state.readable"}, {Key: EvidenceTerminalProtocol, Value: l.Driver()}}}, nil
}

// withStatus runs judge on the shared status, or reports why there is none.
func (e *env) withStatus(ctx context.Context, judge func(device.Status) wizard.Result) (wizard.Result, error) {
	st, err := e.status.get(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return wizard.Result{}, err // the runner reports the timeout
		}
		return linkFailure(err), nil
	}
	return judge(st), nil
}

// withFullStatus is withStatus for checks that need what only a full
// status reports (sign-in, clock, self-test, network, versions): a Partial
// status (a protocol that does not report it) skips them.
func (e *env) withFullStatus(ctx context.Context, judge func(device.Status) wizard.Result) (wizard.Result, error) {
	r, err := e.withFullStatusOf(ctx, judge)
	return dependent(r), err
}

// dependent shortens an unreadable-terminal result for the checks that
// follow terminal.status: one short sentence and the state, not the whole
// probe again (terminal.status and terminal.port carry it).
func dependent(r wizard.Result) wizard.Result {
	if r.Summary != "check.terminal.unreadable" {
		return r
	}
	r.Summary = "check.terminal.unreadable.dep"
	r.Evidence = []wizard.Fact{{Key: EvidenceTerminalState, Value: "device.state.unreadable"}}
	return r
}

func (e *env) withFullStatusOf(ctx context.Context, judge func(device.Status) wizard.Result) (wizard.Result, error) {
	return e.withStatus(ctx, func(st device.Status) wizard.Result {
		if st.Partial {
			return wizard.Result{Outcome: wizard.Skipped, Summary: "check.terminal.notoffered",
				Args:     map[string]string{"protocol": st.Protocol},
				Evidence: []wizard.Fact{{Key: EvidenceTerminalProtocol, Value: st.Protocol}}}
		}
		return judge(st)
	})
}

// facts converts device facts to evidence, leaving out empty values.
func facts(fs []device.Fact) []wizard.Fact {
	out := make([]wizard.Fact, 0, len(fs))
	for _, f := range fs {
		if f.Value == "" || f.Value == "-1" {
			continue
		}
		out = append(out, wizard.Fact{Key: f.Key, Value: f.Value})
	}
	return out
}

func (e *env) checkStatus(ctx context.Context) (wizard.Result, error) {
	return e.withStatus(ctx, func(st device.Status) wizard.Result {
		ev := append([]wizard.Fact{{Key: EvidenceTerminalState, Value: "device.state.readable"},
			{Key: EvidenceTerminalProtocol, Value: st.Protocol}}, facts(st.Facts())...)
		r := wizard.Result{Outcome: wizard.Pass, Summary: "check.terminal.status.pass",
			Args: map[string]string{"model": st.Model}, Evidence: ev}
		// The terminal answered, but only through noise, resends or NAKs:
		// the link's quality is a finding of its own, never a silent pass.
		if ls, ok := e.linkStats(); ok && (ls.Garbage > 0 || ls.Resends > 0 || ls.NAKs > 0) {
			r.Outcome, r.Summary = wizard.Warn, "check.terminal.link-quality"
			r.Evidence = append(r.Evidence,
				wizard.Fact{Key: "evidence.link.garbage", Value: strconv.Itoa(ls.Garbage)},
				wizard.Fact{Key: "evidence.link.resends", Value: strconv.Itoa(ls.Resends)},
				wizard.Fact{Key: "evidence.link.naks", Value: strconv.Itoa(ls.NAKs)})
		}
		return r
	})
}

// linkStats returns the open link's error counters.
func (e *env) linkStats() (device.Stats, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.link == nil {
		return device.Stats{}, false
	}
	return e.link.Stats(), true
}

func (e *env) checkSignIn(ctx context.Context) (wizard.Result, error) {
	return e.withFullStatus(ctx, func(st device.Status) wizard.Result {
		r := fromEvaluation(device.EvalSignIn(st, e.cfg.Now()))
		if st.Keys == device.KeysBad {
			// Signed in, but the host rejects its MAC: the flows send a
			// warning to the keys finding, a failure to "not signed in".
			r.Outcome = wizard.Warn
		}
		r.Evidence = facts([]device.Fact{
			{Key: "device.fact.signin", Value: timeText(st.LastSignIn)},
			{Key: "device.fact.keys", Value: "device.keys." + [...]string{"none", "ok", "bad"}[min(int(st.Keys), 2)]},
		})
		return r
	})
}

func (e *env) checkTerminalClock(ctx context.Context) (wizard.Result, error) {
	return e.withFullStatus(ctx, func(st device.Status) wizard.Result {
		now := e.cfg.Now()
		_, ev := device.ClockOffset(st, now)
		r := fromEvaluation(ev)
		r.Evidence = facts([]device.Fact{
			{Key: "device.fact.clock", Value: timeText(st.Clock)},
			{Key: "evidence.clock.pc", Value: timeText(now)},
		})
		return r
	})
}

func (e *env) checkHardware(ctx context.Context) (wizard.Result, error) {
	return e.withFullStatus(ctx, func(st device.Status) wizard.Result {
		r := fromEvaluation(device.EvalHardware(st))
		for _, k := range device.SelfTestFailures(st) {
			r.Evidence = append(r.Evidence, wizard.Fact{Key: "evidence.terminal.part_fault", Value: k})
		}
		r.Evidence = append(r.Evidence, wizard.Fact{Key: "evidence.terminal.paper", Value: "evidence.paper." + strconv.Itoa(int(st.Paper))})
		if st.Battery >= 0 {
			r.Evidence = append(r.Evidence, wizard.Fact{Key: "device.fact.battery", Value: strconv.Itoa(st.Battery)})
		}
		return r
	})
}

func (e *env) checkTerminalNetwork(ctx context.Context) (wizard.Result, error) {
	return e.withFullStatus(ctx, func(st device.Status) wizard.Result {
		r := fromEvaluation(device.EvalNetwork(st))
		r.Evidence = terminalLinkFacts(st)
		return r
	})
}

func (e *env) checkFirmware(ctx context.Context) (wizard.Result, error) {
	return e.withFullStatus(ctx, func(st device.Status) wizard.Result {
		minFW, minApp := e.cfg.MinFirmware, e.cfg.MinApp
		if minFW == "" && minApp == "" {
			if m, ok := (wizard.Support{Minimums: e.cfg.Minimums}).MinimumFor(st.Model); ok {
				minFW, minApp = m.Firmware, m.App
			}
		}
		r := fromEvaluation(device.EvalFirmware(st, minFW, minApp))
		switch {
		case st.Firmware == "" && st.AppVersion == "":
			// The terminal did not say its versions: cannot judge, which
			// is neither "up to date" nor "incompatible".
			r.Outcome = wizard.Skipped
		case minFW == "" && minApp == "":
			// No known minimum for this model: cannot judge, never "up to date".
			r.Outcome, r.Summary = wizard.Skipped, "check.terminal.firmware.nominimum"
		}
		r.Evidence = facts([]device.Fact{
			{Key: "device.fact.firmware", Value: st.Firmware},
			{Key: "device.fact.app", Value: st.AppVersion},
		})
		return r
	})
}

func (e *env) checkLastTxn(ctx context.Context) (wizard.Result, error) {
	t, err := withLink(ctx, e, (*device.Link).LastTransaction)
	if err != nil {
		if ctx.Err() != nil {
			return wizard.Result{}, err
		}
		// A terminal that cannot be read says nothing about the sale: never
		// a decline. The flows then ask what the screen or slip showed.
		r := dependent(linkFailure(err))
		r.Outcome, r.Sale = wizard.Skipped, wizard.SaleUnknown
		return r, nil
	}
	r := fromEvaluation(device.EvalLastTxn(t))
	switch t.Local {
	case device.LocalNone:
		// No transaction yet: nothing to judge (the flows ask instead).
		r.Outcome, r.Sale = wizard.Skipped, wizard.SaleUnknown
	case device.LocalNoReply:
		// The host never answered: whether money moved is unclear and a
		// reversal may be pending, which the flows treat as a warning.
		r.Outcome, r.Sale = wizard.Warn, wizard.SalePending
	case device.LocalApproved:
		r.Sale = wizard.SaleApproved
	case device.LocalDeclined, device.LocalReversed, device.LocalCancelled:
		// The terminal itself says no money was taken.
		r.Sale = wizard.SaleDeclined
	default:
		r.Sale = wizard.SaleUnknown
	}
	// A transaction from well before now may be another customer's: it
	// says nothing sure about the sale that just failed.
	if old := !t.Time.IsZero() && e.cfg.Now().Sub(t.Time) > SaleWindow; old && r.Sale != wizard.SaleUnknown {
		r.Sale = wizard.SaleUnknown
		r.Evidence = append(r.Evidence, wizard.Fact{Key: "evidence.txn.old", Value: strconv.Itoa(int(e.cfg.Now().Sub(t.Time).Minutes()))})
	}
	decoded := decodeRaw(t)
	if t.Local != device.LocalNone {
		r.Code = responseCode(t, decoded)
	}
	ev := []device.Fact{
		{Key: "evidence.txn.type", Value: "device.txn." + t.Type.String()},
		{Key: "evidence.txn.result", Value: "device.local." + t.Local.String()},
		{Key: "evidence.txn.time", Value: timeText(t.Time)},
		{Key: "evidence.txn.code", Value: r.Code},
	}
	r.Evidence = append(append(facts(ev), decodedFacts(decoded)...), r.Evidence...)
	return r, nil
}

// decodeRaw decodes the terminal's raw reply (masked already by device)
// with device/unionpay, whatever layers it carries; nil if it has none or
// does not decode.
func decodeRaw(t device.LastTxn) *unionpay.Decoded {
	if len(t.Raw) == 0 {
		return nil
	}
	d, err := unionpay.Decode(t.Raw)
	if err != nil {
		return nil
	}
	return d
}

// responseCode returns field 39 of the decoded reply when it is a result
// (not a reversal's reason), else the code the terminal read.
func responseCode(t device.LastTxn, d *unionpay.Decoded) string {
	if d != nil && d.Code != "" && d.Role == unionpay.RoleResult {
		return d.Code
	}
	return t.Code
}

// decodedFacts are the decoded reply's fields worth showing support, all
// already masked (the card number as first 6 + last 4); never the raw bytes,
// which may hold keys.
func decodedFacts(d *unionpay.Decoded) []wizard.Fact {
	if d == nil {
		return nil
	}
	var out []wizard.Fact
	add := func(key, v string) {
		if v != "" {
			out = append(out, wizard.Fact{Key: key, Value: v})
		}
	}
	add("evidence.txn.kind", d.Kind.Key())
	if d.HasAmount {
		add("evidence.txn.amount", d.Yuan())
	}
	add("evidence.txn.card", d.Card)
	add("evidence.txn.trace", d.Trace)
	add("evidence.txn.rrn", d.RRN)
	add("evidence.txn.auth", d.AuthCode)
	add("evidence.txn.tid", d.TID)
	add("evidence.txn.mid", d.MID)
	add("evidence.txn.batch", d.Batch)
	if d.SignInAgain {
		add("evidence.txn.signin", "evidence.txn.signin.yes")
	}
	return out
}

// terminalLinkFacts says which network the terminal itself uses: its own
// (Wi-Fi, 4G, Ethernet) or the PC's (USB relay), with its signal.
func terminalLinkFacts(st device.Status) []wizard.Fact {
	comm := "device.comm." + st.Comm.String()
	var out []wizard.Fact
	switch st.Comm {
	case device.CommUnknown:
		return nil
	case device.CommUSBRelay:
		out = append(out, wizard.Fact{Key: "evidence.terminal.via_pc", Value: comm})
	default:
		out = append(out, wizard.Fact{Key: "evidence.terminal.own_link", Value: comm})
	}
	if (st.Comm == device.CommWiFi || st.Comm == device.CommMobile) && st.Signal >= 0 {
		out = append(out, wizard.Fact{Key: "evidence.terminal.signal", Value: strconv.Itoa(st.Signal) + " %"})
	}
	return out
}
