package wizard

import (
	"errors"
	"fmt"
)

// The built-in flows. Step IDs are stored in history: add new ones, never
// rename. Translation keys: flows.<step> for a step's title,
// flows.<step>.body for its explanation, flows.<step>.<answer> for an
// answer; the words are in assets/i18n/*/flows.json.

// mainCodes routes response codes in the main flow. Specific codes first;
// every other code goes by its category, so every code lands somewhere.
var mainCodes = &CodeTable{
	Codes: map[string]StepID{
		"55": "m.pin", "38": "m.f.pin-locked", "75": "m.f.pin-locked",
		"51": "m.f.insufficient", "61": "m.f.limit", "65": "m.f.limit",
		"54": "m.f.expired", "33": "m.f.expired",
		"A0": "m.f.keys", "99": "m.f.keys", "A7": "m.f.keys",
		"77": "m.f.not-signed-in", "78": "m.f.misconfig", "30": "m.f.incompatible",
		"96": "m.f.outage", "92": "m.f.outage", "90": "m.f.maintenance", "C1": "m.f.maintenance",
		"91": "m.f.bank-maintenance", "98": "m.f.bank-slow", "68": "m.f.bank-slow",
		"12": "m.txn",
		"45": "m.f.needs-chip", "19": "m.reader",
		"13": "m.f.wrong-amount", "64": "m.f.wrong-amount",
		"22": "m.f.wrong-steps", "25": "m.f.wrong-steps",
		"14": "m.f.invalid-number",
		"04": "m.f.lost", "07": "m.f.lost", "41": "m.f.lost", "43": "m.f.lost", "62": "m.f.lost", "67": "m.f.lost",
		"34": "m.f.lost", "35": "m.f.lost", "36": "m.f.lost", "37": "m.f.lost",
		"57": "m.f.not-permitted", "40": "m.f.not-permitted", "15": "m.f.not-permitted", "31": "m.f.not-permitted",
		"03": "m.f.merchant", "58": "m.f.merchant", "97": "m.f.merchant",
		"94": "m.f.misconfig",
	},
	Approved: "m.screen",
	Categories: map[Category]StepID{
		CategoryCard:             "m.f.declined",
		CategoryOperator:         "m.f.wrong-steps",
		CategoryTerminalSoftware: "m.f.misconfig",
		CategoryNetwork:          "m.f.bank-slow",
		CategoryBankSystem:       "m.f.outage",
		CategoryMerchantConfig:   "m.f.merchant",
		CategoryOther:            "m.f.code-other",
	},
	Unknown: "m.f.code-unknown",
}

// MainFlow is the full troubleshooting flow after a failed card sale: the
// terminal's link, its state, the last transaction's response code, the
// network and the host, and the questions only the owner can answer.
var MainFlow = &Flow{
	ID: FlowMain, Title: "flows.main.title", Start: "m.link", Codes: mainCodes,
	Steps: []Step{
		// The terminal and its USB link.
		{ID: "m.link", Kind: KindCheck, Title: "flows.m.link", Checks: []CheckID{CheckTerminalFound, CheckTerminalPort},
			Rules: []Rule{
				{CheckTerminalFound, Fail, "m.replug"},
				{CheckTerminalFound, Warn, "m.f.driver"},
				{CheckTerminalPort, Fail, "m.f.port-busy"},
			},
			OnPass: "m.status", OnFail: "m.replug", OnSkip: "m.screen"},
		{ID: "m.replug", Kind: KindInstruction, Title: "flows.m.replug", Body: "flows.m.replug.body",
			OnHelped: "m.f.usb-port", OnNotHelped: "m.power"},
		{ID: "m.power", Kind: KindQuestion, Title: "flows.m.power", Answers: []Answer{
			{"on", "flows.m.power.on", "m.cable"},
			{"off", "flows.m.power.off", "m.charge"},
		}},
		{ID: "m.cable", Kind: KindInstruction, Title: "flows.m.cable", Body: "flows.m.cable.body",
			OnHelped: "m.f.cable", OnNotHelped: "m.f.driver"},
		{ID: "m.charge", Kind: KindInstruction, Title: "flows.m.charge", Body: "flows.m.charge.body",
			OnHelped: "m.f.power", OnNotHelped: "m.f.power"},

		// The terminal's own state.
		{ID: "m.status", Kind: KindCheck, Title: "flows.m.status",
			Checks: []CheckID{CheckTerminalStatus, CheckTerminalSignIn, CheckTerminalFirmware, CheckTerminalClock, CheckTerminalHardware},
			Rules: []Rule{
				{CheckTerminalStatus, Fail, "m.reboot"},
				{CheckTerminalHardware, Fail, "m.hw"},
				{CheckTerminalSignIn, Fail, "m.f.not-signed-in"},
				{CheckTerminalSignIn, Warn, "m.f.keys"},
				{CheckTerminalFirmware, Fail, "m.f.outdated"},
				{CheckTerminalFirmware, Warn, "m.f.incompatible"},
				{CheckTerminalClock, Fail, "m.f.misconfig"},
			},
			OnPass: "m.last", OnWarn: "m.last", OnFail: "m.last"},
		{ID: "m.reboot", Kind: KindInstruction, Title: "flows.m.reboot", Body: "flows.m.reboot.body",
			OnHelped: "m.f.crash", OnNotHelped: "m.f.no-answer"},
		{ID: "m.hw", Kind: KindQuestion, Title: "flows.m.hw", Answers: []Answer{
			{"screen", "flows.m.hw.screen", "m.f.screen"},
			{"keys", "flows.m.hw.keys", "m.f.keypad"},
			{"reader", "flows.m.hw.reader", "m.f.reader"},
			{"none", "flows.m.hw.none", "m.last"},
		}},

		// The last transaction: its response code jumps to the branch.
		// A pending reversal comes first: the owner must not charge again.
		{ID: "m.last", Kind: KindCheck, Title: "flows.m.last", Checks: []CheckID{CheckTerminalLastTxn}, JumpOnCode: true,
			Rules:  []Rule{{CheckTerminalLastTxn, Warn, "m.f.reversal"}},
			OnPass: "m.screen", OnFail: "m.screen"},
		{ID: "m.f.reversal", Kind: KindFinding, Finding: "money.reversal-pending", Next: "m.screen"},

		// What only the owner knows.
		{ID: "m.screen", Kind: KindQuestion, Title: "flows.m.screen", Answers: []Answer{
			{"invalid", "flows.m.screen.invalid", "m.txn"},
			{"pin", "flows.m.screen.pin", "m.pin"},
			{"comms", "flows.m.screen.comms", "m.net"},
			{"timeout", "flows.m.screen.timeout", "m.slow"},
			{"chip", "flows.m.screen.chip", "m.reader"},
			{"funds", "flows.m.screen.funds", "m.card"},
			{"amount", "flows.m.screen.amount", "m.f.wrong-amount"},
			{"frozen", "flows.m.screen.frozen", "m.frozen"},
			{"code", "flows.m.screen.code", "m.code"},
			{"other", "flows.m.screen.other", "m.scope"},
		}},
		{ID: "m.frozen", Kind: KindInstruction, Title: "flows.m.reboot", Body: "flows.m.reboot.body",
			OnHelped: "m.f.crash", OnNotHelped: "m.f.screen"},
		{ID: "m.code", Kind: KindQuestion, Title: "flows.m.code", Body: "flows.m.code.body", Input: InputCode, Answers: []Answer{
			{AnswerSkip, "flows.m.code.skip", "m.scope"},
		}},
		{ID: "m.scope", Kind: KindQuestion, Title: "flows.m.scope", Answers: []Answer{
			{"one", "flows.m.scope.one", "m.card"},
			{"all", "flows.m.scope.all", "m.net"},
		}},
		{ID: "m.slow", Kind: KindQuestion, Title: "flows.m.slow", Answers: []Answer{
			{"customer-slow", "flows.m.slow.customer-slow", "m.f.timeout"},
			{"waited", "flows.m.slow.waited", "m.net"},
		}},
		{ID: "m.txn", Kind: KindQuestion, Title: "flows.m.txn", Body: "flows.m.txn.body", Answers: []Answer{
			{"sale", "flows.m.txn.sale", "m.othercard"},
			{"void", "flows.m.txn.void", "m.void"},
			{"refund", "flows.m.txn.refund", "m.f.wrong-steps"},
			{"completion", "flows.m.txn.completion", "m.f.not-approved"},
		}},
		{ID: "m.void", Kind: KindQuestion, Title: "flows.m.void", Answers: []Answer{
			{"today", "flows.m.void.today", "m.f.not-approved"},
			{"settled", "flows.m.void.settled", "m.f.void-after-cutoff"},
		}},
		{ID: "m.othercard", Kind: KindInstruction, Title: "flows.m.othercard", Body: "flows.m.othercard.body",
			OnHelped: "m.f.not-permitted", OnNotHelped: "m.f.merchant"},
		{ID: "m.pin", Kind: KindQuestion, Title: "flows.m.pin", Answers: []Answer{
			{"few", "flows.m.pin.few", "m.f.pin-wrong"},
			{"many", "flows.m.pin.many", "m.f.pin-locked"},
			{"slow", "flows.m.pin.slow", "m.f.timeout"},
		}},
		{ID: "m.reader", Kind: KindInstruction, Title: "flows.m.reader", Body: "flows.m.reader.body",
			OnHelped: "m.f.wrong-steps", OnNotHelped: "m.readall"},
		{ID: "m.readall", Kind: KindQuestion, Title: "flows.m.readall", Answers: []Answer{
			{"all", "flows.m.readall.all", "m.f.reader"},
			{"one", "flows.m.readall.one", "m.f.damaged"},
		}},
		{ID: "m.card", Kind: KindQuestion, Title: "flows.m.card", Answers: []Answer{
			{"expiry", "flows.m.card.expiry", "m.expiry"},
			{"frozen", "flows.m.card.frozen", "m.f.lost"},
			{"swiped", "flows.m.card.swiped", "m.f.needs-chip"},
			{"big", "flows.m.card.big", "m.f.limit"},
			{"funds", "flows.m.card.funds", "m.f.insufficient"},
			{"unknown", "flows.m.card.unknown", "m.expiry"},
		}},
		{ID: "m.expiry", Kind: KindQuestion, Title: "flows.m.expiry", Body: "flows.m.expiry.body", Input: InputExpiry, Answers: []Answer{
			{ResultValid, "flows.m.expiry.valid", "m.cardno"},
			{ResultExpired, "flows.m.expiry.expired", "m.f.expired"},
			{AnswerSkip, "flows.m.expiry.skip", "m.cardno"},
		}},
		{ID: "m.cardno", Kind: KindQuestion, Title: "flows.m.cardno", Body: "flows.m.cardno.body", Input: InputCardNumber, Answers: []Answer{
			{ResultValid, "flows.m.cardno.valid", "m.method"},
			{ResultLuhn, "flows.m.cardno.luhn", "m.f.invalid-number"},
			{ResultRange, "flows.m.cardno.range", "m.f.not-permitted"},
			{AnswerSkip, "flows.m.cardno.skip", "m.method"},
		}},
		{ID: "m.method", Kind: KindQuestion, Title: "flows.m.method", Answers: []Answer{
			{"swiped-chip", "flows.m.method.swiped-chip", "m.f.needs-chip"},
			{"wrong-type", "flows.m.method.wrong-type", "m.f.wrong-method"},
			{"correct", "flows.m.method.correct", "m.f.declined"},
		}},

		// The network and the acquirer host.
		{ID: "m.net", Kind: KindCheck, Title: "flows.m.net",
			Checks: []CheckID{CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho, CheckTerminalNetwork},
			Rules: []Rule{
				{CheckNetLink, Fail, "m.f.offline"},
				{CheckNetGateway, Fail, "m.router"},
				{CheckNetDNS, Fail, "m.f.dns"},
				{CheckHostTCP, Fail, "m.f.unreachable"},
				{CheckTerminalNetwork, Fail, "m.f.weak-signal"},
				{CheckTerminalNetwork, Warn, "m.f.weak-signal"},
				{CheckHostTCP, Warn, "m.load"},
				{CheckHostEcho, Fail, "m.hostmsg"},
				{CheckHostEcho, Warn, "m.f.bank-slow"},
			},
			OnPass: "m.every", OnFail: "m.every", OnSkip: "m.every"},
		{ID: "m.router", Kind: KindInstruction, Title: "flows.m.router", Body: "flows.m.router.body",
			OnHelped: "m.f.unstable", OnNotHelped: "m.f.offline"},
		{ID: "m.load", Kind: KindQuestion, Title: "flows.m.load", Answers: []Answer{
			{"video", "flows.m.load.video", "m.f.bandwidth"},
			{"busy", "flows.m.load.busy", "m.f.congestion"},
			{"no", "flows.m.load.no", "m.f.unstable"},
		}},
		{ID: "m.hostmsg", Kind: KindQuestion, Title: "flows.m.hostmsg", Answers: []Answer{
			{"maintenance", "flows.m.hostmsg.maintenance", "m.f.maintenance"},
			{"upgrade", "flows.m.hostmsg.upgrade", "m.f.upgrade"},
			{"none", "flows.m.hostmsg.none", "m.f.outage"},
		}},
		{ID: "m.every", Kind: KindQuestion, Title: "flows.m.every", Answers: []Answer{
			{"one-card", "flows.m.every.one-card", "m.card"},
			{"one-bank", "flows.m.every.one-bank", "m.bank"},
			{"after-update", "flows.m.every.after-update", "m.f.incompatible"},
			{"after-change", "flows.m.every.after-change", "m.f.misconfig"},
			{"notice", "flows.m.every.notice", "m.hostmsg"},
			{"nothing", "flows.m.every.nothing", "m.signin"},
		}},
		{ID: "m.bank", Kind: KindQuestion, Title: "flows.m.bank", Answers: []Answer{
			{"slow", "flows.m.bank.slow", "m.f.bank-slow"},
			{"notice", "flows.m.bank.notice", "m.f.bank-maintenance"},
			{"other", "flows.m.bank.other", "m.f.param-mismatch"},
		}},
		{ID: "m.signin", Kind: KindInstruction, Title: "flows.m.signin", Body: "flows.m.signin.body",
			OnHelped: "m.f.not-signed-in", OnNotHelped: "m.f.outage"},

		// Findings.
		{ID: "m.f.screen", Kind: KindFinding, Finding: "hw.screen"},
		{ID: "m.f.keypad", Kind: KindFinding, Finding: "hw.keypad"},
		{ID: "m.f.reader", Kind: KindFinding, Finding: "hw.card-reader"},
		{ID: "m.f.cable", Kind: KindFinding, Finding: "hw.cable"},
		{ID: "m.f.usb-port", Kind: KindFinding, Finding: "hw.usb-port"},
		{ID: "m.f.power", Kind: KindFinding, Finding: "hw.power"},
		{ID: "m.f.driver", Kind: KindFinding, Finding: "pc.driver"},
		{ID: "m.f.port-busy", Kind: KindFinding, Finding: "pc.port-busy"},
		{ID: "m.f.crash", Kind: KindFinding, Finding: "sw.crash"},
		{ID: "m.f.no-answer", Kind: KindFinding, Finding: "usb.no-answer"},
		{ID: "m.f.outdated", Kind: KindFinding, Finding: "sw.outdated"},
		{ID: "m.f.incompatible", Kind: KindFinding, Finding: "sw.incompatible"},
		{ID: "m.f.misconfig", Kind: KindFinding, Finding: "sw.misconfig"},
		{ID: "m.f.not-signed-in", Kind: KindFinding, Finding: "sw.not-signed-in"},
		{ID: "m.f.keys", Kind: KindFinding, Finding: "sw.keys"},
		{ID: "m.f.offline", Kind: KindFinding, Finding: "net.offline"},
		{ID: "m.f.unstable", Kind: KindFinding, Finding: "net.unstable"},
		{ID: "m.f.weak-signal", Kind: KindFinding, Finding: "net.weak-signal"},
		{ID: "m.f.congestion", Kind: KindFinding, Finding: "net.congestion"},
		{ID: "m.f.bandwidth", Kind: KindFinding, Finding: "net.bandwidth"},
		{ID: "m.f.dns", Kind: KindFinding, Finding: "net.dns"},
		{ID: "m.f.unreachable", Kind: KindFinding, Finding: "net.host-unreachable"},
		{ID: "m.f.upgrade", Kind: KindFinding, Finding: "pay.upgrade"},
		{ID: "m.f.maintenance", Kind: KindFinding, Finding: "pay.maintenance"},
		{ID: "m.f.outage", Kind: KindFinding, Finding: "pay.outage"},
		{ID: "m.f.param-mismatch", Kind: KindFinding, Finding: "bank.param-mismatch"},
		{ID: "m.f.bank-slow", Kind: KindFinding, Finding: "bank.slow"},
		{ID: "m.f.bank-maintenance", Kind: KindFinding, Finding: "bank.maintenance"},
		{ID: "m.f.wrong-amount", Kind: KindFinding, Finding: "op.wrong-amount"},
		{ID: "m.f.wrong-method", Kind: KindFinding, Finding: "op.wrong-method"},
		{ID: "m.f.wrong-steps", Kind: KindFinding, Finding: "op.wrong-steps"},
		{ID: "m.f.pin-wrong", Kind: KindFinding, Finding: "op.pin-wrong"},
		{ID: "m.f.timeout", Kind: KindFinding, Finding: "op.timeout"},
		{ID: "m.f.void-after-cutoff", Kind: KindFinding, Finding: "op.void-after-cutoff"},
		{ID: "m.f.not-approved", Kind: KindFinding, Finding: "op.original-not-approved"},
		{ID: "m.f.expired", Kind: KindFinding, Finding: "card.expired"},
		{ID: "m.f.lost", Kind: KindFinding, Finding: "card.lost-frozen"},
		{ID: "m.f.limit", Kind: KindFinding, Finding: "card.limit"},
		{ID: "m.f.insufficient", Kind: KindFinding, Finding: "card.insufficient"},
		{ID: "m.f.not-permitted", Kind: KindFinding, Finding: "card.not-permitted"},
		{ID: "m.f.needs-chip", Kind: KindFinding, Finding: "card.needs-chip"},
		{ID: "m.f.pin-locked", Kind: KindFinding, Finding: "card.pin-locked"},
		{ID: "m.f.invalid-number", Kind: KindFinding, Finding: "card.invalid-number"},
		{ID: "m.f.damaged", Kind: KindFinding, Finding: "card.damaged"},
		{ID: "m.f.declined", Kind: KindFinding, Finding: "card.declined"},
		{ID: "m.f.merchant", Kind: KindFinding, Finding: "host.merchant-config"},
		{ID: "m.f.code-other", Kind: KindFinding, Finding: "code.other"},
		{ID: "m.f.code-unknown", Kind: KindFinding, Finding: "code.unknown"},
	},
}

// WaitingFlow is the fast path while a customer waits, under 30 seconds:
// another way to present the card, another card, then QR code or cash, and
// the full diagnosis offered for later.
var WaitingFlow = &Flow{
	ID: FlowWaiting, Title: "flows.waiting.title", Start: "w.how",
	Steps: []Step{
		{ID: "w.how", Kind: KindQuestion, Title: "flows.w.how", Answers: []Answer{
			{"swipe", "flows.w.how.swipe", "w.insert"},
			{"chip", "flows.w.how.chip", "w.tap"},
			{"tap", "flows.w.how.tap", "w.insert"},
		}},
		{ID: "w.insert", Kind: KindInstruction, Title: "flows.w.insert", Body: "flows.w.insert.body",
			OnHelped: "w.f.solved", OnNotHelped: "w.other"},
		{ID: "w.tap", Kind: KindInstruction, Title: "flows.w.tap", Body: "flows.w.tap.body",
			OnHelped: "w.f.solved", OnNotHelped: "w.other"},
		{ID: "w.other", Kind: KindInstruction, Title: "flows.w.other", Body: "flows.w.other.body",
			OnHelped: "w.f.card", OnNotHelped: "w.f.fallback"},
		{ID: "w.f.solved", Kind: KindFinding, Finding: "wait.solved"},
		{ID: "w.f.card", Kind: KindFinding, Finding: "wait.card"},
		{ID: "w.f.fallback", Kind: KindFinding, Finding: "wait.fallback"},
	},
}

// MoneyFlow answers "did the money move?" after a timeout or an unclear
// result: it reads the terminal's last transaction, or asks what the
// receipt says, and always says whether charging again is safe.
var MoneyFlow = &Flow{
	ID: FlowMoney, Title: "flows.money.title", Start: "$.last",
	Steps: []Step{
		{ID: "$.last", Kind: KindCheck, Title: "flows.$.last", Checks: []CheckID{CheckTerminalLastTxn},
			OnPass: "$.f.approved", OnWarn: "$.f.reversal", OnFail: "$.f.declined", OnSkip: "$.receipt"},
		{ID: "$.receipt", Kind: KindQuestion, Title: "flows.$.receipt", Answers: []Answer{
			{"approved", "flows.$.receipt.approved", "$.f.approved"},
			{"reversal", "flows.$.receipt.reversal", "$.f.reversal"},
			{"failed", "flows.$.receipt.failed", "$.f.declined"},
			{"unknown", "flows.$.receipt.unknown", "$.f.unknown"},
		}},
		{ID: "$.f.approved", Kind: KindFinding, Finding: "money.approved"},
		{ID: "$.f.reversal", Kind: KindFinding, Finding: "money.reversal-pending"},
		{ID: "$.f.declined", Kind: KindFinding, Finding: "money.declined"},
		{ID: "$.f.unknown", Kind: KindFinding, Finding: "money.unknown"},
	},
}

// SelfTestFlow is the shift-start self-test: automatic checks only, one
// verdict. Checks on the terminal run together in one step, so their
// implementations must share the port safely.
var SelfTestFlow = &Flow{
	ID: FlowSelfTest, Title: "flows.selftest.title", Start: "s.link",
	Steps: []Step{
		{ID: "s.link", Kind: KindCheck, Title: "flows.s.link", Checks: []CheckID{CheckTerminalFound, CheckTerminalPort},
			Rules: []Rule{
				{CheckTerminalFound, Fail, "s.f.cable"},
				{CheckTerminalFound, Warn, "s.f.driver"},
				{CheckTerminalPort, Fail, "s.f.port-busy"},
			},
			OnPass: "s.terminal", OnFail: "s.f.cable", OnSkip: "s.net-only"},
		{ID: "s.terminal", Kind: KindCheck, Title: "flows.s.terminal",
			Checks: []CheckID{CheckTerminalStatus, CheckTerminalSignIn, CheckTerminalClock, CheckTerminalHardware, CheckTerminalFirmware, CheckTerminalNetwork},
			Rules: []Rule{
				{CheckTerminalStatus, Fail, "s.f.no-answer"},
				{CheckTerminalHardware, Fail, "s.f.reader"},
				{CheckTerminalSignIn, Fail, "s.f.not-signed-in"},
				{CheckTerminalSignIn, Warn, "s.f.keys"},
				{CheckTerminalFirmware, Fail, "s.f.outdated"},
				{CheckTerminalFirmware, Warn, "s.f.incompatible"},
				{CheckTerminalClock, Fail, "s.f.misconfig"},
				{CheckTerminalNetwork, Fail, "s.f.weak-signal"},
				{CheckTerminalNetwork, Warn, "s.f.weak-signal"},
			},
			OnPass: "s.net", OnFail: "s.net", OnSkip: "s.net"},
		{ID: "s.net", Kind: KindCheck, Title: "flows.s.net",
			Checks: []CheckID{CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho},
			Rules: []Rule{
				{CheckNetLink, Fail, "s.f.offline"},
				{CheckNetGateway, Fail, "s.f.offline"},
				{CheckNetDNS, Fail, "s.f.dns"},
				{CheckHostTCP, Fail, "s.f.unreachable"},
				{CheckHostTCP, Warn, "s.f.unstable"},
				{CheckHostEcho, Fail, "s.f.outage"},
				{CheckHostEcho, Warn, "s.f.bank-slow"},
				{CheckNetLink, Skipped, "s.f.incomplete"},
				{CheckHostTCP, Skipped, "s.f.incomplete"},
			},
			OnPass: "s.f.ok", OnWarn: "s.f.unstable", OnFail: "s.f.unstable", OnSkip: "s.f.incomplete"},
		// No terminal checks could run: the network alone is never "all clear".
		{ID: "s.net-only", Kind: KindCheck, Title: "flows.s.net",
			Checks: []CheckID{CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho},
			Rules: []Rule{
				{CheckNetLink, Fail, "s.f.offline"},
				{CheckNetGateway, Fail, "s.f.offline"},
				{CheckNetDNS, Fail, "s.f.dns"},
				{CheckHostTCP, Fail, "s.f.unreachable"},
				{CheckHostEcho, Fail, "s.f.outage"},
			},
			OnPass: "s.f.incomplete", OnFail: "s.f.incomplete"},
		{ID: "s.f.ok", Kind: KindFinding, Finding: "ok.all-clear"},
		{ID: "s.f.incomplete", Kind: KindFinding, Finding: "selftest.incomplete"},
		{ID: "s.f.cable", Kind: KindFinding, Finding: "hw.cable"},
		{ID: "s.f.driver", Kind: KindFinding, Finding: "pc.driver"},
		{ID: "s.f.port-busy", Kind: KindFinding, Finding: "pc.port-busy"},
		{ID: "s.f.no-answer", Kind: KindFinding, Finding: "usb.no-answer"},
		{ID: "s.f.reader", Kind: KindFinding, Finding: "hw.card-reader"},
		{ID: "s.f.not-signed-in", Kind: KindFinding, Finding: "sw.not-signed-in"},
		{ID: "s.f.keys", Kind: KindFinding, Finding: "sw.keys"},
		{ID: "s.f.outdated", Kind: KindFinding, Finding: "sw.outdated"},
		{ID: "s.f.incompatible", Kind: KindFinding, Finding: "sw.incompatible"},
		{ID: "s.f.misconfig", Kind: KindFinding, Finding: "sw.misconfig"},
		{ID: "s.f.weak-signal", Kind: KindFinding, Finding: "net.weak-signal"},
		{ID: "s.f.offline", Kind: KindFinding, Finding: "net.offline"},
		{ID: "s.f.dns", Kind: KindFinding, Finding: "net.dns"},
		{ID: "s.f.unreachable", Kind: KindFinding, Finding: "net.host-unreachable"},
		{ID: "s.f.unstable", Kind: KindFinding, Finding: "net.unstable"},
		{ID: "s.f.outage", Kind: KindFinding, Finding: "pay.outage"},
		{ID: "s.f.bank-slow", Kind: KindFinding, Finding: "bank.slow"},
	},
}

// Flows returns the built-in flows: main, waiting, money, selftest.
func Flows() []*Flow { return []*Flow{MainFlow, WaitingFlow, MoneyFlow, SelfTestFlow} }

// FlowByID returns the built-in flow id, or ErrUnknownFlow.
func FlowByID(id FlowID) (*Flow, error) {
	for _, f := range Flows() {
		if f.ID == id {
			return f, nil
		}
	}
	return nil, fmt.Errorf("flow %q: %w", id, ErrUnknownFlow)
}

// ValidateFlows validates every built-in flow against reg (nil: structure
// only) and returns all problems joined; main.go calls it at start.
func ValidateFlows(reg *Registry) error {
	var errs []error
	for _, f := range Flows() {
		errs = append(errs, f.Validate(reg))
	}
	return errors.Join(errs...)
}
