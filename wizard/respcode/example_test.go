package respcode_test

import (
	"fmt"

	"posdoctor/wizard/respcode"
)

// ExampleLookup shows how the wizard and the decoder find where a response
// code's cause lies.
func ExampleLookup() {
	for _, code := range []string{"12", "A0", "51", "X9"} {
		c, known := respcode.Lookup(code)
		fmt.Println(c.Code, known, c.Category, c.NextKey())
	}
	// Output:
	// 12 true operator decode.rc.12.next
	// A0 true terminal-software decode.rc.A0.next
	// 51 true card decode.rc.51.next
	// X9 false other decode.rc.unknown.next
}
