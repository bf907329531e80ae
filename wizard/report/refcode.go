package report

import (
	"crypto/sha256"
	"strings"
)

// refAlphabet has 32 characters that cannot be mistaken for one another over
// the phone: no 0/O and no 1/I.
const refAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// RefCode returns the short reference code of a session ID, such as
// "PD-7K3Q-9XA2", for the hotline agent to ask for. It is derived from the
// ID deterministically (40 bits of its SHA-256), so the same session always
// has the same code; it is not secret and not reversible. Codes use only
// refAlphabet, never 0, O, 1 or I.
func RefCode(sessionID string) string {
	sum := sha256.Sum256([]byte(sessionID))
	var bits uint64
	for _, b := range sum[:5] {
		bits = bits<<8 | uint64(b)
	}
	var sb strings.Builder
	sb.WriteString("PD-")
	for i := range 8 {
		if i == 4 {
			sb.WriteByte('-')
		}
		shift := uint(35 - 5*i)
		sb.WriteByte(refAlphabet[(bits>>shift)&31])
	}
	return sb.String()
}

// groupRef returns the reference code of a report over several sessions:
// the session's own code for one, else a code derived from all IDs in order.
func groupRef(ids []string) string {
	if len(ids) == 1 {
		return RefCode(ids[0])
	}
	return RefCode("sessions:" + strings.Join(ids, ","))
}
