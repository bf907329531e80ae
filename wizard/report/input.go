package report

import (
	"time"

	"posdoctor/wizard"
)

// Translate returns the text of a translation key in the report's language,
// filling its template from kv (alternating names and values). It returns
// the key itself for a key it does not know. ui/i18n's Translator.T fits.
type Translate func(key string, kv ...any) string

// RawEvidenceKey is the evidence key under which a check may carry a raw
// message capture (hex). The report never prints it: the caller decodes it
// (see RawCapture) into a masked Transaction, and the fact itself is
// dropped and listed as redacted.
const RawEvidenceKey = "evidence.txn.raw"

// Input is everything one report needs. Callers (the CLI, the GUI) map the
// store's records and their decoder's output onto it.
type Input struct {
	Sessions []Session
	App      App
	// Lang is the report's locale, "zh-Hans" or "en"; Tr translates into it.
	Lang string
	Tr   Translate
	// Font is a TrueType font (.ttf, not .ttc or CFF) with Chinese and Latin
	// glyphs, for the PDF; assets.FontTTF fits. Only PDF and Bundle need it.
	Font []byte
	// Log is the app's recent log for the support bundle; it is scrubbed
	// like everything else. Nil means no log.
	Log []byte
	// Now is when the report is made (zero: time.Now); Location is the time
	// zone dates are shown in (nil: time.Local).
	Now      time.Time
	Location *time.Location
}

// App names the build that made the report.
type App struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
}

// Session is one session to report.
type Session struct {
	// ID is the session's ID in the history; the reference code comes from it.
	ID string
	// Doc is the session's JSON document as the wizard wrote it. If it
	// cannot be resumed, the report falls back to Summary.
	Doc []byte
	// Summary is the history's index record, mapped onto the wizard's
	// summary. It is used when Doc is missing or unreadable.
	Summary wizard.Summary
	// Terminal is what is known about the terminal examined. Empty fields
	// are filled from the session's terminal.status evidence.
	Terminal Terminal
	// LastTxn is the terminal's last transaction, decoded and masked by the
	// caller (device/unionpay), or nil; then the report shows what the
	// terminal.lasttxn check recorded.
	LastTxn *Transaction
}

// Terminal describes the terminal examined.
type Terminal struct {
	Name     string `json:"name,omitempty"` // the name the owner gave it
	Model    string `json:"model,omitempty"`
	Serial   string `json:"serial,omitempty"`
	Firmware string `json:"firmware,omitempty"`
	App      string `json:"app,omitempty"` // payment application version
	TID      string `json:"tid,omitempty"` // terminal ID, field 41
	MID      string `json:"mid,omitempty"` // merchant ID, field 42
	Port     string `json:"port,omitempty"`
}

// Transaction is a decoded transaction message, masked. On input the Key
// fields are translation keys (device/unionpay's "decode" area) and the Text
// fields are empty; the report fills the Text fields in its language. The
// card number must already be masked; the report masks again anyway.
type Transaction struct {
	Source     string    `json:"source"` // "decoded" (from the raw reply) or "check" (what the terminal said)
	KindKey    string    `json:"kind_key,omitempty"`
	KindText   string    `json:"kind,omitempty"`
	Time       time.Time `json:"time,omitzero"`
	Code       string    `json:"code,omitempty"` // field 39
	MeaningKey string    `json:"meaning_key,omitempty"`
	Meaning    string    `json:"meaning,omitempty"`
	NextKey    string    `json:"next_key,omitempty"`
	Next       string    `json:"next,omitempty"`
	Amount     string    `json:"amount,omitempty"` // yuan, "123.45"
	Trace      string    `json:"trace,omitempty"`  // field 11
	RRN        string    `json:"rrn,omitempty"`    // field 37
	AuthCode   string    `json:"auth_code,omitempty"`
	TID        string    `json:"tid,omitempty"`
	MID        string    `json:"mid,omitempty"`
	Batch      string    `json:"batch,omitempty"`
	Card       string    `json:"card,omitempty"` // first 6 + last 4
	Fields     []Field   `json:"fields,omitempty"`
	// Redacted lists the field numbers withheld or masked ("2", "35", "52",
	// "55", "62", "64").
	Redacted []string `json:"redacted,omitempty"`
}

// Field is one decoded field of a Transaction.
type Field struct {
	ID       int    `json:"id"`
	NameKey  string `json:"name_key,omitempty"`
	Name     string `json:"name,omitempty"`
	Value    string `json:"value"`
	Redacted bool   `json:"redacted,omitempty"`
}
