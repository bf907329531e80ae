package cli

import (
	"io"

	"posdoctor/device/unionpay"
	"posdoctor/ui/i18n"
)

// DecodeSummary is the one-line summary `posdoctor decode` prints
// (transaction · result · amount · trace · TID · MID), for the GUI's
// decoder, so both say the same.
func DecodeSummary(tr *i18n.Translator, d *unionpay.Decoded) string { return summaryLine(tr, d) }

// WriteDecoded writes the full decoded message as `posdoctor decode` prints
// it: summary, layers, masked fields, meaning and next step.
func WriteDecoded(w io.Writer, tr *i18n.Translator, d *unionpay.Decoded) { printDecoded(w, tr, d) }
