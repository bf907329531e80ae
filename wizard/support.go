package wizard

import (
	"encoding/json"
	"strings"
)

// Support is what the app tells an owner whose remedy is to call Lakala:
// the customer-service number, whether its published source was verified,
// and where it comes from. Parse it from assets' support.json with
// ParseSupport.
type Support struct {
	Phone    string
	Verified bool
	Source   string
	// Minimums is the dated table of the oldest terminal software each
	// model may run, with where each number comes from. A model without an
	// entry cannot be judged.
	Minimums []Minimum
}

// Minimum is one row of the firmware table.
type Minimum struct {
	Model    string `json:"model"`
	Firmware string `json:"min_firmware"`
	App      string `json:"min_app"`
	Source   string `json:"source"`
	Date     string `json:"date"`
}

// MinimumFor returns the table's row for model (case-insensitive), if any.
func (s Support) MinimumFor(model string) (Minimum, bool) {
	for _, m := range s.Minimums {
		if model != "" && strings.EqualFold(m.Model, model) {
			return m, true
		}
	}
	return Minimum{}, false
}

// DefaultLakalaPhone is used when support.json has no number. It is not
// verified against a published source.
const DefaultLakalaPhone = "95016"

// ParseSupport reads support.json. A document it cannot read gives the
// default number, marked not verified.
func ParseSupport(data []byte) Support {
	var doc struct {
		Lakala struct {
			Phone    string `json:"phone"`
			Verified bool   `json:"verified"`
			Source   string `json:"source"`
		} `json:"lakala"`
		Firmware struct {
			Models []Minimum `json:"models"`
		} `json:"firmware_minimums"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Lakala.Phone == "" {
		return Support{Phone: DefaultLakalaPhone}
	}
	return Support{Phone: doc.Lakala.Phone, Verified: doc.Lakala.Verified, Source: doc.Lakala.Source, Minimums: doc.Firmware.Models}
}
