package device

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"posdoctor/wizard/outcome"
)

// Evaluation is a judgement of a Status or LastTxn: a level and the
// translation key (with template data) of one sentence for the user.
type Evaluation struct {
	Level outcome.Outcome // how the status or transaction was judged (package wizard/outcome)
	Key   string
	Args  map[string]string
}

// Thresholds used by the evaluations.
const (
	clockWarn  = time.Minute     // a terminal clock off by more than this is worth a look
	clockFail  = 5 * time.Minute // hosts reject or mis-date transactions beyond this
	signalWarn = 30              // percent
	signalFail = 10              // percent
	batteryLow = 15              // percent
)

// EvalSignIn judges the terminal's sign-in: signed in on now's calendar day
// with good keys passes; bad keys (MAC failures, A0) or no keys fail; a
// sign-in on an earlier day, or never, fails (terminals must sign in daily).
func EvalSignIn(s Status, now time.Time) Evaluation {
	args := map[string]string{"time": ""}
	if !s.LastSignIn.IsZero() {
		args["time"] = s.LastSignIn.Format("2006-01-02 15:04")
	}
	switch {
	case s.Keys == KeysBad:
		return Evaluation{outcome.Fail, "device.eval.signin.keysbad", args}
	case s.LastSignIn.IsZero():
		return Evaluation{outcome.Fail, "device.eval.signin.never", args}
	case s.Keys == KeysNone:
		return Evaluation{outcome.Fail, "device.eval.signin.nokeys", args}
	}
	y1, m1, d1 := s.LastSignIn.In(now.Location()).Date()
	y2, m2, d2 := now.Date()
	if y1 != y2 || m1 != m2 || d1 != d2 {
		return Evaluation{outcome.Fail, "device.eval.signin.stale", args}
	}
	return Evaluation{outcome.Pass, "device.eval.signin.ok", args}
}

// ClockOffset returns how far the terminal's clock is ahead of now
// (negative: behind), and its judgement: within ClockWarn passes, within
// clockFail warns, beyond fails. A status without a clock gives a warning.
func ClockOffset(s Status, now time.Time) (time.Duration, Evaluation) {
	if s.Clock.IsZero() {
		return 0, Evaluation{outcome.Warn, "device.eval.clock.unknown", nil}
	}
	off := s.Clock.Sub(now).Round(time.Second)
	abs := off
	if abs < 0 {
		abs = -abs
	}
	args := map[string]string{"offset": formatOffset(off), "terminal": s.Clock.Format("2006-01-02 15:04:05")}
	switch {
	case abs <= clockWarn:
		return off, Evaluation{outcome.Pass, "device.eval.clock.ok", args}
	case abs <= clockFail:
		return off, Evaluation{outcome.Warn, "device.eval.clock.off", args}
	}
	return off, Evaluation{outcome.Fail, "device.eval.clock.off", args}
}

func formatOffset(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	m := int(d / time.Minute)
	sec := int((d % time.Minute) / time.Second)
	return fmt.Sprintf("%s%d:%02d", sign, m, sec)
}

// EvalFirmware judges the firmware and payment-app versions against the
// minimums (empty: not checked). Versions compare by their numbers, so
// "V2.10.1" is newer than "2.9"; text without digits is "unknown" (warn).
func EvalFirmware(s Status, minFirmware, minApp string) Evaluation {
	args := map[string]string{"firmware": s.Firmware, "app": s.AppVersion, "min": minFirmware, "minapp": minApp}
	if s.Firmware == "" && s.AppVersion == "" {
		return Evaluation{outcome.Warn, "device.eval.firmware.unknown", args}
	}
	if minFirmware != "" && compareVersions(s.Firmware, minFirmware) < 0 {
		return Evaluation{outcome.Fail, "device.eval.firmware.old", args}
	}
	if minApp != "" && compareVersions(s.AppVersion, minApp) < 0 {
		return Evaluation{outcome.Fail, "device.eval.firmware.appold", args}
	}
	return Evaluation{outcome.Pass, "device.eval.firmware.ok", args}
}

// compareVersions compares the numbers in two version strings ("V1.2.10",
// "1.2.9-cn") and returns -1, 0 or +1. Missing parts count as 0.
func compareVersions(a, b string) int {
	pa, pb := versionNumbers(a), versionNumbers(b)
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func versionNumbers(v string) []int {
	var out []int
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r < '0' || r > '9' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			n = 0
		}
		out = append(out, n)
	}
	return out
}

// Part keys, the last part of "device.part.<name>", in self-test order.
var partNames = [...]string{"keypad", "screen", "reader", "printer"}

// SelfTestFailures returns the translation keys of the parts whose
// self-test failed ("device.part.reader"), in a fixed order.
func SelfTestFailures(s Status) []string {
	var out []string
	for i, st := range []PartState{s.SelfTest.Keypad, s.SelfTest.Screen, s.SelfTest.CardReader, s.SelfTest.Printer} {
		if st == PartFault {
			out = append(out, "device.part."+partNames[i])
		}
	}
	return out
}

// EvalHardware judges self-test, paper and battery: a failed part or no
// paper fails; low paper or a low battery warns. Args["parts"] lists the
// failed parts' keys, comma-separated, for the caller to translate.
func EvalHardware(s Status) Evaluation {
	failed := SelfTestFailures(s)
	args := map[string]string{"parts": strings.Join(failed, ","), "battery": strconv.Itoa(s.Battery)}
	switch {
	case len(failed) > 0:
		return Evaluation{outcome.Fail, "device.eval.hw.fault", args}
	case s.Paper == PaperOut:
		return Evaluation{outcome.Fail, "device.eval.hw.nopaper", args}
	case s.Paper == PaperLow:
		return Evaluation{outcome.Warn, "device.eval.hw.paperlow", args}
	case s.Battery >= 0 && s.Battery < batteryLow:
		return Evaluation{outcome.Warn, "device.eval.hw.battery", args}
	}
	return Evaluation{outcome.Pass, "device.eval.hw.ok", args}
}

// EvalNetwork judges the terminal's own link to its host: wired links and
// the USB relay pass; a wireless signal below SignalWarn warns, below
// signalFail fails; an unknown signal on a wireless link warns.
func EvalNetwork(s Status) Evaluation {
	args := map[string]string{"comm": "device.comm." + s.Comm.String(), "signal": strconv.Itoa(s.Signal)}
	switch s.Comm {
	case CommEthernet, CommUSBRelay:
		return Evaluation{outcome.Pass, "device.eval.net.wired", args}
	case CommWiFi, CommMobile:
		switch {
		case s.Signal < 0:
			return Evaluation{outcome.Warn, "device.eval.net.unknown", args}
		case s.Signal < signalFail:
			return Evaluation{outcome.Fail, "device.eval.net.weak", args}
		case s.Signal < signalWarn:
			return Evaluation{outcome.Warn, "device.eval.net.weak", args}
		}
		return Evaluation{outcome.Pass, "device.eval.net.ok", args}
	}
	return Evaluation{outcome.Warn, "device.eval.net.unknown", args}
}

// EvalLastTxn judges the last transaction by the terminal's own result:
// approved passes; none is skipped-like (ok, key says so); anything else
// fails, with Args["code"] the response code the terminal read. The
// wizard jumps on the code (decode Raw with device/unionpay for details).
func EvalLastTxn(t LastTxn) Evaluation {
	args := map[string]string{"code": t.Code, "local": "device.local." + t.Local.String(), "type": "device.txn." + t.Type.String()}
	switch t.Local {
	case LocalApproved:
		return Evaluation{outcome.Pass, "device.eval.lasttxn.approved", args}
	case LocalNone:
		return Evaluation{outcome.Pass, "device.eval.lasttxn.none", args}
	case LocalNoReply:
		return Evaluation{outcome.Fail, "device.eval.lasttxn.noreply", args}
	}
	if t.Code != "" {
		return Evaluation{outcome.Fail, "device.eval.lasttxn.code", args}
	}
	return Evaluation{outcome.Fail, "device.eval.lasttxn.failed", args}
}

// Fact is one piece of evidence: a translation key and a plain value.
type Fact struct {
	Key   string
	Value string
}

// Facts lists a status as evidence, in display order. It holds no keys,
// PIN or card data; TID and MID are shown as the terminal reports them.
// Values that start with "device." (link type, key state) are translation
// keys themselves; the others are plain text.
func (s Status) Facts() []Fact {
	f := []Fact{
		{"device.fact.model", s.Model},
		{"device.fact.serial", s.Serial},
		{"device.fact.firmware", s.Firmware},
		{"device.fact.app", s.AppVersion},
		{"device.fact.clock", timeText(s.Clock)},
		{"device.fact.signin", timeText(s.LastSignIn)},
		{"device.fact.keys", "device.keys." + [...]string{"none", "ok", "bad"}[min(int(s.Keys), 2)]},
		{"device.fact.host", s.Host},
		{"device.fact.tpdu", formatTPDU(s.TPDU)},
		{"device.fact.tid", s.TID},
		{"device.fact.mid", s.MID},
		{"device.fact.comm", "device.comm." + s.Comm.String()},
		{"device.fact.signal", strconv.Itoa(s.Signal)},
		{"device.fact.battery", strconv.Itoa(s.Battery)},
	}
	return f
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04:05")
}
