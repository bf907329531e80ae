package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScrub(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string
		counts map[Kind]int
	}{
		{"no digits", "terminal answers", "terminal answers", nil},
		{"short numbers stay", "TID 12345678, trace 000123, RRN 123456789012", "TID 12345678, trace 000123, RRN 123456789012", nil},
		{"luhn-invalid card-length run stays", "id 6222021234567890124", "id 6222021234567890124", nil},
		{"19-digit PAN", "pan=" + testPAN, "pan=622202*********0128", map[Kind]int{KindPAN: 1}},
		{"16-digit PAN in text", "card " + testPAN2 + " declined", "card 411111******1111 declined", map[Kind]int{KindPAN: 1}},
		{"grouped by spaces", "card 4111 1111 1111 1111.", "card 411111******1111.", map[Kind]int{KindPAN: 1}},
		{"grouped by dashes", "4111-1111-1111-1111", "411111******1111", map[Kind]int{KindPAN: 1}},
		{"PAN glued to letters", "PAN" + testPAN3 + "X", "PAN621483*****" + testPAN3[11:] + "X", map[Kind]int{KindPAN: 1}},
		{"already masked stays", "622202*********0128", "622202*********0128", nil},
		{"long run holding a PAN", "00" + testPAN + "00", MaskPAN("00" + testPAN + "00"), map[Kind]int{KindPAN: 1}},
		{"track 2 with =", "t2 " + testPAN + "=25121010000012300000 end", "t2 " + Removed + " end", map[Kind]int{KindTrack: 1}},
		{"track 2 in hex with D", ";" + testPAN2 + "D2512101?", Removed, map[Kind]int{KindTrack: 1}},
		{"track 1", "%B" + testPAN2 + "^ZHANG/SAN^2512101000?", Removed, map[Kind]int{KindTrack: 1}},
		{"PIN block labelled", "PIN block: 0123 4567 89AB CDEF", "PIN block: " + Removed, map[Kind]int{KindPIN: 1}},
		{"field 52 in JSON", `{"f52":"A1B2C3D4E5F60718"}`, `{"f52":"` + Removed + `"}`, map[Kind]int{KindPIN: 1}},
		{"MAC", "MAC=1A2B3C4D5E6F7081", "MAC=" + Removed, map[Kind]int{KindMAC: 1}},
		{"keys in field 62", "field 62: 00112233445566778899AABBCCDDEEFF", "field 62: " + Removed, map[Kind]int{KindKeys: 1}},
		{"chip data", "DE55 9F2608AABBCCDDEEFF0011", "DE55 " + Removed, map[Kind]int{KindICC: 1}},
		{"word mac without a value stays", "mac address unknown", "mac address unknown", nil},
		{"PAN after a short group", "12 4111 1111 1111 1111", "124111********1111", map[Kind]int{KindPAN: 1}},
		{"PAN in a hex dump", "19 62 22 02 12 34 56 78 90 12 8F", "196222***********0128F", map[Kind]int{KindPAN: 1}},
		{"session ID stays though its digits pass Luhn", "20261125-093009-K7Q2", "20261125-093009-K7Q2", nil},
		{"several kinds", "pan " + testPAN2 + " pinblock=0011223344556677", "pan 411111******1111 pinblock=" + Removed, map[Kind]int{KindPAN: 1, KindPIN: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scrub(tt.in)
			if got.Text != tt.want {
				t.Errorf("Scrub(%q).Text = %q; want %q", tt.in, got.Text, tt.want)
			}
			if diff := cmp.Diff(tt.counts, got.Counts); diff != "" {
				t.Errorf("Scrub(%q).Counts mismatch (-want +got):\n%s", tt.in, diff)
			}
			if again := Scrub(got.Text); again.Text != got.Text || len(again.Counts) != 0 {
				t.Errorf("Scrub(Scrub(%q)) = %q, %v; want it unchanged", tt.in, again.Text, again.Counts)
			}
		})
	}
}

func TestMaskPAN(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{testPAN, "622202*********0128"},
		{"4111 1111 1111 1111", "411111******1111"},
		{"1234567890", "**********"},
		{"", ""},
	} {
		if got := MaskPAN(tt.in); got != tt.want {
			t.Errorf("MaskPAN(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzScrub checks the scrubber's promise on any text: no card number
// survives, and scrubbing twice changes nothing more.
func FuzzScrub(f *testing.F) {
	for _, s := range []string{"pan=" + testPAN, "4111 1111 1111 1111", testPAN2 + "=2512101", "PIN block: 0123456789ABCDEF", "", "12 34 56 78 90 12 34 56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Scrub(s)
		if found := cardNumbers(got.Text); len(found) > 0 {
			t.Fatalf("Scrub(%q) = %q; still holds card numbers %q", s, got.Text, found)
		}
		if again := Scrub(got.Text); again.Text != got.Text {
			t.Fatalf("Scrub(Scrub(%q)) = %q; want %q", s, again.Text, got.Text)
		}
	})
}

func ExampleScrub() {
	s := Scrub("sale 4111 1111 1111 1111 track2=4111111111111111=2512101 PIN block: 0123456789ABCDEF")
	fmt.Println(s.Text)
	fmt.Println(s.Counts[KindPAN], s.Counts[KindTrack], s.Counts[KindPIN])
	// Output:
	// sale 411111******1111 track2=[REMOVED] PIN block: [REMOVED]
	// 1 1 1
}

// TestScrubLongRuns: a run of more than 19 digits that holds a Luhn-valid
// window is masked whole; plain long numbers without one stay.
func TestScrubLongRuns(t *testing.T) {
	zeros := strings.Repeat("0", 25)
	if got := Scrub(zeros).Text; got != MaskPAN(zeros) {
		// 13 zeros pass Luhn: masked.
		t.Errorf("Scrub(25 zeros) = %q; want masked", got)
	}
	ones := strings.Repeat("1", 12)
	if got := Scrub(ones).Text; got != ones {
		t.Errorf("Scrub(%q) = %q; want it unchanged", ones, got)
	}
}
