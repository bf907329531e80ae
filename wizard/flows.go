package wizard

import (
	"fmt"

	"posdoctor/wizard/respcode"
)

// The built-in flows. Step IDs are stored in history: add new ones, never
// rename. Translation keys follow from the IDs (see keyed): flows.<step> for
// a step's title, flows.<step>.body for its explanation (hasBody),
// flows.<step>.<answer> for an answer, flows.<flow>.title for the flow; the
// words are in assets/i18n/*/flows.json. Only keys shared between steps
// (verdict.answer.unsure, verdict.sale.*) are written out.

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
	Approved: "m.sale.approved",
	Categories: map[respcode.Category]StepID{
		respcode.CategoryCard:             "m.f.declined",
		respcode.CategoryOperator:         "m.f.wrong-steps",
		respcode.CategoryTerminalSoftware: "m.f.misconfig",
		respcode.CategoryNetwork:          "m.f.bank-slow",
		respcode.CategoryBankSystem:       "m.f.outage",
		respcode.CategoryMerchantConfig:   "m.f.merchant",
		respcode.CategoryOther:            "m.f.code-other",
	},
	Unknown: "m.f.code-unknown",
}

// MainFlow is the full troubleshooting flow after a failed card sale: the
// terminal's link, its state, the last transaction's response code, the
// network and the host, and the questions only the owner can answer.
var MainFlow = keyed(&Flow{
	ID: FlowMain, Start: "m.link", Codes: mainCodes, AboutSale: true,
	Steps: []Step{
		// The terminal and its USB link.
		{ID: "m.link", Kind: KindCheck, Checks: []CheckID{CheckTerminalFound, CheckTerminalPort},
			Rules: []Rule{
				{CheckTerminalFound, Fail, "m.replug"},
				{CheckTerminalFound, Warn, "m.f.driver"},
				{CheckTerminalPort, Fail, "m.f.port-busy"},
			},
			OnPass: "m.status", OnFail: "m.replug", OnSkip: "m.screen"},
		{ID: "m.replug", Kind: KindInstruction, hasBody: true,
			OnHelped: "m.f.usb-port", OnNotHelped: "m.power"},
		{ID: "m.power", Kind: KindQuestion, Answers: []Answer{
			{ID: "on", Next: "m.cable"},
			{ID: "off", Next: "m.charge"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.cable"},
		}},
		// No device on USB at all: cable, power, USB port; "driver missing"
		// only when the device is on USB without a serial port (m.link warn).
		{ID: "m.cable", Kind: KindInstruction, hasBody: true,
			OnHelped: "m.f.cable", OnNotHelped: "m.f.not-seen"},
		{ID: "m.charge", Kind: KindInstruction, hasBody: true,
			OnHelped: "m.f.power", OnNotHelped: "m.f.power"},

		// The terminal's own state.
		{ID: "m.status", Kind: KindCheck,
			Checks: []CheckID{CheckTerminalStatus, CheckTerminalSignIn, CheckTerminalFirmware, CheckTerminalClock, CheckTerminalHardware},
			Rules: []Rule{
				{CheckTerminalStatus, Fail, "m.reboot"},
				{CheckTerminalStatus, Warn, "m.f.link-quality"},
				{CheckTerminalHardware, Fail, "m.hw"},
				{CheckTerminalSignIn, Fail, "m.f.not-signed-in"},
				{CheckTerminalSignIn, Warn, "m.f.keys"},
				{CheckTerminalFirmware, Fail, "m.f.outdated"},
				{CheckTerminalFirmware, Warn, "m.f.incompatible"},
				{CheckTerminalClock, Fail, "m.f.clock"},
			},
			OnPass: "m.last", OnWarn: "m.last", OnFail: "m.last"},
		{ID: "m.reboot", Kind: KindInstruction, hasBody: true,
			OnHelped: "m.f.crash", OnNotHelped: "m.f.no-answer"},
		{ID: "m.hw", Kind: KindQuestion, Answers: []Answer{
			{ID: "screen", Next: "m.f.screen"},
			{ID: "keys", Next: "m.f.keypad"},
			{ID: "reader", Next: "m.f.reader"},
			{ID: "none", Next: "m.last"},
			// No paper: an approved sale without a slip looks failed; the
			// last transaction (and the money guard) comes next.
			{ID: "paper", Label: "verdict.m.hw.paper", Next: "m.last"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.last"},
		}},

		// The last transaction: its response code jumps to the branch.
		// A pending reversal comes first: the owner must not charge again.
		// An approved last sale goes through the money guard; a terminal
		// that cannot be read leaves the sale unknown (the screen question).
		{ID: "m.last", Kind: KindCheck, Checks: []CheckID{CheckTerminalLastTxn}, JumpOnCode: true,
			Rules:  []Rule{{CheckTerminalLastTxn, Warn, "m.f.reversal"}},
			OnPass: "m.sale.approved", OnFail: "m.screen", OnSkip: "m.screen"},
		{ID: "m.f.reversal", Kind: KindFinding, Finding: "money.reversal-pending", Next: "m.screen"},
		{ID: "m.sale.approved", Kind: KindQuestion, Title: "verdict.sale.approved", Body: "verdict.sale.body", ShowSale: true, Answers: []Answer{
			{ID: "yes", Label: "verdict.sale.yes", Next: "m.f.money-approved", Sale: SaleApproved},
			{ID: "earlier", Label: "verdict.sale.earlier", Next: "m.screen", Sale: SaleUnknown},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.money-unknown", Sale: SaleUnknown},
		}},
		{ID: "m.f.money-approved", Kind: KindFinding, Finding: "money.approved"},
		{ID: "m.f.money-unknown", Kind: KindFinding, Finding: "money.unknown", Next: "m.screen"},

		// What only the owner knows.
		{ID: "m.screen", Kind: KindQuestion, Search: true, Answers: []Answer{
			{ID: "invalid", Next: "m.txn", Sale: SaleDeclined},
			{ID: "pin", Next: "m.pin", Sale: SaleDeclined},
			{ID: "comms", Next: "m.net", Sale: SalePending},
			{ID: "timeout", Next: "m.slow", Sale: SalePending},
			{ID: "chip", Next: "m.reader", Sale: SaleDeclined},
			{ID: "funds", Next: "m.card", Sale: SaleDeclined},
			{ID: "amount", Next: "m.f.wrong-amount", Sale: SaleDeclined},
			{ID: "frozen", Next: "m.frozen", Sale: SaleUnknown},
			{ID: "code", Next: "m.code"},
			{ID: "other", Next: "m.scope", Sale: SaleUnknown},
		}},
		{ID: "m.frozen", Kind: KindInstruction, Title: "flows.m.reboot", Body: "flows.m.reboot.body",
			OnHelped: "m.f.crash", OnNotHelped: "m.f.screen"},
		{ID: "m.code", Kind: KindQuestion, hasBody: true, Input: InputCode, Answers: []Answer{
			{ID: AnswerSkip, Next: "m.scope"},
		}},
		{ID: "m.scope", Kind: KindQuestion, Answers: []Answer{
			{ID: "one", Next: "m.card"},
			{ID: "all", Next: "m.net"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.net"},
		}},
		{ID: "m.slow", Kind: KindQuestion, Answers: []Answer{
			{ID: "customer-slow", Next: "m.f.timeout"},
			{ID: "waited", Next: "m.net"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.net"},
		}},
		{ID: "m.txn", Kind: KindQuestion, hasBody: true, Answers: []Answer{
			{ID: "sale", Next: "m.othercard"},
			{ID: "void", Next: "m.void"},
			{ID: "refund", Next: "m.f.wrong-steps"},
			{ID: "completion", Next: "m.f.not-approved"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.othercard"},
		}},
		{ID: "m.void", Kind: KindQuestion, Answers: []Answer{
			{ID: "today", Next: "m.f.not-approved"},
			{ID: "settled", Next: "m.f.void-after-cutoff"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.not-approved"},
		}},
		{ID: "m.othercard", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "m.f.not-permitted", OnNotHelped: "m.f.merchant"},
		{ID: "m.pin", Kind: KindQuestion, Answers: []Answer{
			{ID: "few", Next: "m.f.pin-wrong"},
			{ID: "many", Next: "m.f.pin-locked"},
			{ID: "slow", Next: "m.f.timeout"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.pin-wrong"},
		}},
		{ID: "m.reader", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "m.f.wrong-steps", OnNotHelped: "m.readall"},
		{ID: "m.readall", Kind: KindQuestion, Answers: []Answer{
			{ID: "all", Next: "m.f.reader"},
			{ID: "one", Next: "m.f.damaged"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.reader"},
		}},
		{ID: "m.card", Kind: KindQuestion, Answers: []Answer{
			{ID: "expiry", Next: "m.expiry"},
			{ID: "frozen", Next: "m.f.lost"},
			{ID: "swiped", Next: "m.f.needs-chip"},
			{ID: "big", Next: "m.f.limit"},
			{ID: "funds", Next: "m.f.insufficient"},
			{ID: "unknown", Next: "m.expiry"},
		}},
		{ID: "m.expiry", Kind: KindQuestion, hasBody: true, Input: InputExpiry, Answers: []Answer{
			{ID: ResultValid, Next: "m.cardno"},
			{ID: ResultExpired, Next: "m.f.expired"},
			{ID: AnswerSkip, Next: "m.cardno"},
		}},
		{ID: "m.cardno", Kind: KindQuestion, hasBody: true, Input: InputCardNumber, Answers: []Answer{
			{ID: ResultValid, Next: "m.method"},
			{ID: ResultLuhn, Next: "m.f.invalid-number"},
			{ID: ResultRange, Next: "m.f.not-permitted"},
			{ID: AnswerSkip, Next: "m.method"},
		}},
		{ID: "m.method", Kind: KindQuestion, Answers: []Answer{
			{ID: "swiped-chip", Next: "m.f.needs-chip"},
			{ID: "wrong-type", Next: "m.f.wrong-method"},
			{ID: "correct", Next: "m.f.declined"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.declined"},
		}},

		// The network and the acquirer host.
		{ID: "m.net", Kind: KindCheck,
			Checks: []CheckID{CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho, CheckTerminalNetwork},
			Rules: []Rule{
				{CheckNetLink, Fail, "m.f.offline"},
				{CheckNetGateway, Fail, "m.router"},
				{CheckNetDNS, Fail, "m.f.dns"},
				{CheckHostTCP, Fail, "m.f.unreachable"},
				{CheckTerminalNetwork, Fail, "m.f.weak-signal"},
				{CheckTerminalNetwork, Warn, "m.f.weak-signal"},
				{CheckHostTCP, Warn, "m.load"},
				// A silent or slow echo is the shop's network or the acquirer
				// host; "issuer slow" comes only from the codes that say so.
				{CheckHostEcho, Fail, "m.hostmsg"},
				{CheckHostEcho, Warn, "m.load"},
			},
			OnPass: "m.every", OnFail: "m.every", OnSkip: "m.every"},
		{ID: "m.router", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "m.f.unstable", OnNotHelped: "m.f.offline"},
		{ID: "m.load", Kind: KindQuestion, Answers: []Answer{
			{ID: "video", Next: "m.f.bandwidth"},
			{ID: "busy", Next: "m.f.congestion"},
			{ID: "no", Next: "m.f.unstable"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.unstable"},
		}},
		{ID: "m.hostmsg", Kind: KindQuestion, Answers: []Answer{
			{ID: "maintenance", Next: "m.f.maintenance"},
			{ID: "upgrade", Next: "m.f.upgrade"},
			{ID: "none", Next: "m.f.outage"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.outage"},
		}},
		{ID: "m.every", Kind: KindQuestion, Answers: []Answer{
			{ID: "one-card", Next: "m.card"},
			{ID: "one-bank", Next: "m.bank"},
			{ID: "after-update", Next: "m.f.incompatible"},
			{ID: "after-change", Next: "m.f.misconfig"},
			{ID: "notice", Next: "m.hostmsg"},
			{ID: "nothing", Next: "m.signin"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.signin"},
		}},
		{ID: "m.bank", Kind: KindQuestion, Answers: []Answer{
			{ID: "slow", Next: "m.f.bank-slow"},
			{ID: "notice", Next: "m.f.bank-maintenance"},
			{ID: "other", Next: "m.f.param-mismatch"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "m.f.param-mismatch"},
		}},
		// Every check passed and nothing points anywhere: say so honestly
		// and rank the likely causes (m.f.unclear), not an outage as fact.
		{ID: "m.signin", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "m.f.not-signed-in", OnNotHelped: "m.f.unclear"},

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
		{ID: "m.f.not-seen", Kind: KindFinding, Finding: "usb.not-seen"},
		{ID: "m.f.clock", Kind: KindFinding, Finding: "sw.clock"},
		{ID: "m.f.link-quality", Kind: KindFinding, Finding: "usb.link-quality"},
		{ID: "m.f.unclear", Kind: KindFinding, Finding: "cause.unclear"},
	},
})

// WaitingFlow is the fast path while a customer waits, under 30 seconds:
// another way to present the card, another card, then QR code or cash, and
// the full diagnosis offered for later.
var WaitingFlow = keyed(&Flow{
	ID: FlowWaiting, Start: "w.last", Codes: guardCodes("w.sale.approved", "w.sale.declined"), AboutSale: true,
	Steps: []Step{
		// The money guard first: the card is tried again only once the
		// terminal (its last transaction, screen or 末笔查询) says this sale
		// was declined.
		{ID: "w.last", Kind: KindCheck, Title: "flows.m.last", Checks: []CheckID{CheckTerminalLastTxn}, JumpOnCode: true,
			Rules:  []Rule{{CheckTerminalLastTxn, Warn, "w.f.reversal"}},
			OnPass: "w.sale.approved", OnFail: "w.screen", OnSkip: "w.screen"},
		{ID: "w.sale.approved", Kind: KindQuestion, Title: "verdict.sale.approved", Body: "verdict.sale.body", ShowSale: true, Answers: []Answer{
			{ID: "yes", Label: "verdict.sale.yes", Next: "w.f.approved", Sale: SaleApproved},
			{ID: "earlier", Label: "verdict.sale.earlier", Next: "w.screen", Sale: SaleUnknown},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "w.query", Sale: SaleUnknown},
		}},
		{ID: "w.sale.declined", Kind: KindQuestion, Title: "verdict.sale.declined", Body: "verdict.sale.body", ShowSale: true, Answers: []Answer{
			{ID: "yes", Label: "verdict.sale.yes", Next: "w.how", Sale: SaleDeclined},
			{ID: "earlier", Label: "verdict.sale.earlier", Next: "w.screen", Sale: SaleUnknown},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "w.query", Sale: SaleUnknown},
		}},
		{ID: "w.screen", Kind: KindQuestion, Title: "verdict.screen", Answers: []Answer{
			{ID: "declined", Label: "verdict.screen.declined", Next: "w.how", Sale: SaleDeclined},
			{ID: "approved", Label: "verdict.screen.approved", Next: "w.f.approved", Sale: SaleApproved},
			{ID: "comms", Label: "verdict.screen.comms", Next: "w.query", Sale: SalePending},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "w.query", Sale: SaleUnknown},
		}},
		{ID: "w.query", Kind: KindQuestion, Title: "verdict.query", Body: "verdict.query.body", Answers: []Answer{
			{ID: "failed", Label: "verdict.query.failed", Next: "w.how", Sale: SaleDeclined},
			{ID: "approved", Label: "verdict.query.approved", Next: "w.f.approved", Sale: SaleApproved},
			{ID: "none", Label: "verdict.query.none", Next: "w.f.unknown", Sale: SaleUnknown},
		}},
		{ID: "w.how", Kind: KindQuestion, Answers: []Answer{
			{ID: "swipe", Next: "w.insert"},
			{ID: "chip", Next: "w.tap"},
			{ID: "tap", Next: "w.insert"},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "w.insert"},
		}},
		{ID: "w.insert", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "w.f.solved", OnNotHelped: "w.other"},
		{ID: "w.tap", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "w.f.solved", OnNotHelped: "w.other"},
		{ID: "w.other", Kind: KindInstruction, hasBody: true, Retry: true,
			OnHelped: "w.f.card", OnNotHelped: "w.f.fallback"},
		{ID: "w.f.solved", Kind: KindFinding, Finding: "wait.solved"},
		{ID: "w.f.card", Kind: KindFinding, Finding: "wait.card"},
		{ID: "w.f.fallback", Kind: KindFinding, Finding: "wait.fallback"},
		{ID: "w.f.approved", Kind: KindFinding, Finding: "money.approved"},
		{ID: "w.f.reversal", Kind: KindFinding, Finding: "money.reversal-pending"},
		{ID: "w.f.unknown", Kind: KindFinding, Finding: "money.unknown"},
	},
})

// guardCodes routes the last transaction's response code in the money
// guard: an approval to the approved sale's question, any other code to
// the declined sale's question. Both show the sale and ask whether it is
// the one meant.
func guardCodes(approved, declined StepID) *CodeTable {
	t := &CodeTable{Approved: approved, Unknown: declined, Categories: map[respcode.Category]StepID{}}
	for _, c := range respcode.Categories() {
		t.Categories[c] = declined
	}
	return t
}

// MoneyFlow answers "did the money move?" after a timeout or an unclear
// result: it reads the terminal's last transaction, or asks what the
// receipt says, and always says whether charging again is safe.
var MoneyFlow = keyed(&Flow{
	ID: FlowMoney, Start: "$.last", Codes: guardCodes("$.sale.approved", "$.sale.declined"), AboutSale: true,
	Steps: []Step{
		// "No money was taken" only when the terminal reported this very
		// sale declined: read and confirmed, or shown on its screen, slip
		// or 末笔查询. A failure to read is never a decline.
		{ID: "$.last", Kind: KindCheck, Checks: []CheckID{CheckTerminalLastTxn}, JumpOnCode: true,
			Rules:  []Rule{{CheckTerminalLastTxn, Warn, "$.f.reversal"}},
			OnPass: "$.sale.approved", OnFail: "$.receipt", OnSkip: "$.receipt"},
		{ID: "$.sale.approved", Kind: KindQuestion, Title: "verdict.sale.approved", Body: "verdict.sale.body", ShowSale: true, Answers: []Answer{
			{ID: "yes", Label: "verdict.sale.yes", Next: "$.f.approved", Sale: SaleApproved},
			{ID: "earlier", Label: "verdict.sale.earlier", Next: "$.receipt", Sale: SaleUnknown},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "$.query", Sale: SaleUnknown},
		}},
		{ID: "$.sale.declined", Kind: KindQuestion, Title: "verdict.sale.declined", Body: "verdict.sale.body", ShowSale: true, Answers: []Answer{
			{ID: "yes", Label: "verdict.sale.yes", Next: "$.f.declined", Sale: SaleDeclined},
			{ID: "earlier", Label: "verdict.sale.earlier", Next: "$.receipt", Sale: SaleUnknown},
			{ID: "unsure", Label: "verdict.answer.unsure", Next: "$.query", Sale: SaleUnknown},
		}},
		{ID: "$.receipt", Kind: KindQuestion, Answers: []Answer{
			{ID: "approved", Next: "$.f.approved", Sale: SaleApproved},
			{ID: "reversal", Next: "$.f.reversal", Sale: SalePending},
			{ID: "failed", Next: "$.f.declined", Sale: SaleDeclined},
			{ID: "unknown", Next: "$.query", Sale: SaleUnknown},
		}},
		{ID: "$.query", Kind: KindQuestion, Title: "verdict.query", Body: "verdict.query.body", Answers: []Answer{
			{ID: "failed", Label: "verdict.query.failed", Next: "$.f.declined", Sale: SaleDeclined},
			{ID: "approved", Label: "verdict.query.approved", Next: "$.f.approved", Sale: SaleApproved},
			{ID: "reversal", Label: "verdict.query.reversal", Next: "$.f.reversal", Sale: SalePending},
			{ID: "none", Label: "verdict.query.none", Next: "$.f.unknown", Sale: SaleUnknown},
		}},
		{ID: "$.f.approved", Kind: KindFinding, Finding: "money.approved"},
		{ID: "$.f.reversal", Kind: KindFinding, Finding: "money.reversal-pending"},
		{ID: "$.f.declined", Kind: KindFinding, Finding: "money.declined"},
		{ID: "$.f.unknown", Kind: KindFinding, Finding: "money.unknown"},
	},
})

// SelfTestFlow is the shift-start self-test: automatic checks only, one
// verdict. Checks on the terminal run together in one step, so their
// implementations must share the port safely.
var SelfTestFlow = keyed(&Flow{
	ID: FlowSelfTest, Start: "s.link",
	Steps: []Step{
		{ID: "s.link", Kind: KindCheck, Checks: []CheckID{CheckTerminalFound, CheckTerminalPort},
			Rules: []Rule{
				// Nothing on USB is what was measured: "the PC does not
				// see the terminal", not "the cable is broken".
				{CheckTerminalFound, Fail, "s.f.not-seen"},
				{CheckTerminalFound, Warn, "s.f.driver"},
				{CheckTerminalPort, Fail, "s.f.port-busy"},
			},
			OnPass: "s.terminal", OnFail: "s.f.not-seen", OnSkip: "s.net-only"},
		{ID: "s.terminal", Kind: KindCheck,
			Checks: []CheckID{CheckTerminalStatus, CheckTerminalSignIn, CheckTerminalClock, CheckTerminalHardware, CheckTerminalFirmware, CheckTerminalNetwork},
			Rules: []Rule{
				{CheckTerminalStatus, Fail, "s.f.no-answer"},
				{CheckTerminalStatus, Warn, "s.f.link-quality"},
				{CheckTerminalHardware, Fail, "s.f.reader"},
				{CheckTerminalSignIn, Fail, "s.f.not-signed-in"},
				{CheckTerminalSignIn, Warn, "s.f.keys"},
				{CheckTerminalFirmware, Fail, "s.f.outdated"},
				{CheckTerminalFirmware, Warn, "s.f.incompatible"},
				{CheckTerminalClock, Fail, "s.f.clock"},
				{CheckTerminalNetwork, Fail, "s.f.weak-signal"},
				{CheckTerminalNetwork, Warn, "s.f.weak-signal"},
			},
			OnPass: "s.net", OnFail: "s.net", OnSkip: "s.net"},
		{ID: "s.net", Kind: KindCheck,
			Checks: []CheckID{CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho},
			Rules: []Rule{
				{CheckNetLink, Fail, "s.f.offline"},
				{CheckNetGateway, Fail, "s.f.offline"},
				{CheckNetDNS, Fail, "s.f.dns"},
				{CheckHostTCP, Fail, "s.f.unreachable"},
				{CheckHostTCP, Warn, "s.f.unstable"},
				{CheckHostEcho, Fail, "s.f.outage"},
				{CheckHostEcho, Warn, "s.f.unstable"},
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
		{ID: "s.f.cable", Kind: KindFinding, Finding: "hw.cable", Retired: true}, // no device on USB is s.f.not-seen now
		{ID: "s.f.not-seen", Kind: KindFinding, Finding: "usb.not-seen"},
		{ID: "s.f.driver", Kind: KindFinding, Finding: "pc.driver"},
		{ID: "s.f.port-busy", Kind: KindFinding, Finding: "pc.port-busy"},
		{ID: "s.f.no-answer", Kind: KindFinding, Finding: "usb.no-answer"},
		{ID: "s.f.reader", Kind: KindFinding, Finding: "hw.card-reader"},
		{ID: "s.f.not-signed-in", Kind: KindFinding, Finding: "sw.not-signed-in"},
		{ID: "s.f.keys", Kind: KindFinding, Finding: "sw.keys"},
		{ID: "s.f.outdated", Kind: KindFinding, Finding: "sw.outdated"},
		{ID: "s.f.incompatible", Kind: KindFinding, Finding: "sw.incompatible"},
		{ID: "s.f.misconfig", Kind: KindFinding, Finding: "sw.misconfig", Retired: true}, // a wrong clock is sw.clock now
		{ID: "s.f.weak-signal", Kind: KindFinding, Finding: "net.weak-signal"},
		{ID: "s.f.offline", Kind: KindFinding, Finding: "net.offline"},
		{ID: "s.f.dns", Kind: KindFinding, Finding: "net.dns"},
		{ID: "s.f.unreachable", Kind: KindFinding, Finding: "net.host-unreachable"},
		{ID: "s.f.unstable", Kind: KindFinding, Finding: "net.unstable"},
		{ID: "s.f.outage", Kind: KindFinding, Finding: "pay.outage"},
		// Retired: a slow echo is the shop's network or the host, never
		// "the issuer is slow"; kept so stored sessions still resume.
		{ID: "s.f.bank-slow", Kind: KindFinding, Finding: "bank.slow", Retired: true},
		{ID: "s.f.clock", Kind: KindFinding, Finding: "sw.clock"},
		{ID: "s.f.link-quality", Kind: KindFinding, Finding: "usb.link-quality"},
	},
})

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
