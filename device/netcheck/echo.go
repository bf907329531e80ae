package netcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"posdoctor/device/unionpay"
	"posdoctor/wizard/outcome"
	"posdoctor/wizard/respcode"
)

// Probe names the ISO 8583 request Echo sends.
type Probe int

// The requests Echo can send. Neither moves money.
const (
	ProbeEcho   Probe = iota // 0820, 60.3 = 301: host echo test
	ProbeSignIn              // 0800, 60.3 = 003: sign-in
)

// request returns the probe's MTI and network management code, as support
// staff write it ("0820/301").
func (p Probe) request() string {
	if p == ProbeSignIn {
		return "0800/" + unionpay.NMSignInDouble
	}
	return "0820/" + unionpay.NMEcho
}

// wantMTI returns the MTI of the reply to p.
func (p Probe) wantMTI() string {
	if p == ProbeSignIn {
		return "0810"
	}
	return "0830"
}

// Stages of an exchange, as EchoResult.Stage names where it stopped.
const (
	StageConnect = "connect" // the TCP connect failed
	StageSend    = "send"    // building or writing the request failed
	StageReply   = "reply"   // no complete reply frame arrived
	StageDecode  = "decode"  // a reply arrived but does not parse
	StageDone    = "done"    // a reply was decoded
)

// EchoResult is what Echo saw. Fields after Stage are set once a reply was
// decoded. It never holds keys or MACs: a sign-in reply's field 62 is
// dropped unread.
type EchoResult struct {
	Probe       Probe
	Address     string
	Stage       string
	Err         error
	Connect     time.Duration // TCP connect time
	RTT         time.Duration // from the request's write to the reply's last byte
	MTI         string        // the reply's MTI, "0830" for an echo
	Code        string        // the reply's field 39
	TPDUSwapped bool          // the reply's TPDU swapped our destination and source
	ReplyTPDU   string        // the reply's TPDU in hex, e.g. "6000000003"
	SignInAgain bool          // the reply's header asks the terminal to sign in again
	HostTime    time.Time     // from fields 12/13 in HostZone; zero when absent
}

// HostZone is the time zone of host times (fields 12/13 carry local time
// without a zone): China Standard Time, UTC+8, which has no daylight saving.
var HostZone = time.FixedZone("CST", 8*60*60)

// EchoBatch is the batch number (60.2) of the echo and sign-in probes.
const EchoBatch = "000001"

// Echo connects to ep and sends one probe request framed the UnionPay way
// (length, TPDU, header), then reads one reply, all bounded by timeout and
// ctx. trace is the trace number (field 11). The result says at which stage
// it stopped; Err holds why. Echo closes its connection before it returns.
func Echo(ctx context.Context, d Dialer, ep Endpoint, p Probe, trace int, timeout time.Duration) EchoResult {
	res := EchoResult{Probe: p, Address: ep.Address(), Stage: StageConnect}
	if !ep.Configured() {
		res.Err = ErrNoEndpoint
		return res
	}
	tb, err := ep.TPDUBytes()
	if err != nil {
		res.Stage, res.Err = StageSend, err
		return res
	}
	tpdu := unionpay.TPDU{ID: tb[0], Destination: uint16(tb[1])<<8 | uint16(tb[2]), Source: uint16(tb[3])<<8 | uint16(tb[4])}
	term := unionpay.Terminal{TID: ep.TID, MID: ep.MID, Batch: EchoBatch}
	build := unionpay.NewEcho
	if p == ProbeSignIn {
		build = unionpay.NewSignIn
	}
	req, err := build(term, trace%1000000)
	if err != nil {
		res.Stage, res.Err = StageSend, err
		return res
	}

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	conn, err := d.DialContext(ctx, "tcp", res.Address)
	res.Connect = time.Since(start)
	if err != nil {
		res.Err = err
		return res
	}
	defer conn.Close()
	// A cancelled ctx unblocks a read by closing the connection; the
	// deadline does the same for a timeout.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}

	res.Stage = StageSend
	sent := time.Now()
	if err := unionpay.WriteMessage(conn, tpdu, unionpay.DefaultHeader, req); err != nil {
		res.Err = ctxErr(ctx, err)
		return res
	}
	res.Stage = StageReply
	frame, err := unionpay.ReadFrame(conn)
	res.RTT = time.Since(sent)
	if err != nil {
		var ue *unionpay.FieldError
		if errors.Is(err, unionpay.ErrBadTPDU) || errors.Is(err, unionpay.ErrBadHeader) ||
			errors.Is(err, unionpay.ErrFrameTooShort) || errors.As(err, &ue) {
			res.Stage = StageDecode
		}
		res.Err = ctxErr(ctx, err)
		return res
	}
	res.Stage = StageDecode
	reply, err := unionpay.Unpack(frame.Message)
	if err != nil {
		res.Err = &ReplyError{Field: "decode", Err: err}
		return res
	}
	res.Stage = StageDone
	res.MTI, _ = reply.GetMTI()
	res.Code = unionpay.CodeOf(reply)
	res.TPDUSwapped = frame.TPDU == tpdu.Reply()
	res.ReplyTPDU = fmt.Sprintf("%02X%04X%04X", frame.TPDU.ID, frame.TPDU.Destination, frame.TPDU.Source)
	res.SignInAgain = frame.Header.SignInAgain()
	res.HostTime = hostTime(reply, time.Now())
	if res.MTI != p.wantMTI() {
		res.Err = &ReplyError{Field: "mti", Got: res.MTI, Want: p.wantMTI()}
	}
	return res
}

// ctxErr prefers the context's error when ctx is done, so a read cut short
// by the deadline reads as a deadline, not as "use of closed connection".
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	return err
}

// stringOf returns field id of a message as a string, "" when absent.
func stringOf(m interface {
	GetString(int) (string, error)
}, id int) string {
	s, err := m.GetString(id)
	if err != nil {
		return ""
	}
	return s
}

// hostTime reads fields 12 (hhmmss) and 13 (MMDD) in HostZone, choosing the
// year that puts the time nearest to ref. It returns the zero time when
// either field is missing or malformed.
func hostTime(m interface {
	GetString(int) (string, error)
}, ref time.Time) time.Time {
	return HostTime(stringOf(m, 12), stringOf(m, 13), ref)
}

// HostTime combines a host's hhmmss and MMDD (fields 12 and 13) into a time
// in HostZone, choosing the year that puts it nearest to ref (so a reply
// just after New Year's midnight is not read as eleven months ahead). It
// returns the zero time when either is malformed.
func HostTime(hhmmss, mmdd string, ref time.Time) time.Time {
	if len(hhmmss) != 6 || len(mmdd) != 4 {
		return time.Time{}
	}
	var best time.Time
	y := ref.In(HostZone).Year()
	for _, year := range []int{y - 1, y, y + 1} {
		t, err := time.ParseInLocation("2006 0102 150405", strconv.Itoa(year)+" "+mmdd+" "+hhmmss, HostZone)
		if err != nil {
			continue // 29 February exists in some years only
		}
		if best.IsZero() || absDur(t.Sub(ref)) < absDur(best.Sub(ref)) {
			best = t
		}
	}
	return best
}

func absDur(d time.Duration) time.Duration { return max(d, -d) }

// echoSlow is the round trip above which EvaluateEcho warns: the host
// answers, but slowly enough that sales may time out at busy times.
const echoSlow = 2 * time.Second

// EvaluateEcho judges an echo or sign-in probe. Fail: no connect, no reply
// in time, the connection closed mid-reply, a reply that does not parse or
// has the wrong MTI. Warn: the host replied with a response code other than
// 00, asked for a new sign-in, did not swap the TPDU, or took longer than
// echoSlow. Pass otherwise. Summary keys are check.host.echo.* for both
// probes. For a code other than 00, Args["meaning"] and the evidence hold
// the translation keys of the code's meaning and next step (package
// wizard/respcode's "decode.rc.*" keys): values that are keys, for the
// caller to translate.
func EvaluateEcho(r EchoResult) Verdict {
	v := Verdict{
		Args:     map[string]string{"address": r.Address},
		Evidence: []Fact{fact("evidence.host.address", r.Address), fact("evidence.host.request", r.Probe.request())},
		Detail:   errDetail(r.Err),
	}
	if r.Stage != StageConnect {
		v.Evidence = append(v.Evidence, fact("evidence.host.connect", ms(r.Connect)))
	}
	timedOut := errors.Is(r.Err, context.DeadlineExceeded) || errors.Is(r.Err, os.ErrDeadlineExceeded)
	var re *ReplyError
	switch {
	case errors.Is(r.Err, ErrNoEndpoint):
		return NotConfigured()
	case r.Stage == StageConnect && isRefused(r.Err):
		v.Level, v.Summary = outcome.Fail, "check.host.echo.refused"
		return v
	case r.Stage == StageConnect:
		v.Level, v.Summary = outcome.Fail, "check.host.echo.connect"
		return v
	case r.Stage == StageSend && (errors.Is(r.Err, unionpay.ErrBadValue) || errors.Is(r.Err, ErrBadTPDU)):
		v.Level, v.Summary = outcome.Skipped, "check.host.echo.bad_settings"
		return v
	case r.Stage == StageSend || r.Stage == StageReply:
		switch {
		case timedOut:
			v.Level, v.Summary = outcome.Fail, "check.host.echo.timeout"
		case errors.Is(r.Err, io.ErrUnexpectedEOF):
			v.Level, v.Summary = outcome.Fail, "check.host.echo.cut"
		default:
			v.Level, v.Summary = outcome.Fail, "check.host.echo.closed"
		}
		return v
	case r.Stage == StageDecode:
		v.Level, v.Summary = outcome.Fail, "check.host.echo.garbled"
		return v
	case errors.As(r.Err, &re) && re.Field == "mti":
		v.Args["got"], v.Args["want"] = re.Got, re.Want
		v.Evidence = append(v.Evidence, fact("evidence.host.mti", r.MTI))
		v.Level, v.Summary = outcome.Fail, "check.host.echo.wrong_mti"
		return v
	}
	v.Args["rtt"] = ms(r.RTT)
	v.Args["code"] = r.Code
	v.Evidence = append(v.Evidence,
		fact("evidence.host.rtt", ms(r.RTT)),
		fact("evidence.host.mti", r.MTI),
		fact("evidence.host.code", r.Code),
		fact("evidence.host.tpdu", r.ReplyTPDU),
	)
	if !r.HostTime.IsZero() {
		v.Evidence = append(v.Evidence, fact("evidence.host.time", r.HostTime.Format("2006-01-02 15:04:05 MST")))
	}
	if r.Code != "00" {
		c, _ := respcode.Lookup(r.Code)
		v.Args["meaning"] = c.MeaningKey()
		v.Evidence = append(v.Evidence, fact("evidence.host.code_meaning", c.MeaningKey()), fact("evidence.host.code_next", c.NextKey()))
	}
	switch {
	case r.Code != "00":
		v.Level, v.Summary = outcome.Warn, "check.host.echo.code"
	case r.SignInAgain:
		v.Level, v.Summary = outcome.Warn, "check.host.echo.signin_again"
	case !r.TPDUSwapped:
		v.Level, v.Summary = outcome.Warn, "check.host.echo.tpdu"
	case r.RTT > echoSlow:
		v.Level, v.Summary = outcome.Warn, "check.host.echo.slow"
	default:
		v.Level, v.Summary = outcome.Pass, "check.host.echo.pass"
	}
	return v
}

// IDsMissing is the verdict of the echo without a terminal and merchant ID
// to put in it: skipped, with how to configure them.
func IDsMissing() Verdict {
	return Verdict{Level: outcome.Skipped, Summary: "check.host.echo.no_ids"}
}

var _ Dialer = (*net.Dialer)(nil)
