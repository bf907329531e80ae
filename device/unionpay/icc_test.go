package unionpay

import "testing"

// TestHideCardNumbers: a chip-data value never shows a card number, the
// message's own (whatever its check digit) or any other that reads as one;
// other digits stay as they are. The oracle spells the expected values out.
func TestHideCardNumbers(t *testing.T) {
	tests := []struct {
		name, hex string
		cards     []string
		want      string
	}{
		{"the message's card inside track-like data", "30306222021234567890128D3030", []string{"6222021234567890128"}, "3030622202*********0128D3030"},
		{"the message's card, check digit wrong", "9F6222021234567890120", []string{"6222021234567890120"}, "9F622202*********0120"},
		{"another card number (range and Luhn)", "AA4111111111111111BB", nil, "AA411111******1111BB"},
		{"digits that are no card (bad check digit)", "4111111111111112", nil, "4111111111111112"},
		{"digits off every range", "9999999999999995", nil, "9999999999999995"},
		{"short digits", "000000012345", nil, "000000012345"},
		{"a short card field is not looked for", "123456789012", []string{"123456789012"}, "123456789012"},
	}
	for _, tc := range tests {
		if got := hideCardNumbers(tc.hex, tc.cards); got != tc.want {
			t.Errorf("%s: hideCardNumbers(%q) = %q, want %q", tc.name, tc.hex, got, tc.want)
		}
	}
}
