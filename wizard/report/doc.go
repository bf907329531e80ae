// Package report renders troubleshooting sessions as what support receives:
// an A4 PDF for people (Chinese or English), a versioned JSON document for
// support tools, and a zip bundle with both plus the app's recent log. It
// also gives the GUI what its export screen shows: a Preview of exactly what
// will be shared and what was removed, a short Summary text to paste into
// WeChat or e-mail, a reference code per session (RefCode), the default
// folder (DefaultDir) and file name (FileName).
//
// # What it owns
//
//   - Build: from Input (sessions as the wizard's JSON documents plus what
//     the caller knows about the terminal and the decoded last transaction,
//     the app version, a translate function and a font) to a Report whose
//     Document is translated and scrubbed.
//   - Rendering: Report.WritePDF, Report.JSON, Report.WriteZip,
//     Report.Text (the preview), Report.Summary.
//   - Privacy: Scrub, the one scrubber every outgoing string passes through.
//
// # Invariants
//
//   - Every string that leaves a Report has passed through Scrub (merchant
//     and terminal IDs through ScrubID): digits are read through any
//     separators, full-width forms, byte lists and hex dumps; a 13–19 digit
//     window that passes the Luhn check, or a 13–19 digit run on a card
//     range, is masked to first 6 + last 4 by wizard/pan's rule; track 1/2
//     data, labelled PIN, key, MAC and chip-data values and the secret
//     fields of ISO 8583 messages in dumps are removed; a raw capture carried
//     as evidence (RawEvidenceKey) is never printed. What was removed is
//     listed in Document.Redacted and in the PDF's box. The oracle that
//     checks this (oracle_test.go) shares no code with the scrubber.
//   - The report never asks for or shows a PIN; no full card number, track
//     data, key, MAC or full field 55 appears in any output.
//   - Words come from the caller's Translate (translation area "report",
//     plus the wizard's and the decoder's keys); the package imports neither
//     ui/i18n nor device nor store. Callers map their records onto Input.
//   - Output is deterministic for a given Input (Input.Now and
//     Input.Location fix the dates), so JSON can be compared with golden
//     files.
//
// # Goroutines
//
// None. A Report is immutable after Build and safe for concurrent use.
package report
