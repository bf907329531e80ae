package cli

import (
	"encoding/json"

	"posdoctor/assets"
)

// LakalaPhone returns Lakala's customer-service number from
// assets/support.json and whether its source was verified.
func LakalaPhone() (phone string, verified bool) {
	var sup struct {
		Lakala struct {
			Phone    string `json:"phone"`
			Verified bool   `json:"verified"`
		} `json:"lakala"`
	}
	if err := json.Unmarshal(assets.Support, &sup); err != nil || sup.Lakala.Phone == "" {
		return "95016", false
	}
	return sup.Lakala.Phone, sup.Lakala.Verified
}
