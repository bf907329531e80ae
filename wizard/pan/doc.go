// Package pan holds POS Doctor's one masking rule for card numbers (primary
// account numbers), the Luhn check and the table of known card ranges.
//
// It is a leaf: it imports only the standard library, so every layer may use
// it — the wizard where typed input enters, device and device/unionpay where
// wire data is parsed, the store and the report. DESIGN.md allows device/ and
// store/ to import exactly this package of wizard/ and nothing else of ours.
//
// # The rule
//
// A card field of 13 or more characters keeps its first 6 and last 4 and
// shows '*' for every character between; anything shorter is masked
// completely (it would otherwise show all, or almost all, of its digits).
// Separators are dropped first and full-width digits read as ASCII digits.
// Masking is idempotent: a masked number masks to itself.
//
// The cases every caller's test runs are in testdata/cases.tsv.
package pan
