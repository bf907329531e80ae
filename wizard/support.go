package wizard

import "encoding/json"

// Support is what the app tells an owner whose remedy is to call Lakala:
// the customer-service number, whether its published source was verified,
// and where it comes from. Parse it from assets' support.json with
// ParseSupport.
type Support struct {
	Phone    string
	Verified bool
	Source   string
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
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Lakala.Phone == "" {
		return Support{Phone: DefaultLakalaPhone}
	}
	return Support{Phone: doc.Lakala.Phone, Verified: doc.Lakala.Verified, Source: doc.Lakala.Source}
}
