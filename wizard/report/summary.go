package report

import (
	"strings"
)

// Summary returns a short text to paste into WeChat or an e-mail: the
// reference code, and for each session its time, terminal, verdict, first
// finding and response code. It holds nothing the report does not.
func (r *Report) Summary() string {
	tr, d := r.in.Tr, r.doc
	lines := []string{tr("report.summary.head", "ref", d.Ref)}
	for _, s := range d.Sessions {
		if len(d.Sessions) > 1 {
			lines = append(lines, "")
			lines = append(lines, tr("report.summary.session", "ref", s.Ref))
		}
		lines = append(lines, tr("report.summary.time", "time", r.when(s.Started)))
		if term := terminalLine(s.Terminal); term != "" {
			lines = append(lines, tr("report.summary.terminal", "terminal", term))
		}
		verdict := s.Verdict.Text
		for _, f := range s.Findings {
			if f.Severity == "problem" && !f.Fixed {
				verdict += " — " + f.Title
				break
			}
		}
		lines = append(lines, tr("report.summary.verdict", "verdict", verdict))
		if s.Code != "" {
			lines = append(lines, tr("report.summary.code", "code", s.Code))
		}
	}
	lines = append(lines, tr("report.summary.tail", "ref", d.Ref))
	return strings.Join(lines, "\n") + "\n"
}

// terminalLine names a terminal in a few words: model, serial number, TID.
func terminalLine(t Terminal) string {
	var parts []string
	for _, p := range []string{t.Name, t.Model, t.Serial} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if t.TID != "" {
		parts = append(parts, "TID "+t.TID)
	}
	return strings.Join(parts, " / ")
}

// Preview is what the owner sees before saving or sharing: exactly what
// will be shared, and what was removed.
type Preview struct {
	Ref string
	// Text is the report's full content as plain text (the PDF shows the
	// same blocks).
	Text string
	// Document holds the same content as fields (the JSON file).
	Document Document
	// Removed lists what was removed or masked, in words (Redaction.Text).
	Removed []Redaction
	// Log is the scrubbed log the bundle will include, or "".
	Log string
	// Summary is the short text for WeChat or e-mail.
	Summary string
}

// Preview returns what the export will share and what it removed.
func (r *Report) Preview() Preview {
	return Preview{Ref: r.doc.Ref, Text: r.Text(), Document: r.Document(), Removed: r.Removed(),
		Log: string(r.log), Summary: r.Summary()}
}
