package wizard

import (
	"strings"
	"testing"
	"time"
)

// scenario is one path through a flow: the check outcomes (a check not
// listed passes, unless skipAll), the last transaction's response code, and
// the owner's answers ("=text" types text into a typed question).
type scenario struct {
	name      string
	flow      *Flow
	outcomes  map[CheckID]Outcome
	skipAll   bool
	code      string
	answers   []string
	want      FindingID
	wantLayer Layer
	wantGrade Grade
}

type oc = map[CheckID]Outcome

var scenarios = []scenario{
	// USB link and power.
	{name: "no terminal, replug fixes it", flow: MainFlow, outcomes: oc{CheckTerminalFound: Fail}, answers: []string{AnswerHelped}, want: "hw.usb-port", wantLayer: LayerPC},
	{name: "no terminal, other cable fixes it", flow: MainFlow, outcomes: oc{CheckTerminalFound: Fail}, answers: []string{AnswerNotHelped, "on", AnswerHelped}, want: "hw.cable", wantLayer: LayerUSB},
	{name: "no terminal, screen on, cable no help", flow: MainFlow, outcomes: oc{CheckTerminalFound: Fail}, answers: []string{AnswerNotHelped, "on", AnswerNotHelped}, want: "usb.not-seen", wantLayer: LayerUSB},
	{name: "no terminal, screen dark", flow: MainFlow, outcomes: oc{CheckTerminalFound: Fail}, answers: []string{AnswerNotHelped, "off", AnswerHelped}, want: "hw.power", wantLayer: LayerTerminalHW},
	{name: "chip known, driver missing", flow: MainFlow, outcomes: oc{CheckTerminalFound: Warn}, want: "pc.driver", wantLayer: LayerPC},
	{name: "port busy", flow: MainFlow, outcomes: oc{CheckTerminalPort: Fail}, want: "pc.port-busy", wantLayer: LayerPC},
	// Terminal state.
	{name: "terminal does not answer", flow: MainFlow, outcomes: oc{CheckTerminalStatus: Fail}, answers: []string{AnswerHelped}, want: "sw.crash", wantLayer: LayerTerminalSW},
	{name: "terminal still silent after a restart", flow: MainFlow, outcomes: oc{CheckTerminalStatus: Fail}, answers: []string{AnswerNotHelped}, want: "usb.no-answer", wantLayer: LayerUSB},
	{name: "hardware: screen", flow: MainFlow, outcomes: oc{CheckTerminalHardware: Fail}, answers: []string{"screen"}, want: "hw.screen", wantLayer: LayerTerminalHW},
	{name: "hardware: keys", flow: MainFlow, outcomes: oc{CheckTerminalHardware: Fail}, answers: []string{"keys"}, want: "hw.keypad", wantLayer: LayerTerminalHW},
	{name: "hardware: reader", flow: MainFlow, outcomes: oc{CheckTerminalHardware: Fail}, answers: []string{"reader"}, want: "hw.card-reader", wantLayer: LayerTerminalHW},
	{name: "hardware: owner sees nothing wrong", flow: MainFlow, outcomes: oc{CheckTerminalHardware: Fail}, code: "51", answers: []string{"none"}, want: "card.insufficient", wantLayer: LayerBankOrCard},
	{name: "not signed in", flow: MainFlow, outcomes: oc{CheckTerminalSignIn: Fail}, want: "sw.not-signed-in", wantLayer: LayerTerminalSW},
	{name: "keys old", flow: MainFlow, outcomes: oc{CheckTerminalSignIn: Warn}, want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "firmware outdated", flow: MainFlow, outcomes: oc{CheckTerminalFirmware: Fail}, want: "sw.outdated", wantLayer: LayerTerminalSW},
	{name: "firmware incompatible", flow: MainFlow, outcomes: oc{CheckTerminalFirmware: Warn}, want: "sw.incompatible", wantLayer: LayerTerminalSW},
	{name: "clock wrong", flow: MainFlow, outcomes: oc{CheckTerminalClock: Fail}, want: "sw.clock", wantLayer: LayerTerminalSW},
	// Response codes from the last transaction.
	{name: "55 one or two tries", flow: MainFlow, code: "55", answers: []string{"few"}, want: "op.pin-wrong", wantLayer: LayerOperator},
	{name: "55 many tries", flow: MainFlow, code: "55", answers: []string{"many"}, want: "card.pin-locked", wantLayer: LayerBankOrCard},
	{name: "55 timed out at PIN", flow: MainFlow, code: "55", answers: []string{"slow"}, want: "op.timeout", wantLayer: LayerOperator},
	{name: "75 PIN tries exceeded", flow: MainFlow, code: "75", want: "card.pin-locked", wantLayer: LayerBankOrCard},
	{name: "51 funds", flow: MainFlow, code: "51", want: "card.insufficient", wantLayer: LayerBankOrCard},
	{name: "61 limit", flow: MainFlow, code: "61", want: "card.limit", wantLayer: LayerBankOrCard},
	{name: "65 count limit", flow: MainFlow, code: "65", want: "card.limit", wantLayer: LayerBankOrCard},
	{name: "54 expired", flow: MainFlow, code: "54", want: "card.expired", wantLayer: LayerBankOrCard},
	{name: "A0 MAC", flow: MainFlow, code: "A0", want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "99 PIN format", flow: MainFlow, code: "99", want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "96 switch fault", flow: MainFlow, code: "96", want: "pay.outage", wantLayer: LayerAcquirerHost},
	{name: "91 issuer down", flow: MainFlow, code: "91", want: "bank.maintenance", wantLayer: LayerBankOrCard},
	{name: "98 issuer no answer", flow: MainFlow, code: "98", want: "bank.slow", wantLayer: LayerBankOrCard},
	{name: "90 cut-over", flow: MainFlow, code: "90", want: "pay.maintenance", wantLayer: LayerAcquirerHost},
	{name: "12 sale, other card works", flow: MainFlow, code: "12", answers: []string{"sale", AnswerHelped}, want: "card.not-permitted", wantLayer: LayerBankOrCard},
	{name: "12 sale, no card works", flow: MainFlow, code: "12", answers: []string{"sale", AnswerNotHelped}, want: "host.merchant-config", wantLayer: LayerAcquirerHost},
	{name: "12 void same day", flow: MainFlow, code: "12", answers: []string{"void", "today"}, want: "op.original-not-approved", wantLayer: LayerOperator},
	{name: "12 void after cut-off", flow: MainFlow, code: "12", answers: []string{"void", "settled"}, want: "op.void-after-cutoff", wantLayer: LayerOperator},
	{name: "12 refund", flow: MainFlow, code: "12", answers: []string{"refund"}, want: "op.wrong-steps", wantLayer: LayerOperator},
	{name: "12 pre-auth completion", flow: MainFlow, code: "12", answers: []string{"completion"}, want: "op.original-not-approved", wantLayer: LayerOperator},
	{name: "45 use chip", flow: MainFlow, code: "45", want: "card.needs-chip", wantLayer: LayerOperator},
	{name: "41 lost card", flow: MainFlow, code: "41", want: "card.lost-frozen", wantLayer: LayerBankOrCard},
	{name: "62 restricted", flow: MainFlow, code: "62", want: "card.lost-frozen", wantLayer: LayerBankOrCard},
	{name: "14 invalid card number", flow: MainFlow, code: "14", want: "card.invalid-number", wantLayer: LayerBankOrCard},
	{name: "01 card category default", flow: MainFlow, code: "01", want: "card.declined", wantLayer: LayerBankOrCard},
	{name: "03 invalid merchant", flow: MainFlow, code: "03", want: "host.merchant-config", wantLayer: LayerAcquirerHost},
	{name: "13 invalid amount", flow: MainFlow, code: "13", want: "op.wrong-amount", wantLayer: LayerOperator},
	{name: "23 other category", flow: MainFlow, code: "23", want: "code.other", wantLayer: LayerAcquirerHost},
	{name: "unknown private code", flow: MainFlow, code: "Q7", want: "code.unknown", wantLayer: LayerAcquirerHost},
	{name: "77 batch differs", flow: MainFlow, code: "77", want: "sw.not-signed-in", wantLayer: LayerTerminalSW},
	{name: "30 format error", flow: MainFlow, code: "30", want: "sw.incompatible", wantLayer: LayerTerminalSW},
	{name: "79 terminal-software default", flow: MainFlow, code: "79", want: "sw.misconfig", wantLayer: LayerTerminalSW},
	{name: "06 bank-system default", flow: MainFlow, code: "06", want: "pay.outage", wantLayer: LayerAcquirerHost},
	{name: "lower-case a0 normalised", flow: MainFlow, code: "a0", want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "00 approved, an earlier sale, screen says amount", flow: MainFlow, code: "00", answers: []string{"earlier", "amount"}, want: "op.wrong-amount", wantLayer: LayerOperator},
	{name: "00 approved, this very sale", flow: MainFlow, code: "00", answers: []string{"yes"}, want: "money.approved", wantLayer: LayerNone},
	{name: "00 approved, not sure which sale", flow: MainFlow, code: "00", answers: []string{"unsure", AnswerContinue, "other", "one", "frozen"}, want: "money.unknown", wantLayer: LayerAcquirerHost},
	{name: "19 reinsert helps", flow: MainFlow, code: "19", answers: []string{AnswerHelped}, want: "op.wrong-steps", wantLayer: LayerOperator},
	{name: "19 no card reads", flow: MainFlow, code: "19", answers: []string{AnswerNotHelped, "all"}, want: "hw.card-reader", wantLayer: LayerTerminalHW},
	{name: "19 only this card", flow: MainFlow, code: "19", answers: []string{AnswerNotHelped, "one"}, want: "card.damaged", wantLayer: LayerBankOrCard},
	{name: "reversal pending, then the screen", flow: MainFlow, outcomes: oc{CheckTerminalLastTxn: Warn}, code: "98",
		answers: []string{AnswerContinue, "pin", "few"}, want: "money.reversal-pending", wantLayer: LayerAcquirerHost},
	// The screen, when no code is read.
	{name: "no terminal at all, owner types 55", flow: MainFlow, skipAll: true, answers: []string{"code", "=55", "few"}, want: "op.pin-wrong", wantLayer: LayerOperator},
	{name: "typed code a0", flow: MainFlow, answers: []string{"code", "=a0"}, want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "screen frozen, restart helps", flow: MainFlow, answers: []string{"frozen", AnswerHelped}, want: "sw.crash", wantLayer: LayerTerminalSW},
	{name: "screen frozen, restart no help", flow: MainFlow, answers: []string{"frozen", AnswerNotHelped}, want: "hw.screen", wantLayer: LayerTerminalHW},
	{name: "screen invalid transaction", flow: MainFlow, answers: []string{"invalid", "void", "settled"}, want: "op.void-after-cutoff", wantLayer: LayerOperator},
	{name: "screen timeout, customer slow", flow: MainFlow, answers: []string{"timeout", "customer-slow"}, want: "op.timeout", wantLayer: LayerOperator},
	{name: "screen chip prompt", flow: MainFlow, answers: []string{"chip", AnswerNotHelped, "one"}, want: "card.damaged", wantLayer: LayerBankOrCard},
	// The network and the host.
	{name: "PC offline", flow: MainFlow, outcomes: oc{CheckNetLink: Fail}, answers: []string{"comms"}, want: "net.offline", wantLayer: LayerShopNetwork},
	{name: "router restart helps", flow: MainFlow, outcomes: oc{CheckNetGateway: Fail}, answers: []string{"comms", AnswerHelped}, want: "net.unstable", wantLayer: LayerShopNetwork},
	{name: "router restart does not help", flow: MainFlow, outcomes: oc{CheckNetGateway: Fail}, answers: []string{"comms", AnswerNotHelped}, want: "net.offline", wantLayer: LayerShopNetwork},
	{name: "DNS fails", flow: MainFlow, outcomes: oc{CheckNetDNS: Fail}, answers: []string{"comms"}, want: "net.dns", wantLayer: LayerShopNetwork},
	{name: "host unreachable", flow: MainFlow, outcomes: oc{CheckHostTCP: Fail}, answers: []string{"comms"}, want: "net.host-unreachable", wantLayer: LayerAcquirerHost},
	{name: "weak signal", flow: MainFlow, outcomes: oc{CheckTerminalNetwork: Warn}, answers: []string{"comms"}, want: "net.weak-signal", wantLayer: LayerShopNetwork},
	{name: "slow link, video on", flow: MainFlow, outcomes: oc{CheckHostTCP: Warn}, answers: []string{"comms", "video"}, want: "net.bandwidth", wantLayer: LayerShopNetwork},
	{name: "slow link, peak time", flow: MainFlow, outcomes: oc{CheckHostTCP: Warn}, answers: []string{"comms", "busy"}, want: "net.congestion", wantLayer: LayerShopNetwork},
	{name: "slow link, nothing else", flow: MainFlow, outcomes: oc{CheckHostTCP: Warn}, answers: []string{"comms", "no"}, want: "net.unstable", wantLayer: LayerShopNetwork},
	{name: "echo fails, maintenance notice", flow: MainFlow, outcomes: oc{CheckHostEcho: Fail}, answers: []string{"comms", "maintenance"}, want: "pay.maintenance", wantLayer: LayerAcquirerHost},
	{name: "echo fails, upgrade notice", flow: MainFlow, outcomes: oc{CheckHostEcho: Fail}, answers: []string{"comms", "upgrade"}, want: "pay.upgrade", wantLayer: LayerAcquirerHost},
	{name: "echo fails, no notice", flow: MainFlow, outcomes: oc{CheckHostEcho: Fail}, answers: []string{"comms", "none"}, want: "pay.outage", wantLayer: LayerAcquirerHost},
	{name: "echo slow: the shop network, not the issuer", flow: MainFlow, outcomes: oc{CheckHostEcho: Warn}, answers: []string{"comms", "no"}, want: "net.unstable", wantLayer: LayerShopNetwork},
	{name: "one bank, slow", flow: MainFlow, answers: []string{"comms", "one-bank", "slow"}, want: "bank.slow", wantLayer: LayerBankOrCard},
	{name: "one bank, maintenance", flow: MainFlow, answers: []string{"comms", "one-bank", "notice"}, want: "bank.maintenance", wantLayer: LayerBankOrCard},
	{name: "one bank, other", flow: MainFlow, answers: []string{"comms", "one-bank", "other"}, want: "bank.param-mismatch", wantLayer: LayerBankOrCard},
	{name: "after an update", flow: MainFlow, answers: []string{"other", "all", "after-update"}, want: "sw.incompatible", wantLayer: LayerTerminalSW},
	{name: "after a change", flow: MainFlow, answers: []string{"other", "all", "after-change"}, want: "sw.misconfig", wantLayer: LayerTerminalSW},
	{name: "notice, upgrade", flow: MainFlow, answers: []string{"other", "all", "notice", "upgrade"}, want: "pay.upgrade", wantLayer: LayerAcquirerHost},
	{name: "nothing changed, sign-in helps", flow: MainFlow, answers: []string{"other", "all", "nothing", AnswerHelped}, want: "sw.not-signed-in", wantLayer: LayerTerminalSW},
	{name: "nothing changed, sign-in no help: no cause found", flow: MainFlow, answers: []string{"other", "all", "nothing", AnswerNotHelped}, want: "cause.unclear", wantLayer: LayerNone},
	// One card: the owner's answers.
	{name: "typed expiry in the past", flow: MainFlow, answers: []string{"other", "one", "expiry", "=01/20"}, want: "card.expired", wantLayer: LayerBankOrCard},
	{name: "card frozen", flow: MainFlow, answers: []string{"funds", "frozen"}, want: "card.lost-frozen", wantLayer: LayerBankOrCard},
	{name: "card swiped", flow: MainFlow, answers: []string{"funds", "swiped"}, want: "card.needs-chip", wantLayer: LayerOperator},
	{name: "card big amount", flow: MainFlow, answers: []string{"funds", "big"}, want: "card.limit", wantLayer: LayerBankOrCard},
	{name: "card funds", flow: MainFlow, answers: []string{"funds", "funds"}, want: "card.insufficient", wantLayer: LayerBankOrCard},
	{name: "valid card, swiped chip", flow: MainFlow, answers: []string{"funds", "unknown", "=12/30", "=4111 1111 1111 1111", "swiped-chip"}, want: "card.needs-chip", wantLayer: LayerOperator},
	{name: "card number fails Luhn", flow: MainFlow, answers: []string{"funds", "unknown", "=12/30", "=4111111111111112"}, want: "card.invalid-number", wantLayer: LayerBankOrCard},
	{name: "card outside ranges", flow: MainFlow, answers: []string{"funds", "unknown", "=12/30", "=9999999999999995"}, want: "card.not-permitted", wantLayer: LayerBankOrCard},
	{name: "wrong payment type", flow: MainFlow, answers: []string{"funds", "unknown", AnswerSkip, AnswerSkip, "wrong-type"}, want: "op.wrong-method", wantLayer: LayerOperator},
	{name: "all done right, bank declines", flow: MainFlow, answers: []string{"funds", "unknown", "=12/30", "=6222021234567890128", "correct"}, want: "card.declined", wantLayer: LayerBankOrCard},
	{name: "no code typed, one card", flow: MainFlow, answers: []string{"code", AnswerSkip, "one", "frozen"}, want: "card.lost-frozen", wantLayer: LayerBankOrCard},
	// Customer waiting.
	{name: "waiting: screen showed a decline, swiped, chip works", flow: WaitingFlow, answers: []string{"declined", "swipe", AnswerHelped}, want: "wait.solved", wantLayer: LayerNone},
	{name: "waiting: declined 51 confirmed, chip, tap works", flow: WaitingFlow, code: "51", answers: []string{"yes", "chip", AnswerHelped}, want: "wait.solved", wantLayer: LayerNone},
	{name: "waiting: 末笔查询 says failed, another card works", flow: WaitingFlow, answers: []string{"comms", "failed", "chip", AnswerNotHelped, AnswerHelped}, want: "wait.card", wantLayer: LayerBankOrCard},
	{name: "waiting: declined, nothing works", flow: WaitingFlow, answers: []string{"declined", "tap", AnswerNotHelped, AnswerNotHelped}, want: "wait.fallback", wantLayer: LayerNone},
	{name: "waiting: last sale approved, it is this one", flow: WaitingFlow, code: "00", answers: []string{"yes"}, want: "money.approved", wantLayer: LayerNone},
	{name: "waiting: no reply, reversal pending", flow: WaitingFlow, outcomes: oc{CheckTerminalLastTxn: Warn}, want: "money.reversal-pending", wantLayer: LayerAcquirerHost},
	{name: "waiting: unreadable, screen unsure, 末笔查询 shows nothing", flow: WaitingFlow, answers: []string{"unsure", "none"}, want: "money.unknown", wantLayer: LayerAcquirerHost},
	{name: "waiting: unreadable, slip printed", flow: WaitingFlow, answers: []string{"approved"}, want: "money.approved", wantLayer: LayerNone},
	// Did the money move?
	{name: "money: approved", flow: MoneyFlow, code: "00", answers: []string{"yes"}, want: "money.approved", wantLayer: LayerNone},
	{name: "money: approved but an earlier sale, slip failed", flow: MoneyFlow, code: "00", answers: []string{"earlier", "failed"}, want: "money.declined", wantLayer: LayerNone},
	{name: "money: reversal pending", flow: MoneyFlow, outcomes: oc{CheckTerminalLastTxn: Warn}, want: "money.reversal-pending", wantLayer: LayerAcquirerHost},
	{name: "money: declined", flow: MoneyFlow, outcomes: oc{CheckTerminalLastTxn: Fail}, code: "51", answers: []string{"yes"}, want: "money.declined", wantLayer: LayerNone},
	{name: "money: declined, not sure it is this sale", flow: MoneyFlow, code: "51", answers: []string{"unsure", "none"}, want: "money.unknown", wantLayer: LayerAcquirerHost},
	{name: "money: read fails (no code) is never a decline", flow: MoneyFlow, outcomes: oc{CheckTerminalLastTxn: Fail}, answers: []string{"unknown", "none"}, want: "money.unknown", wantLayer: LayerAcquirerHost},
	{name: "money: unreadable, receipt approved", flow: MoneyFlow, skipAll: true, answers: []string{"approved"}, want: "money.approved", wantLayer: LayerNone},
	{name: "money: unreadable, reversal shown", flow: MoneyFlow, skipAll: true, answers: []string{"reversal"}, want: "money.reversal-pending", wantLayer: LayerAcquirerHost},
	{name: "money: unreadable, failed", flow: MoneyFlow, skipAll: true, answers: []string{"failed"}, want: "money.declined", wantLayer: LayerNone},
	{name: "money: unreadable, unknown", flow: MoneyFlow, skipAll: true, answers: []string{"unknown", "none"}, want: "money.unknown", wantLayer: LayerAcquirerHost},
	{name: "money: unreadable, 末笔查询 shows approved", flow: MoneyFlow, skipAll: true, answers: []string{"unknown", "approved"}, want: "money.approved", wantLayer: LayerNone},
	// Shift-start self-test.
	{name: "selftest: all clear", flow: SelfTestFlow, want: "ok.all-clear", wantLayer: LayerNone},
	{name: "selftest: nothing registered", flow: SelfTestFlow, skipAll: true, want: "selftest.incomplete", wantLayer: LayerNone},
	{name: "selftest: terminal missing", flow: SelfTestFlow, outcomes: oc{CheckTerminalFound: Fail}, want: "usb.not-seen", wantLayer: LayerUSB},
	{name: "selftest: driver", flow: SelfTestFlow, outcomes: oc{CheckTerminalFound: Warn}, want: "pc.driver", wantLayer: LayerPC},
	{name: "selftest: port busy", flow: SelfTestFlow, outcomes: oc{CheckTerminalPort: Fail}, want: "pc.port-busy", wantLayer: LayerPC},
	{name: "selftest: no answer", flow: SelfTestFlow, outcomes: oc{CheckTerminalStatus: Fail}, want: "usb.no-answer", wantLayer: LayerUSB},
	{name: "selftest: reader", flow: SelfTestFlow, outcomes: oc{CheckTerminalHardware: Fail}, want: "hw.card-reader", wantLayer: LayerTerminalHW},
	{name: "selftest: not signed in", flow: SelfTestFlow, outcomes: oc{CheckTerminalSignIn: Fail}, want: "sw.not-signed-in", wantLayer: LayerTerminalSW},
	{name: "selftest: keys", flow: SelfTestFlow, outcomes: oc{CheckTerminalSignIn: Warn}, want: "sw.keys", wantLayer: LayerTerminalSW},
	{name: "selftest: outdated", flow: SelfTestFlow, outcomes: oc{CheckTerminalFirmware: Fail}, want: "sw.outdated", wantLayer: LayerTerminalSW},
	{name: "selftest: incompatible", flow: SelfTestFlow, outcomes: oc{CheckTerminalFirmware: Warn}, want: "sw.incompatible", wantLayer: LayerTerminalSW},
	{name: "selftest: clock", flow: SelfTestFlow, outcomes: oc{CheckTerminalClock: Fail}, want: "sw.clock", wantLayer: LayerTerminalSW},
	{name: "selftest: weak signal", flow: SelfTestFlow, outcomes: oc{CheckTerminalNetwork: Warn}, want: "net.weak-signal", wantLayer: LayerShopNetwork},
	{name: "selftest: offline", flow: SelfTestFlow, outcomes: oc{CheckNetLink: Fail}, want: "net.offline", wantLayer: LayerShopNetwork},
	{name: "selftest: DNS", flow: SelfTestFlow, outcomes: oc{CheckNetDNS: Fail}, want: "net.dns", wantLayer: LayerShopNetwork},
	{name: "selftest: host unreachable", flow: SelfTestFlow, outcomes: oc{CheckHostTCP: Fail}, want: "net.host-unreachable", wantLayer: LayerAcquirerHost},
	{name: "selftest: jitter", flow: SelfTestFlow, outcomes: oc{CheckHostTCP: Warn}, want: "net.unstable", wantLayer: LayerShopNetwork},
	{name: "selftest: echo fails", flow: SelfTestFlow, outcomes: oc{CheckHostEcho: Fail}, want: "pay.outage", wantLayer: LayerAcquirerHost},
	{name: "selftest: echo slow is the network, not the issuer", flow: SelfTestFlow, outcomes: oc{CheckHostEcho: Warn}, want: "net.unstable", wantLayer: LayerShopNetwork},
	{name: "selftest: frames garbled", flow: SelfTestFlow, outcomes: oc{CheckTerminalStatus: Warn}, want: "usb.link-quality", wantLayer: LayerUSB},
	{name: "selftest: host not configured", flow: SelfTestFlow, outcomes: oc{CheckHostTCP: Skipped, CheckHostEcho: Skipped}, want: "selftest.incomplete", wantLayer: LayerNone},
}

// fixedNow is the scenarios' clock: expiry dates are judged against it.
var fixedNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// play walks sc and returns the finished session.
func play(t *testing.T, sc scenario) *Session {
	t.Helper()
	s, err := Start(sc.flow, clockAt(fixedNow))
	if err != nil {
		t.Fatalf("Start(%s) = %v", sc.flow.ID, err)
	}
	answers := sc.answers
	for steps := 0; !s.Done(); steps++ {
		if steps > 100 {
			t.Fatalf("no end after 100 steps; at %s", s.Current().ID)
		}
		st := s.Current()
		if st.Kind == KindCheck {
			res := map[CheckID]Result{}
			for _, id := range s.Pending() {
				o := Pass
				if sc.skipAll {
					o = Skipped
				}
				if v, ok := sc.outcomes[id]; ok {
					o = v
				}
				r := Result{Outcome: o, Summary: "test"}
				if id == CheckTerminalLastTxn {
					// The last transaction: what the code says, else not
					// read (no transaction, or a terminal that cannot be
					// read) unless the scenario says otherwise.
					_, given := sc.outcomes[id]
					switch approved := codeApproved(sc.code); {
					case sc.code != "" && !given:
						r.Outcome = Fail
						if approved {
							r.Outcome = Pass
						}
						r.Code = sc.code
					case sc.code != "":
						r.Code = sc.code
					case !given:
						r.Outcome = Skipped
					}
				}
				res[id] = r
			}
			if err := s.Submit(res); err != nil {
				t.Fatalf("Submit at %s = %v", st.ID, err)
			}
			continue
		}
		if len(answers) == 0 {
			t.Fatalf("answers ran out at %s (%s)", st.ID, st.Kind)
		}
		a := answers[0]
		answers = answers[1:]
		if text, ok := strings.CutPrefix(a, "="); ok {
			err = s.Input(text)
		} else {
			err = s.Answer(a)
		}
		if err != nil {
			t.Fatalf("answer %q at %s = %v", a, st.ID, err)
		}
	}
	if len(answers) > 0 {
		t.Errorf("finished at %s with answers left over: %q", s.Current().ID, answers)
	}
	return s
}

func TestScenarios(t *testing.T) {
	reached := map[FindingID]bool{}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			s := play(t, sc)
			got := s.Findings()
			if len(got) == 0 {
				t.Fatalf("no finding; trail %v", s.Trail())
			}
			reached[got[0].ID] = true
			if got[0].ID != sc.want || got[0].Layer != sc.wantLayer {
				t.Errorf("first finding = %s (layer %q); want %s (layer %q)", got[0].ID, got[0].Layer, sc.want, sc.wantLayer)
			}
			if sc.wantGrade != "" && got[0].Grade != sc.wantGrade {
				t.Errorf("first finding %s grade = %s; want %s", got[0].ID, got[0].Grade, sc.wantGrade)
			}
			if sum := s.Summary(); sum.Layer != sc.wantLayer && findings[sc.want].Severity == SeverityProblem {
				t.Errorf("Summary().Layer = %q; want %q", sum.Layer, sc.wantLayer)
			}
		})
	}
	t.Logf("%d scenarios", len(scenarios))
	if len(scenarios) < 40 {
		t.Errorf("%d scenarios; want at least 40", len(scenarios))
	}
	if t.Failed() {
		return
	}
	for _, id := range findingIDs() {
		if !reached[id] {
			t.Errorf("finding %s is reached by no scenario", id)
		}
	}
}
