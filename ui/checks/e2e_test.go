package checks

import (
	"context"
	"strings"
	"testing"
	"time"

	"posdoctor/device/sim"
	"posdoctor/wizard"
)

// e2eCase is one end-to-end scenario: a simulated world (a terminal
// scenario or code=NN, and a host fault) walked with the real checks, or —
// for faults the simulator cannot stage yet — fakes of the checks'
// results, plus the answers a real owner would give ("=text" types text,
// "<" goes back one step). It asserts the first finding, its layer and
// its evidence grade. Add a row when the simulator learns a new fault.
type e2eCase struct {
	name     string
	flow     wizard.FlowID
	scenario string                           // sim terminal scenario; "" with fake set: no simulator
	code     string                           // the last transaction's code (sim.ScenarioCode)
	host     sim.HostConfig                   // host fault
	fake     map[wizard.CheckID]wizard.Result // fakes: a world without a simulator
	answers  []string
	want     wizard.FindingID
	layer    wizard.Layer
	grade    wizard.Grade
}

type res = map[wizard.CheckID]wizard.Result

var (
	pass    = wizard.Result{Outcome: wizard.Pass, Summary: "fake"}
	fail    = wizard.Result{Outcome: wizard.Fail, Summary: "fake"}
	warn    = wizard.Result{Outcome: wizard.Warn, Summary: "fake"}
	skipped = wizard.Result{Outcome: wizard.Skipped, Summary: "fake"}
)

// fakes returns a world where every check passes, the last transaction is
// not readable, and over applies.
func fakes(over res) res {
	out := res{}
	for _, id := range AutoChecks {
		out[id] = pass
	}
	out[wizard.CheckTerminalLastTxn] = skipped
	for id, r := range over {
		out[id] = r
	}
	return out
}

// noTerminal is a world with no terminal on USB at all.
func noTerminal(over res) res {
	r := fakes(res{wizard.CheckTerminalFound: fail})
	for _, id := range []wizard.CheckID{wizard.CheckTerminalPort, wizard.CheckTerminalStatus, wizard.CheckTerminalSignIn,
		wizard.CheckTerminalClock, wizard.CheckTerminalHardware, wizard.CheckTerminalNetwork, wizard.CheckTerminalFirmware} {
		r[id] = skipped
	}
	for id, v := range over {
		r[id] = v
	}
	return r
}

const (
	main     = wizard.FlowMain
	waiting  = wizard.FlowWaiting
	money    = wizard.FlowMoney
	selftest = wizard.FlowSelfTest

	measured = wizard.GradeMeasured
	reported = wizard.GradeReported
	inferred = wizard.GradeInferred
)

var e2eCases = []e2eCase{
	// Response codes from the simulated terminal's last transaction.
	{name: "sim 51 funds", flow: main, scenario: sim.ScenarioCode, code: "51", want: "card.insufficient", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 55 wrong PIN once", flow: main, scenario: sim.ScenarioCode, code: "55", answers: []string{"few"}, want: "op.pin-wrong", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 55 many tries", flow: main, scenario: sim.ScenarioCode, code: "55", answers: []string{"many"}, want: "card.pin-locked", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 55 owner not sure", flow: main, scenario: sim.ScenarioCode, code: "55", answers: []string{"unsure"}, want: "op.pin-wrong", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 75 PIN tries", flow: main, scenario: sim.ScenarioCode, code: "75", want: "card.pin-locked", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 61 limit", flow: main, scenario: sim.ScenarioCode, code: "61", want: "card.limit", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 65 count limit", flow: main, scenario: sim.ScenarioCode, code: "65", want: "card.limit", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 54 expired", flow: main, scenario: sim.ScenarioCode, code: "54", want: "card.expired", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 33 expired pick-up", flow: main, scenario: sim.ScenarioCode, code: "33", want: "card.expired", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim A0 MAC is keys, not USB", flow: main, scenario: sim.ScenarioCode, code: "A0", want: "sw.keys", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 99 PIN format", flow: main, scenario: sim.ScenarioCode, code: "99", want: "sw.keys", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim A7 security", flow: main, scenario: sim.ScenarioCode, code: "A7", want: "sw.keys", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 77 batch", flow: main, scenario: sim.ScenarioCode, code: "77", want: "sw.not-signed-in", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 78 parameters", flow: main, scenario: sim.ScenarioCode, code: "78", want: "sw.misconfig", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 30 format", flow: main, scenario: sim.ScenarioCode, code: "30", want: "sw.incompatible", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 96 switch", flow: main, scenario: sim.ScenarioCode, code: "96", want: "pay.outage", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 92 route", flow: main, scenario: sim.ScenarioCode, code: "92", want: "pay.outage", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 90 cut-off", flow: main, scenario: sim.ScenarioCode, code: "90", want: "pay.maintenance", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 91 issuer down", flow: main, scenario: sim.ScenarioCode, code: "91", want: "bank.maintenance", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 98 issuer slow", flow: main, scenario: sim.ScenarioCode, code: "98", want: "bank.slow", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 68 late", flow: main, scenario: sim.ScenarioCode, code: "68", want: "bank.slow", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 12 sale, other card works", flow: main, scenario: sim.ScenarioCode, code: "12", answers: []string{"sale", wizard.AnswerHelped}, want: "card.not-permitted", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 12 sale, no card works", flow: main, scenario: sim.ScenarioCode, code: "12", answers: []string{"sale", wizard.AnswerNotHelped}, want: "host.merchant-config", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 12 void after cut-off", flow: main, scenario: sim.ScenarioCode, code: "12", answers: []string{"void", "settled"}, want: "op.void-after-cutoff", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 12 void, back, refund", flow: main, scenario: sim.ScenarioCode, code: "12", answers: []string{"void", "<", "refund"}, want: "op.wrong-steps", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 12 not sure which", flow: main, scenario: sim.ScenarioCode, code: "12", answers: []string{"unsure", wizard.AnswerHelped}, want: "card.not-permitted", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 45 chip", flow: main, scenario: sim.ScenarioCode, code: "45", want: "card.needs-chip", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 19 reinsert helps", flow: main, scenario: sim.ScenarioCode, code: "19", answers: []string{wizard.AnswerHelped}, want: "op.wrong-steps", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 19 no card reads", flow: main, scenario: sim.ScenarioCode, code: "19", answers: []string{wizard.AnswerNotHelped, "all"}, want: "hw.card-reader", layer: wizard.LayerTerminalHW, grade: reported},
	{name: "sim 13 amount", flow: main, scenario: sim.ScenarioCode, code: "13", want: "op.wrong-amount", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 14 card number", flow: main, scenario: sim.ScenarioCode, code: "14", want: "card.invalid-number", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 41 lost", flow: main, scenario: sim.ScenarioCode, code: "41", want: "card.lost-frozen", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 57 not permitted", flow: main, scenario: sim.ScenarioCode, code: "57", want: "card.not-permitted", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 03 merchant", flow: main, scenario: sim.ScenarioCode, code: "03", want: "host.merchant-config", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 97 terminal not registered", flow: main, scenario: sim.ScenarioCode, code: "97", want: "host.merchant-config", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim 05 do not honour", flow: main, scenario: sim.ScenarioCode, code: "05", want: "card.declined", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim 22 malfunction", flow: main, scenario: sim.ScenarioCode, code: "22", want: "op.wrong-steps", layer: wizard.LayerOperator, grade: reported},
	{name: "sim 94 duplicate", flow: main, scenario: sim.ScenarioCode, code: "94", want: "sw.misconfig", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "sim 23 unusual", flow: main, scenario: sim.ScenarioCode, code: "23", want: "code.other", layer: wizard.LayerAcquirerHost, grade: reported},
	// The approved last sale goes through the money guard.
	{name: "sim approved, it is this sale", flow: main, scenario: sim.ScenarioHealthy, answers: []string{"yes"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},
	{name: "sim approved, an earlier sale, screen said funds", flow: main, scenario: sim.ScenarioHealthy, answers: []string{"earlier", "funds", "funds"}, want: "card.insufficient", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "sim approved, not sure", flow: main, scenario: sim.ScenarioHealthy, answers: []string{"unsure", wizard.AnswerContinue, "pin", "few"}, want: "money.unknown", layer: wizard.LayerAcquirerHost, grade: reported},
	// Terminal faults the simulator stages.
	{name: "sim not signed in", flow: main, scenario: sim.ScenarioNotSignedIn, want: "sw.not-signed-in", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim keys bad", flow: main, scenario: sim.ScenarioKeysBad, want: "sw.keys", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim clock off is its own finding", flow: main, scenario: sim.ScenarioClockOff, want: "sw.clock", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim reader fault, owner says reader", flow: main, scenario: sim.ScenarioReaderFault, answers: []string{"reader"}, want: "hw.card-reader", layer: wizard.LayerTerminalHW, grade: measured},
	{name: "sim reader fault, owner not sure", flow: main, scenario: sim.ScenarioReaderFault, answers: []string{"unsure", "yes"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},
	{name: "sim weak signal", flow: main, scenario: sim.ScenarioWeakSignal, answers: []string{"earlier", "comms"}, want: "net.weak-signal", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "sim garbage on the line", flow: main, scenario: sim.ScenarioGarbage, want: "usb.link-quality", layer: wizard.LayerUSB, grade: measured},
	{name: "sim NAK storm", flow: main, scenario: sim.ScenarioNAKStorm, want: "usb.link-quality", layer: wizard.LayerUSB, grade: measured},
	{name: "sim bad checksums", flow: main, scenario: sim.ScenarioBadLRC, want: "usb.link-quality", layer: wizard.LayerUSB, grade: measured},
	{name: "sim selftest healthy", flow: selftest, scenario: sim.ScenarioHealthy, want: "ok.all-clear", layer: wizard.LayerNone, grade: measured},
	{name: "sim selftest not signed in", flow: selftest, scenario: sim.ScenarioNotSignedIn, want: "sw.not-signed-in", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim selftest keys", flow: selftest, scenario: sim.ScenarioKeysBad, want: "sw.keys", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim selftest clock", flow: selftest, scenario: sim.ScenarioClockOff, want: "sw.clock", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim selftest reader", flow: selftest, scenario: sim.ScenarioReaderFault, want: "hw.card-reader", layer: wizard.LayerTerminalHW, grade: measured},
	{name: "sim selftest weak signal", flow: selftest, scenario: sim.ScenarioWeakSignal, want: "net.weak-signal", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "sim selftest garbage", flow: selftest, scenario: sim.ScenarioGarbage, want: "usb.link-quality", layer: wizard.LayerUSB, grade: measured},
	{name: "sim slow terminal reads as cannot-read: the owner is asked, never restart", flow: main, scenario: sim.ScenarioSlow, answers: []string{"invalid", "refund"}, want: "op.wrong-steps", layer: wizard.LayerOperator, grade: reported},
	{name: "sim outdated firmware", flow: main, scenario: sim.ScenarioOldFirmware, want: "sw.outdated", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "sim no paper: the approved sale is shown before anything else", flow: main, scenario: sim.ScenarioNoPaper, answers: []string{"paper", "yes"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},
	// Host faults.
	{name: "sim host refuses", flow: selftest, scenario: sim.ScenarioHealthy, host: sim.HostConfig{Fault: sim.HostRefuse}, want: "net.host-unreachable", layer: wizard.LayerAcquirerHost, grade: measured},
	{name: "sim host garbles the echo", flow: selftest, scenario: sim.ScenarioHealthy, host: sim.HostConfig{Fault: sim.HostGarbage}, want: "pay.outage", layer: wizard.LayerAcquirerHost, grade: measured},
	{name: "sim host declines the echo", flow: selftest, scenario: sim.ScenarioHealthy, host: sim.HostConfig{EchoCode: "96"}, want: "net.unstable", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "sim host refuses, full diagnosis", flow: main, scenario: sim.ScenarioHealthy, host: sim.HostConfig{Fault: sim.HostRefuse}, answers: []string{"earlier", "comms"}, want: "net.host-unreachable", layer: wizard.LayerAcquirerHost, grade: measured},
	{name: "sim host wrong MTI, maintenance notice", flow: main, scenario: sim.ScenarioHealthy, host: sim.HostConfig{Fault: sim.HostWrongMTI}, answers: []string{"earlier", "comms", "maintenance"}, want: "pay.maintenance", layer: wizard.LayerAcquirerHost, grade: measured},
	// Money flow against the simulator.
	{name: "sim money: approved, this sale", flow: money, scenario: sim.ScenarioHealthy, answers: []string{"yes"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},
	{name: "sim money: 51 declined, this sale", flow: money, scenario: sim.ScenarioCode, code: "51", answers: []string{"yes"}, want: "money.declined", layer: wizard.LayerNone, grade: reported},
	{name: "sim money: 51 but an earlier sale, slip unclear", flow: money, scenario: sim.ScenarioCode, code: "51", answers: []string{"earlier", "reversal"}, want: "money.reversal-pending", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim money: declined, not sure, 末笔查询 shows nothing", flow: money, scenario: sim.ScenarioCode, code: "51", answers: []string{"unsure", "none"}, want: "money.unknown", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim money: noisy line, approved sale still shown and asked", flow: money, scenario: sim.ScenarioGarbage, answers: []string{"earlier", "unknown", "none"}, want: "money.unknown", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "sim waiting: 51 confirmed, chip works", flow: waiting, scenario: sim.ScenarioCode, code: "51", answers: []string{"yes", "swipe", wizard.AnswerHelped}, want: "wait.solved", layer: wizard.LayerNone, grade: reported},
	{name: "sim waiting: approved, this sale", flow: waiting, scenario: sim.ScenarioHealthy, answers: []string{"yes"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},

	// Faults the simulator does not stage yet: fakes of the checks' results.
	{name: "fake no device at all, replug helps", flow: main, fake: noTerminal(nil), answers: []string{wizard.AnswerHelped}, want: "hw.usb-port", layer: wizard.LayerPC, grade: measured},
	{name: "fake no device, dark screen", flow: main, fake: noTerminal(nil), answers: []string{wizard.AnswerNotHelped, "off", wizard.AnswerHelped}, want: "hw.power", layer: wizard.LayerTerminalHW, grade: measured},
	{name: "fake no device, cable helps", flow: main, fake: noTerminal(nil), answers: []string{wizard.AnswerNotHelped, "on", wizard.AnswerHelped}, want: "hw.cable", layer: wizard.LayerUSB, grade: measured},
	{name: "fake no device, nothing helps: not seen, never driver", flow: main, fake: noTerminal(nil), answers: []string{wizard.AnswerNotHelped, "unsure", wizard.AnswerNotHelped}, want: "usb.not-seen", layer: wizard.LayerUSB, grade: measured},
	{name: "fake device on USB without serial port", flow: main, fake: fakes(res{wizard.CheckTerminalFound: warn}), want: "pc.driver", layer: wizard.LayerPC, grade: measured},
	{name: "fake port busy", flow: main, fake: fakes(res{wizard.CheckTerminalPort: fail}), want: "pc.port-busy", layer: wizard.LayerPC, grade: measured},
	{name: "fake silent terminal, restart helps", flow: main, fake: fakes(res{wizard.CheckTerminalStatus: fail}), answers: []string{wizard.AnswerHelped}, want: "sw.crash", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "fake silent terminal, restart no help", flow: main, fake: fakes(res{wizard.CheckTerminalStatus: fail}), answers: []string{wizard.AnswerNotHelped}, want: "usb.no-answer", layer: wizard.LayerUSB, grade: measured},
	{name: "fake outdated firmware", flow: main, fake: fakes(res{wizard.CheckTerminalFirmware: fail}), want: "sw.outdated", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "fake selftest outdated firmware", flow: selftest, fake: fakes(res{wizard.CheckTerminalFirmware: fail}), want: "sw.outdated", layer: wizard.LayerTerminalSW, grade: measured},
	{name: "fake selftest no device", flow: selftest, fake: noTerminal(nil), want: "usb.not-seen", layer: wizard.LayerUSB, grade: measured},
	{name: "fake selftest port busy", flow: selftest, fake: fakes(res{wizard.CheckTerminalPort: fail}), want: "pc.port-busy", layer: wizard.LayerPC, grade: measured},
	{name: "fake host slow past the deadline", flow: main, fake: fakes(res{wizard.CheckHostEcho: fail}), answers: []string{"comms", "none"}, want: "pay.outage", layer: wizard.LayerAcquirerHost, grade: measured},
	{name: "fake host slow echo is the network", flow: main, fake: fakes(res{wizard.CheckHostEcho: warn}), answers: []string{"comms", "video"}, want: "net.bandwidth", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "fake PC offline", flow: main, fake: fakes(res{wizard.CheckNetLink: fail}), answers: []string{"comms"}, want: "net.offline", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "fake DNS fails", flow: main, fake: fakes(res{wizard.CheckNetDNS: fail}), answers: []string{"timeout", "waited"}, want: "net.dns", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "fake router down, restart helps", flow: main, fake: fakes(res{wizard.CheckNetGateway: fail}), answers: []string{"comms", wizard.AnswerHelped}, want: "net.unstable", layer: wizard.LayerShopNetwork, grade: measured},
	{name: "fake jitter, peak time", flow: main, fake: fakes(res{wizard.CheckHostTCP: warn}), answers: []string{"comms", "busy"}, want: "net.congestion", layer: wizard.LayerShopNetwork, grade: measured},
	// Unreadable terminal and a hurried owner's answers.
	{name: "unreadable, screen invalid, void today", flow: main, fake: fakes(nil), answers: []string{"invalid", "void", "today"}, want: "op.original-not-approved", layer: wizard.LayerOperator, grade: reported},
	{name: "unreadable, typed 55", flow: main, fake: fakes(nil), answers: []string{"code", "=55", "few"}, want: "op.pin-wrong", layer: wizard.LayerOperator, grade: reported},
	{name: "unreadable, typed a0", flow: main, fake: fakes(nil), answers: []string{"code", "=a0"}, want: "sw.keys", layer: wizard.LayerTerminalSW, grade: reported},
	{name: "unreadable, does not remember, one card expired", flow: main, fake: fakes(nil), answers: []string{"other", "one", "expiry", "=01/20"}, want: "card.expired", layer: wizard.LayerBankOrCard, grade: inferred},
	{name: "unreadable, does not remember, not sure, all passes", flow: main, fake: fakes(nil), answers: []string{"other", "unsure", "unsure", wizard.AnswerNotHelped}, want: "cause.unclear", layer: wizard.LayerNone, grade: inferred},
	{name: "unreadable, one bank, not sure", flow: main, fake: fakes(nil), answers: []string{"comms", "one-bank", "unsure"}, want: "bank.param-mismatch", layer: wizard.LayerBankOrCard, grade: inferred},
	{name: "unreadable, frozen, restart helps", flow: main, fake: fakes(nil), answers: []string{"frozen", wizard.AnswerHelped}, want: "sw.crash", layer: wizard.LayerTerminalSW, grade: inferred},
	{name: "unreadable, after update", flow: main, fake: fakes(nil), answers: []string{"other", "all", "after-update"}, want: "sw.incompatible", layer: wizard.LayerTerminalSW, grade: inferred},
	{name: "unreadable, chip prompt, all cards fail", flow: main, fake: fakes(nil), answers: []string{"chip", wizard.AnswerNotHelped, "all"}, want: "hw.card-reader", layer: wizard.LayerTerminalHW, grade: reported},
	{name: "unreadable, funds, back, pin", flow: main, fake: fakes(nil), answers: []string{"funds", "<", "pin", "many"}, want: "card.pin-locked", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "money: unreadable, slip approved", flow: money, fake: fakes(nil), answers: []string{"approved"}, want: "money.approved", layer: wizard.LayerNone, grade: reported},
	{name: "money: unreadable, screen showed a decline", flow: money, fake: fakes(nil), answers: []string{"failed"}, want: "money.declined", layer: wizard.LayerNone, grade: reported},
	{name: "money: no reply from the host", flow: money, fake: fakes(res{wizard.CheckTerminalLastTxn: {Outcome: wizard.Warn, Sale: wizard.SalePending}}), want: "money.reversal-pending", layer: wizard.LayerAcquirerHost, grade: reported},
	{name: "waiting: unreadable, timed out, 末笔查询 failed, another card", flow: waiting, fake: fakes(nil), answers: []string{"comms", "failed", "chip", wizard.AnswerNotHelped, wizard.AnswerHelped}, want: "wait.card", layer: wizard.LayerBankOrCard, grade: reported},
	{name: "waiting: unreadable, not sure, no inquiry", flow: waiting, fake: fakes(nil), answers: []string{"unsure", "none"}, want: "money.unknown", layer: wizard.LayerAcquirerHost, grade: inferred},
	{name: "waiting: no reply", flow: waiting, fake: fakes(res{wizard.CheckTerminalLastTxn: {Outcome: wizard.Warn, Sale: wizard.SalePending}}), want: "money.reversal-pending", layer: wizard.LayerAcquirerHost, grade: reported},
}

func TestEndToEnd(t *testing.T) {
	if len(e2eCases) < 80 {
		t.Errorf("%d end-to-end scenarios; want at least 80", len(e2eCases))
	}
	for _, tc := range e2eCases {
		t.Run(tc.name, func(t *testing.T) {
			var reg *wizard.Registry
			if tc.fake != nil {
				reg = wizard.NewRegistry()
				for id, r := range tc.fake {
					reg.Register(id, func(context.Context) (wizard.Result, error) { return r, nil })
				}
			} else {
				w := startWorld(t, tc.scenario, tc.code, tc.host)
				reg = registry(t, loopbackNet(Config{Port: w.term.Path(), Timeout: time.Second, MinFirmware: sim.CurrentFirmware}))
			}
			flow, err := wizard.FlowByID(tc.flow)
			if err != nil {
				t.Fatal(err)
			}
			s, err := wizard.Start(flow, func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) })
			if err != nil {
				t.Fatal(err)
			}
			answers := tc.answers
			for steps := 0; !s.Done(); steps++ {
				if steps > 60 {
					t.Fatalf("no end after 60 steps, at %s", s.Current().ID)
				}
				if s.Current().Kind == wizard.KindCheck {
					if _, err := s.Advance(context.Background(), reg, nil); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if len(answers) == 0 {
					t.Fatalf("answers ran out at %s; trail %v", s.Current().ID, trailText(s))
				}
				a := answers[0]
				answers = answers[1:]
				switch text, typed := strings.CutPrefix(a, "="); {
				case a == "<":
					err = s.Back()
				case typed:
					err = s.Input(text)
				default:
					err = s.Answer(a)
				}
				if err != nil {
					t.Fatalf("answer %q at %s: %v; trail %v", a, s.Current().ID, err, trailText(s))
				}
			}
			if len(answers) > 0 {
				t.Errorf("finished at %s with answers left: %q", s.Current().ID, answers)
			}
			f := s.Findings()[0]
			if f.ID != tc.want || f.Layer != tc.layer || f.Grade != tc.grade {
				t.Errorf("first finding = %s (layer %q, %s); want %s (layer %q, %s); trail %v", f.ID, f.Layer, f.Grade, tc.want, tc.layer, tc.grade, trailText(s))
			}
		})
	}
}

func trailText(s *wizard.Session) string {
	var b strings.Builder
	for _, r := range s.Trail() {
		b.WriteString(string(r.Step))
		if r.Answer != "" {
			b.WriteString("=" + r.Answer)
		}
		for id, res := range r.Results {
			if res.Outcome != wizard.Pass {
				b.WriteString(" [" + string(id) + ":" + res.Outcome.String() + " " + res.Summary + " " + res.Code + "]")
			}
		}
		b.WriteString(" → ")
	}
	return b.String()
}

// TestOldLastTransactionSaysNothingSure: a last transaction from well
// before now may be another customer's, so it never counts as this sale's
// decline (or approval); the code still routes.
func TestOldLastTransactionSaysNothingSure(t *testing.T) {
	for _, tt := range []struct {
		name  string
		shift time.Duration
		want  wizard.SaleState
	}{{"just now", 0, wizard.SaleDeclined}, {"an hour ago", time.Hour, wizard.SaleUnknown}} {
		t.Run(tt.name, func(t *testing.T) {
			w := startWorld(t, sim.ScenarioCode, "51", sim.HostConfig{})
			cfg := loopbackNet(Config{Port: w.term.Path()})
			cfg.Now = func() time.Time { return time.Now().Add(tt.shift) }
			got := registry(t, cfg).Run(context.Background(), wizard.CheckTerminalLastTxn, DefaultTimeout)
			if got.Sale != tt.want || got.Code != "51" {
				t.Errorf("last transaction %s: sale %q code %q; want %q, 51", tt.name, got.Sale, got.Code, tt.want)
			}
		})
	}
}
