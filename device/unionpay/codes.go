package unionpay

import "strings"

//go:generate go run gen_codes.go testdata/cup_response_codes.csv codes_table.go

// Category says where the cause of a response code lies. The wizard jumps
// on it. Categories are stable strings: never rename.
type Category string

// The categories of shared/domain/cup_response_codes.csv.
const (
	CategoryCard             Category = "card"
	CategoryOperator         Category = "operator"
	CategoryTerminalSoftware Category = "terminal-software"
	CategoryNetwork          Category = "network"
	CategoryBankSystem       Category = "bank-system"
	CategoryMerchantConfig   Category = "merchant-config"
	CategoryOther            Category = "other"
)

// Key returns the translation key of the category's name.
func (c Category) Key() string { return "decode.category." + string(c) }

// Class is a response code's POS class (the terminal's handling).
type Class string

// The POS classes A–E. ClassNone marks codes the table gives no class, and
// unknown codes: the fallback text says to treat them as failed.
const (
	ClassA    Class = "A" // approved
	ClassB    Class = "B" // failed — retry
	ClassC    Class = "C" // failed — the cardholder contacts the issuer
	ClassD    Class = "D" // failed — the operator must act
	ClassE    Class = "E" // failed — system error
	ClassNone Class = ""
)

// Key returns the translation key of the class's explanation.
func (c Class) Key() string {
	if c == ClassNone {
		return "decode.class.none"
	}
	return "decode.class." + string(c)
}

// Code is one row of the China UnionPay response-code table. ZH and EN are
// the table's own (spec) wording; what a shop owner reads comes from the
// translation keys MeaningKey and NextKey.
type Code struct {
	Code      string   `json:"code"`     // field 39, two characters
	ZH        string   `json:"zh"`       // meaning in the spec's Chinese
	EN        string   `json:"en"`       // meaning in the spec's English
	Actor     string   `json:"actor"`    // who must act: cardholder, merchant, operator, terminal, issuer, acquirer, switch, none, other
	Category  Category `json:"category"` // where the cause lies
	Class     Class    `json:"class"`    // POS class A–E, or ClassNone
	DisplayZH string   `json:"-"`        // what a terminal typically shows
}

// Approved reports whether the code means the transaction went through.
func (c Code) Approved() bool { return c.Class == ClassA }

// MeaningKey returns the translation key of the code's meaning, or
// UnknownMeaningKey for a code not in the table.
func (c Code) MeaningKey() string {
	if _, ok := codeIndex[c.Code]; !ok {
		return UnknownMeaningKey
	}
	return "decode.rc." + c.Code + ".meaning"
}

// NextKey returns the translation key of the merchant's next step, or
// UnknownNextKey for a code not in the table.
func (c Code) NextKey() string {
	if _, ok := codeIndex[c.Code]; !ok {
		return UnknownNextKey
	}
	return "decode.rc." + c.Code + ".next"
}

var codeIndex = func() map[string]int {
	m := make(map[string]int, len(codes))
	for i, c := range codes {
		m[c.Code] = i
	}
	return m
}()

// Lookup returns the table row of a response code ("12", "a0" and "A0"
// alike). For a code not in the table it returns a Code with the raw
// value, CategoryOther and ClassNone, and false.
func Lookup(code string) (Code, bool) {
	up := strings.ToUpper(strings.TrimSpace(code))
	if i, ok := codeIndex[up]; ok {
		return codes[i], true
	}
	return Code{Code: code, Category: CategoryOther, Class: ClassNone}, false
}

// Codes returns a copy of the whole table in its source order.
func Codes() []Code { return append([]Code(nil), codes...) }

// UnknownMeaningKey and UnknownNextKey are the translation keys shown for a
// code that is not in the table.
const (
	UnknownMeaningKey = "decode.rc.unknown.meaning"
	UnknownNextKey    = "decode.rc.unknown.next"
)
