package respcode

import "strings"

//go:generate go run gen.go cup_response_codes.csv table.go

// Category says where the cause of a response code lies; every flow's code
// table has a branch for each one, so every code lands somewhere.
// Categories are stable strings: never rename.
type Category string

// The categories of cup_response_codes.csv.
const (
	CategoryCard             Category = "card"
	CategoryOperator         Category = "operator"
	CategoryTerminalSoftware Category = "terminal-software"
	CategoryNetwork          Category = "network"
	CategoryBankSystem       Category = "bank-system"
	CategoryMerchantConfig   Category = "merchant-config"
	CategoryOther            Category = "other"
)

// Categories returns every category, in the order of the CSV's
// documentation.
func Categories() []Category {
	return []Category{
		CategoryCard, CategoryOperator, CategoryTerminalSoftware, CategoryNetwork,
		CategoryBankSystem, CategoryMerchantConfig, CategoryOther,
	}
}

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

// Code is one row of the response-code table. ZH and EN are the table's own
// (spec) wording; what a shop owner reads comes from the translation keys
// MeaningKey and NextKey.
type Code struct {
	Code      string   `json:"code"`     // field 39, two characters
	ZH        string   `json:"zh"`       // meaning in the spec's Chinese
	EN        string   `json:"en"`       // meaning in the spec's English
	Actor     string   `json:"actor"`    // who must act: cardholder, merchant, operator, terminal, issuer, acquirer, switch, none, other
	Category  Category `json:"category"` // where the cause lies
	Class     Class    `json:"class"`    // POS class A–E, or ClassNone
	DisplayZH string   `json:"-"`        // what a terminal typically shows
}

// Approved reports whether the code means the transaction went through
// (POS class A).
func (c Code) Approved() bool { return c.Class == ClassA }

// MeaningKey returns the translation key of the code's meaning, or
// UnknownMeaningKey for a code not in the table.
func (c Code) MeaningKey() string {
	if _, ok := index[c.Code]; !ok {
		return UnknownMeaningKey
	}
	return "decode.rc." + c.Code + ".meaning"
}

// NextKey returns the translation key of the merchant's next step, or
// UnknownNextKey for a code not in the table.
func (c Code) NextKey() string {
	if _, ok := index[c.Code]; !ok {
		return UnknownNextKey
	}
	return "decode.rc." + c.Code + ".next"
}

// UnknownMeaningKey and UnknownNextKey are the translation keys shown for a
// code that is not in the table.
const (
	UnknownMeaningKey = "decode.rc.unknown.meaning"
	UnknownNextKey    = "decode.rc.unknown.next"
)

var index = func() map[string]int {
	m := make(map[string]int, len(codes))
	for i, c := range codes {
		m[c.Code] = i
	}
	return m
}()

// Normalize trims a code and upper-cases it: "a0 " → "A0".
func Normalize(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// Lookup returns the table row of a response code ("12", "a0" and " A0"
// alike). For a code not in the table it returns a Code with the raw value,
// CategoryOther and ClassNone, and false: acquirers add private codes and
// terminals show local ones.
func Lookup(code string) (Code, bool) {
	if i, ok := index[Normalize(code)]; ok {
		return codes[i], true
	}
	return Code{Code: code, Category: CategoryOther, Class: ClassNone}, false
}

// Codes returns a copy of the whole table in the CSV's order.
func Codes() []Code { return append([]Code(nil), codes...) }
