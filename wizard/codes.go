package wizard

import "strings"

// Category groups response codes by who or what must act, as
// device/unionpay/testdata/cup_response_codes.csv does. Every code's category has a
// default branch in a flow's CodeTable, so every code lands somewhere.
type Category string

// The categories of the response-code table.
const (
	CategoryCard             Category = "card"
	CategoryOperator         Category = "operator"
	CategoryTerminalSoftware Category = "terminal-software"
	CategoryNetwork          Category = "network"
	CategoryBankSystem       Category = "bank-system"
	CategoryMerchantConfig   Category = "merchant-config"
	CategoryOther            Category = "other"
)

// Categories lists every category, in the order of the CSV's documentation.
var Categories = []Category{
	CategoryCard, CategoryOperator, CategoryTerminalSoftware, CategoryNetwork,
	CategoryBankSystem, CategoryMerchantConfig, CategoryOther,
}

// codeInfo is what the wizard needs of one response code: its category and
// whether it means approved (POS class A).
type codeInfo struct {
	category Category
	approved bool
}

// responseCodes is the China UnionPay field 39 table, from
// device/unionpay/testdata/cup_response_codes.csv (columns code, category, pos_class).
// The words for each code live with device/unionpay; the wizard only routes.
var responseCodes = map[string]codeInfo{
	"00": {CategoryOther, true},             // Approved or completed successfully
	"01": {CategoryCard, false},             // Refer to card issuer
	"02": {CategoryCard, false},             // Refer to card issuer, special condition
	"03": {CategoryMerchantConfig, false},   // Invalid merchant
	"04": {CategoryCard, false},             // Pick-up card
	"05": {CategoryCard, false},             // Do not honor (CUP 2015: cardholder verification failed)
	"06": {CategoryBankSystem, false},       // Error
	"07": {CategoryCard, false},             // Pick-up card, special condition
	"09": {CategoryBankSystem, false},       // Request in progress
	"10": {CategoryOther, true},             // Approved for partial amount
	"11": {CategoryOther, true},             // Approved (VIP)
	"12": {CategoryOperator, false},         // Invalid transaction
	"13": {CategoryOperator, false},         // Invalid amount
	"14": {CategoryCard, false},             // Invalid card number (no such number)
	"15": {CategoryCard, false},             // No such issuer
	"16": {CategoryOther, false},            // Approved, update track 3
	"19": {CategoryOperator, false},         // Re-enter transaction
	"20": {CategoryBankSystem, false},       // Invalid response
	"21": {CategoryCard, false},             // No action taken (CUP 2015: card not activated / dormant)
	"22": {CategoryOperator, false},         // Suspected malfunction
	"23": {CategoryOther, false},            // Unacceptable transaction fee
	"25": {CategoryOperator, false},         // Unable to locate record on file
	"30": {CategoryTerminalSoftware, false}, // Format error
	"31": {CategoryCard, false},             // Bank not supported by switch
	"33": {CategoryCard, false},             // Expired card, pick-up
	"34": {CategoryCard, false},             // Suspected fraud, pick-up
	"35": {CategoryCard, false},             // Card acceptor contact acquirer, pick-up
	"36": {CategoryCard, false},             // Restricted card, pick-up
	"37": {CategoryCard, false},             // Card acceptor call acquirer security, pick-up
	"38": {CategoryCard, false},             // Allowable PIN tries exceeded
	"39": {CategoryCard, false},             // No credit account
	"40": {CategoryCard, false},             // Requested function not supported
	"41": {CategoryCard, false},             // Lost card, pick-up
	"42": {CategoryCard, false},             // No universal account
	"43": {CategoryCard, false},             // Stolen card, pick-up
	"44": {CategoryCard, false},             // No investment account
	"45": {CategoryOperator, false},         // Fallback not allowed (use chip) [ISO: reserved]
	"51": {CategoryCard, false},             // Not sufficient funds
	"52": {CategoryCard, false},             // No checking account
	"53": {CategoryCard, false},             // No savings account
	"54": {CategoryCard, false},             // Expired card
	"55": {CategoryOperator, false},         // Incorrect PIN
	"56": {CategoryCard, false},             // No card record
	"57": {CategoryCard, false},             // Transaction not permitted to cardholder
	"58": {CategoryMerchantConfig, false},   // Transaction not permitted to terminal
	"59": {CategoryCard, false},             // Suspected fraud (CUP: card verification/CVN failed)
	"60": {CategoryCard, false},             // Card acceptor contact acquirer
	"61": {CategoryCard, false},             // Exceeds withdrawal amount limit
	"62": {CategoryCard, false},             // Restricted card
	"63": {CategoryOther, false},            // Security violation
	"64": {CategoryOperator, false},         // Original amount incorrect
	"65": {CategoryCard, false},             // Exceeds withdrawal frequency limit
	"66": {CategoryOther, false},            // Card acceptor call acquirer security department
	"67": {CategoryCard, false},             // Hard capture (pick up card)
	"68": {CategoryNetwork, false},          // Response received too late
	"75": {CategoryCard, false},             // Allowable number of PIN tries exceeded
	"77": {CategoryTerminalSoftware, false}, // Sign-in required: POS batch number differs from host (CUP private)
	"78": {CategoryTerminalSoftware, false}, // Host requires parameter download to terminal (CUP private)
	"79": {CategoryTerminalSoftware, false}, // Offline transactions reconciliation out of balance (CUP private)
	"90": {CategoryBankSystem, false},       // Cutoff is in process
	"91": {CategoryBankSystem, false},       // Issuer or switch is inoperative
	"92": {CategoryBankSystem, false},       // Financial institution or intermediate network facility cannot be found
	"93": {CategoryOther, false},            // Transaction cannot be completed, violation of law
	"94": {CategoryTerminalSoftware, false}, // Duplicate transmission
	"95": {CategoryOther, false},            // Reconcile error
	"96": {CategoryBankSystem, false},       // System malfunction
	"97": {CategoryMerchantConfig, false},   // Terminal ID not found / terminal not registered (CUP) [ISO: reserved]
	"98": {CategoryNetwork, false},          // Switch did not receive issuer response (CUP) [ISO: reserved]
	"99": {CategoryTerminalSoftware, false}, // PIN format error (CUP) [ISO: reserved]
	"A0": {CategoryTerminalSoftware, false}, // MAC verification failed (CUP)
	"A1": {CategoryOther, false},            // Transfer currency mismatch (CUP)
	"A2": {CategoryOther, true},             // Approved with defect - confirm with receiving bank (CUP)
	"A3": {CategoryOther, false},            // Beneficiary bank has no such account (CUP)
	"A4": {CategoryOther, true},             // Approved with defect (CUP)
	"A5": {CategoryOther, true},             // Approved with defect (CUP)
	"A6": {CategoryOther, true},             // Approved with defect (CUP)
	"A7": {CategoryTerminalSoftware, false}, // Security processing failure (CUP)
	"A8": {CategoryOther, false},            // Beneficiary card region info missing (CUP)
	"B1": {CategoryOther, false},            // No outstanding bill (CUP)
	"C1": {CategoryBankSystem, false},       // Acquirer status invalid (signed off / not signed in) (CUP)
	"D1": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D2": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D3": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D4": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D5": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D6": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D7": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D8": {CategoryOther, false},            // File transfer error (CUP file interface)
	"D9": {CategoryOther, false},            // File transfer error (CUP file interface)
	"DA": {CategoryOther, false},            // File transfer error (CUP file interface)
	"DB": {CategoryOther, false},            // File transfer error (CUP file interface)
	"DC": {CategoryOther, false},            // File transfer error (CUP file interface)
	"F1": {CategoryOther, false},            // File record error (CUP file interface)
	"F2": {CategoryOther, false},            // File record error (CUP file interface)
	"F3": {CategoryOther, false},            // File record error (CUP file interface)
	"F4": {CategoryOther, false},            // File record error (CUP file interface)
	"F5": {CategoryOther, false},            // File record error (CUP file interface)
	"N1": {CategoryCard, false},             // Un-posted passbook entries exceed limit (CUP)
	"P1": {CategoryCard, false},             // Card has no mobile number on file at issuer (CUP)
	"Y1": {CategoryOther, true},             // Offline approved (IC, clearing file)
	"Y3": {CategoryOther, true},             // Unable to go online, offline approved (IC)
	"Z1": {CategoryOther, false},            // Offline declined (IC)
	"Z3": {CategoryOther, false},            // Unable to go online, offline declined (IC)
}

// CodeCategory returns the category of a response code and whether it means
// approved. ok is false for a code the table does not know (acquirers add
// private codes; terminals show local ones).
func CodeCategory(code string) (c Category, approved, ok bool) {
	info, ok := responseCodes[normalizeCode(code)]
	return info.category, info.approved, ok
}

// normalizeCode trims a code and upper-cases it: "a0 " → "A0".
func normalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
