package report

import (
	"strings"
	"time"
	"unicode/utf8"
)

// blockKind is how a block of the laid-out report is drawn.
type blockKind int

const (
	blockTitle   blockKind = iota // the report's title
	blockHeading                  // a session's heading; starts a new page after the first
	blockSub                      // a section within a session
	blockRows                     // label / value rows
	blockItem                     // a titled entry (a finding, a check) with indented lines
	blockPara                     // a paragraph
	blockBox                      // a framed box: text is its title, lines its content
)

type row struct{ label, value string }

// block is one piece of the laid-out report. The PDF and the text preview
// draw the same blocks, so the preview shows exactly what is shared.
type block struct {
	kind      blockKind
	text      string
	badge     string // an outcome ID (pass, warn, fail, skipped) for items, or ""
	badgeText string
	rows      []row
	lines     []string
}

// layout turns the document into blocks, in the order they are drawn: the
// title and reference, each session, then what was removed.
func (r *Report) layout() []block {
	l := &layouter{r: r, tr: r.in.Tr}
	l.header()
	for _, s := range r.doc.Sessions {
		l.session(s)
	}
	l.redactions()
	return l.out
}

// layouter collects the blocks of one layout.
type layouter struct {
	r   *Report
	tr  Translate
	out []block
}

func (l *layouter) add(b block) { l.out = append(l.out, b) }

// para adds a paragraph.
func (l *layouter) para(text string) { l.add(block{kind: blockPara, text: text}) }

// header adds the title, the reference rows and the introduction.
func (l *layouter) header() {
	d, tr := l.r.doc, l.tr
	l.add(block{kind: blockTitle, text: tr("report.title")})
	head := []row{
		{tr("report.label.ref"), d.Ref},
		{tr("report.label.generated"), l.r.when(d.Generated)},
		{tr("report.label.app"), strings.TrimSpace(d.App.Version + " " + paren(d.App.Commit))},
	}
	if len(d.Sessions) > 1 {
		head = append(head, row{tr("report.label.sessions"), itoa(len(d.Sessions))})
	}
	l.add(block{kind: blockRows, rows: head})
	l.para(tr("report.intro", "ref", d.Ref))
}

// session adds one session: its heading and facts, then its sections.
func (l *layouter) session(s SessionDoc) {
	l.sessionHead(s)
	l.terminal(s.Terminal)
	l.findings(s.Findings)
	l.checks(s.Checks)
	l.transaction(s.LastTxn)
	l.trail(s.Trail)
}

// sessionHead adds the session's heading, its facts and the owner's note.
func (l *layouter) sessionHead(s SessionDoc) {
	tr := l.tr
	l.add(block{kind: blockHeading, text: tr("report.session.heading", "ref", s.Ref, "time", l.r.when(s.Started))})
	rows := []row{
		{tr("report.label.flow"), s.Flow.Text},
		{tr("report.label.started"), l.r.when(s.Started)},
		{tr("report.label.finished"), l.r.when(s.Finished)},
		{tr("report.label.verdict"), s.Verdict.Text},
	}
	if s.Layer != nil {
		rows = append(rows, row{tr("report.label.layer"), s.Layer.Text})
	}
	rows = append(rows, row{tr("report.label.code"), s.Code}, row{tr("report.label.card"), s.Card}, row{tr("report.label.session"), s.ID})
	l.add(block{kind: blockRows, rows: nonEmpty(rows)})
	if s.Note != "" {
		l.para(s.Note)
	}
}

// terminal adds the section on the terminal the session ran against.
func (l *layouter) terminal(t Terminal) {
	tr := l.tr
	l.add(block{kind: blockSub, text: tr("report.section.terminal")})
	rows := nonEmpty([]row{
		{tr("report.label.terminal.name"), t.Name}, {tr("report.label.terminal.model"), t.Model},
		{tr("report.label.terminal.serial"), t.Serial}, {tr("report.label.terminal.firmware"), t.Firmware},
		{tr("report.label.terminal.app"), t.App}, {tr("report.label.terminal.tid"), t.TID},
		{tr("report.label.terminal.mid"), t.MID}, {tr("report.label.terminal.port"), t.Port},
	})
	if len(rows) == 0 {
		l.para(tr("report.terminal.none"))
		return
	}
	l.add(block{kind: blockRows, rows: rows})
}

// findings adds the section of findings, each with its badge and remedies.
func (l *layouter) findings(fs []FindingDoc) {
	l.add(block{kind: blockSub, text: l.tr("report.section.findings")})
	if len(fs) == 0 {
		l.para(l.tr("report.findings.none"))
	}
	for _, f := range fs {
		l.add(l.finding(f))
	}
}

// finding is one finding's item: fixed, a problem, or a state to report.
func (l *layouter) finding(f FindingDoc) block {
	tr := l.tr
	b := block{kind: blockItem, text: f.Title}
	switch {
	case f.Fixed:
		b.badge, b.badgeText = "pass", tr("report.finding.fixed")
	case f.Severity == "problem":
		b.badge, b.badgeText = "fail", tr("report.finding.problem")
	default:
		b.badge, b.badgeText = "skipped", tr("report.finding.info")
	}
	b.lines = appendNonEmpty(b.lines, f.GradeText, f.Hold)
	for i, rem := range f.Remedies {
		b.lines = append(b.lines, itoa(i+1)+". "+rem)
	}
	b.lines = appendNonEmpty(b.lines, f.Confirm, f.RunnerUp)
	if f.Customer != "" {
		b.lines = append(b.lines, tr("report.finding.customer", "text", f.Customer))
	}
	return b
}

// checks adds the section of check results, each with its outcome and
// evidence.
func (l *layouter) checks(cs []CheckDoc) {
	tr := l.tr
	l.add(block{kind: blockSub, text: tr("report.section.checks")})
	if len(cs) == 0 {
		l.para(tr("report.checks.none"))
	}
	for _, c := range cs {
		b := block{kind: blockItem, text: c.Title, badge: c.Outcome.ID, badgeText: c.Outcome.Text}
		if c.Fix {
			b.text = tr("report.afterfix", "title", c.Title)
		}
		b.lines = append(b.lines, l.r.clock(c.At)+"  "+c.Summary)
		if c.Code != "" {
			b.lines = append(b.lines, tr("report.label.code")+": "+c.Code)
		}
		for _, e := range c.Evidence {
			b.lines = append(b.lines, e.Label+": "+e.Value)
		}
		if c.Detail != "" {
			b.lines = append(b.lines, tr("report.label.detail")+": "+c.Detail)
		}
		l.add(b)
	}
}

// transaction adds the section on the terminal's last transaction: its
// summary, its message fields and which were withheld.
func (l *layouter) transaction(x *Transaction) {
	tr := l.tr
	l.add(block{kind: blockSub, text: tr("report.section.transaction")})
	if x == nil {
		l.para(tr("report.transaction.none"))
		return
	}
	code := x.Code
	if x.Meaning != "" {
		code += "  " + x.Meaning
	}
	l.add(block{kind: blockRows, rows: nonEmpty([]row{
		{tr("report.label.txn.kind"), x.KindText}, {tr("report.label.txn.time"), l.r.when(x.Time)},
		{tr("report.label.code"), code}, {tr("report.label.txn.next"), x.Next},
		{tr("report.label.txn.amount"), x.Amount}, {tr("report.label.txn.trace"), x.Trace},
		{tr("report.label.txn.rrn"), x.RRN}, {tr("report.label.txn.auth"), x.AuthCode},
		{tr("report.label.terminal.tid"), x.TID}, {tr("report.label.terminal.mid"), x.MID},
		{tr("report.label.txn.batch"), x.Batch}, {tr("report.label.card"), x.Card},
	})})
	var fields []row
	for _, f := range x.Fields {
		label := f.Name
		if f.ID > 0 {
			label = itoa(f.ID) + " " + f.Name
		}
		v := f.Value
		if f.Redacted && v == "" {
			v = tr("report.field.withheld")
		}
		fields = append(fields, row{label, v})
	}
	if len(fields) > 0 {
		l.add(block{kind: blockRows, rows: fields})
	}
	if len(x.Redacted) > 0 {
		l.para(tr("report.transaction.redacted", "fields", strings.Join(x.Redacted, ", ")))
	}
}

// trail adds the section of steps taken, one row per step with the answer.
func (l *layouter) trail(ts []TrailDoc) {
	l.add(block{kind: blockSub, text: l.tr("report.section.trail")})
	if len(ts) == 0 {
		l.para(l.tr("report.trail.none"))
		return
	}
	rows := make([]row, 0, len(ts))
	for _, t := range ts {
		v := t.Title
		if t.Text != "" {
			v += "\n→ " + t.Text
		}
		if t.Input != "" && !strings.Contains(t.Text, t.Input) {
			v += " (" + t.Input + ")"
		}
		rows = append(rows, row{l.r.clock(t.At), v})
	}
	l.add(block{kind: blockRows, rows: rows})
}

// redactions adds the closing box: the policy and what was removed.
func (l *layouter) redactions() {
	d := l.r.doc
	box := block{kind: blockBox, text: l.tr("report.section.redacted"), lines: []string{d.Policy}}
	if len(d.Redacted) == 0 {
		box.lines = append(box.lines, l.tr("report.redacted.nothing"))
	}
	for _, x := range d.Redacted {
		box.lines = append(box.lines, "• "+x.Text)
	}
	l.add(box)
}

// appendNonEmpty appends the lines that are not empty.
func appendNonEmpty(lines []string, more ...string) []string {
	for _, s := range more {
		if s != "" {
			lines = append(lines, s)
		}
	}
	return lines
}

func nonEmpty(rows []row) []row {
	out := rows[:0:0]
	for _, r := range rows {
		if strings.TrimSpace(r.value) != "" {
			out = append(out, r)
		}
	}
	return out
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// when formats a time in the report's zone to the second; "" for zero.
func (r *Report) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.in.Location).Format("2006-01-02 15:04:05")
}

// clock formats a time of day in the report's zone.
func (r *Report) clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.in.Location).Format("15:04:05")
}

// Text returns the report as plain text: the same blocks, in the same
// order, as the PDF. The preview shows it.
func (r *Report) Text() string {
	var b strings.Builder
	for i, bl := range r.layout() {
		switch bl.kind {
		case blockTitle:
			b.WriteString(bl.text + "\n" + strings.Repeat("=", max(10, textWidth(bl.text))) + "\n")
		case blockHeading:
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(bl.text + "\n" + strings.Repeat("-", max(10, textWidth(bl.text))) + "\n")
		case blockSub:
			b.WriteString("\n[" + bl.text + "]\n")
		case blockRows:
			for _, rw := range bl.rows {
				b.WriteString(rw.label + ": " + indentCont(rw.value, "    ") + "\n")
			}
		case blockItem:
			b.WriteString("* " + bl.text)
			if bl.badgeText != "" {
				b.WriteString(" [" + bl.badgeText + "]")
			}
			b.WriteString("\n")
			for _, l := range bl.lines {
				b.WriteString("    " + indentCont(l, "    ") + "\n")
			}
		case blockPara:
			b.WriteString(bl.text + "\n")
		case blockBox:
			b.WriteString("\n+ " + bl.text + "\n")
			for _, l := range bl.lines {
				b.WriteString("| " + indentCont(l, "| ") + "\n")
			}
			b.WriteString("+\n")
		}
	}
	return b.String()
}

func indentCont(s, prefix string) string { return strings.ReplaceAll(s, "\n", "\n"+prefix) }

// textWidth counts display columns: two for wide (CJK) characters.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
