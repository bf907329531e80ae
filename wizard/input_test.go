package wizard

import (
	"errors"
	"strings"
	"testing"
	"time"

	"posdoctor/wizard/pan/pantest"
)

func TestCheckExpiry(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in, want, stored string
	}{
		{"11/26", ResultValid, "11/26"}, // valid through the end of its month
		{"10/26", ResultExpired, "10/26"},
		{"1226", ResultValid, "12/26"},
		{" 01-27 ", ResultValid, "01/27"},
		{"08/2025", ResultExpired, "08/25"},
		{"12/99", ResultValid, "12/99"},
		{"01/00", ResultExpired, "01/00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, stored, err := checkExpiry(tt.in, now)
			if err != nil || got != tt.want || stored != tt.stored {
				t.Errorf("checkExpiry(%q) = %q, %q, %v; want %q, %q, nil", tt.in, got, stored, err, tt.want, tt.stored)
			}
		})
	}
	for _, in := range []string{"", "1", "13/26", "00/26", "ab/cd", "1/2026x", "12/2", "１２/２６"} {
		t.Run("bad "+in, func(t *testing.T) {
			var ie *InputError
			if _, _, err := checkExpiry(in, now); !errors.As(err, &ie) || ie.Kind != InputExpiry {
				t.Errorf("checkExpiry(%q) error = %v; want *InputError", in, err)
			}
		})
	}
}

func TestCheckCardNumber(t *testing.T) {
	tests := []struct {
		in, want, masked string
	}{
		{"4111 1111 1111 1111", ResultValid, "411111******1111"},
		{"6222-0212-3456-7890-128", ResultValid, "622202*********0128"},
		{"4111111111111112", ResultLuhn, "411111******1112"},
		{"9999999999999995", ResultRange, "999999******9995"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, masked, err := checkCardNumber(tt.in)
			if err != nil || got != tt.want || masked != tt.masked {
				t.Errorf("checkCardNumber(%q) = %q, %q, %v; want %q, %q, nil", tt.in, got, masked, err, tt.want, tt.masked)
			}
		})
	}
	for _, in := range []string{"", "123456789012", "12345678901234567890", "4111x11111111111"} {
		t.Run("bad "+in, func(t *testing.T) {
			var ie *InputError
			_, _, err := checkCardNumber(in)
			if !errors.As(err, &ie) || ie.Kind != InputCardNumber {
				t.Errorf("checkCardNumber(%q) error = %v; want *InputError", in, err)
			}
			if err != nil && in != "" && strings.Contains(err.Error(), in) {
				t.Errorf("error %q repeats the typed number", err)
			}
		})
	}
}

// TestMaskCorpus runs the shared masking corpus (wizard/pan/pantest) through
// typed input: every case a card-number question accepts (13–19 digits)
// comes back masked exactly as the corpus says.
func TestMaskCorpus(t *testing.T) {
	ran := 0
	for _, c := range pantest.Cases(t) {
		_, masked, err := checkCardNumber(c[1])
		if err != nil {
			continue // not a number the question accepts (too short, masked)
		}
		ran++
		if masked != c[2] {
			t.Errorf("%s: checkCardNumber(%q) masked = %q; want %q", c[0], c[1], masked, c[2])
		}
	}
	if ran < 5 {
		t.Errorf("only %d corpus cases were typeable", ran)
	}
}

func TestCheckCode(t *testing.T) {
	for in, want := range map[string]string{"12": "12", " a0 ": "A0", "Q7": "Q7"} {
		if got, err := checkCode(in); err != nil || got != want {
			t.Errorf("checkCode(%q) = %q, %v; want %q, nil", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "123", "1-", "中文"} {
		if _, err := checkCode(in); err == nil {
			t.Errorf("checkCode(%q) = nil error; want *InputError", in)
		}
	}
}

// FuzzInput feeds owner-typed text to every validator: none may panic, and a
// card number must never come back unmasked.
func FuzzInput(f *testing.F) {
	for _, s := range []string{"08/27", "0827", "13/99", "4111 1111 1111 1111", "6222021234567890128", "A0", "", "99/9999", "--//  "} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		if res, stored, err := checkExpiry(in, now); err == nil {
			if res != ResultValid && res != ResultExpired || len(stored) != 5 {
				t.Errorf("checkExpiry(%q) = %q, %q", in, res, stored)
			}
		}
		if res, masked, err := checkCardNumber(in); err == nil {
			d := digitsOnly(in)
			if len(masked) != len(d) || res == "" || masked[:6] != d[:6] || masked[len(d)-4:] != d[len(d)-4:] ||
				strings.Trim(masked[6:len(d)-4], "*") != "" {
				t.Errorf("checkCardNumber(%q) = %q, %q; want first 6 and last 4 only", in, res, masked)
			}
		}
		if c, err := checkCode(in); err == nil && len(c) != 2 {
			t.Errorf("checkCode(%q) = %q", in, c)
		}
	})
}
