package wizard

import "fmt"

// FindingID names a cause. IDs are stored in history: never rename.
type FindingID string

// Layer is where things break, so the end screen can say in one sentence
// whose problem it is.
type Layer string

// The layers, from the terminal outwards.
const (
	LayerNone         Layer = ""                  // no problem, or not determined
	LayerUSB          Layer = "usb"               // the USB link between PC and terminal: cable, socket, the terminal not answering on it
	LayerPC           Layer = "pc"                // the till PC: port, driver, programs
	LayerTerminalHW   Layer = "terminal-hardware" // the terminal's screen, keys, card reader, power
	LayerTerminalSW   Layer = "terminal-software" // the terminal's app, settings, clock, sign-in and keys (MAC)
	LayerShopNetwork  Layer = "shop-network"      // the shop's router, line, Wi-Fi, SIM signal
	LayerAcquirerHost Layer = "acquirer-host"     // the acquirer's payment host and the payment system
	LayerBankOrCard   Layer = "bank-or-card"      // the card or the customer's bank
	LayerOperator     Layer = "operator"          // how the sale was done at the counter
)

// Layers lists every layer that names a problem.
var Layers = []Layer{LayerUSB, LayerPC, LayerTerminalHW, LayerTerminalSW, LayerShopNetwork, LayerAcquirerHost, LayerBankOrCard, LayerOperator}

// Key returns the translation key of the layer's one-sentence verdict, such
// as "findings.layer.bank-or-card" ("银行拒绝了这张卡，不是您的机器问题").
func (l Layer) Key() string {
	if l == LayerNone {
		return "findings.layer.none"
	}
	return "findings.layer." + string(l)
}

// Severity says whether a finding names a problem or only a state.
type Severity string

// The severities.
const (
	SeverityProblem Severity = "problem" // something must be done
	SeverityInfo    Severity = "info"    // a state to report: all clear, money taken
)

// Fix is an action the PC can apply safely, after which Verify is run again
// (detect → fix → verify). No fix may ever move money.
type Fix struct {
	Action ActionID
	Label  string    // translation key of the button
	Verify []CheckID // the checks to run again afterwards
}

// Finding is a named cause with its remedies. All words are translation
// keys, derived from the ID (see catalog); the catalog is data (see
// LookupFinding).
type Finding struct {
	ID       FindingID
	Layer    Layer
	Severity Severity
	Title    string   // translation key: findings.<id>
	Remedies []string // translation keys, in the order to try them: findings.<id>.remedy.1 …
	Customer string   // optional translation key: findings.<id>.customer
	Fix      *Fix     // optional
	FollowUp FlowID   // optional: a flow to offer afterwards
	// Retry marks a finding whose advice takes the payment again: the same
	// card, another card, QR code or cash. In a flow about a failed sale it
	// is shown behind the money guard unless the terminal reported the
	// sale declined (Session.Hold).
	Retry bool
	// CallsLakala marks a finding whose remedy is to call Lakala: the
	// screen then shows what to quote and the number.
	CallsLakala bool

	// As written in the catalog: how many remedies the finding has, and
	// whether it has words for the customer. catalog derives the keys.
	remedies int
	customer bool
}

// catalog indexes the findings by ID and fills in their translation keys
// from it: Title findings.<id>, Remedies findings.<id>.remedy.1 to .N,
// Customer findings.<id>.customer.
func catalog(fs []Finding) map[FindingID]Finding {
	out := make(map[FindingID]Finding, len(fs))
	for _, f := range fs {
		key := "findings." + string(f.ID)
		f.Title = key
		for i := range f.remedies {
			f.Remedies = append(f.Remedies, fmt.Sprintf("%s.remedy.%d", key, i+1))
		}
		if f.customer {
			f.Customer = key + ".customer"
		}
		out[f.ID] = f
	}
	return out
}

// LayerKey returns the translation key of the one sentence saying whose
// problem the finding the session reached is: the layer's sentence, or for
// a problem whose layer is not yet known, "findings.layer.unknown".
func (f Found) LayerKey() string { return layerKey(f.Layer, f.Severity) }

func layerKey(l Layer, sev Severity) string {
	if l == LayerNone && sev == SeverityProblem {
		return "findings.layer.unknown"
	}
	return l.Key()
}

// keys lists the finding's translation keys.
func (f Finding) keys() []string {
	out := append([]string{f.Title, layerKey(f.Layer, f.Severity)}, f.Remedies...)
	if f.Customer != "" {
		out = append(out, f.Customer)
	}
	if f.Fix != nil {
		out = append(out, f.Fix.Label)
	}
	return out
}

// LookupFinding returns the finding id from the catalog.
func LookupFinding(id FindingID) (Finding, bool) {
	f, ok := findings[id]
	return f, ok
}
