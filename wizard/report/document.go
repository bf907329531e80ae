package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"posdoctor/wizard"
	"posdoctor/wizard/pan"
	"posdoctor/wizard/respcode"
)

// DocumentSchema is the version of the report's JSON document (and of
// assets/report.schema.json). Bump it only for an incompatible change;
// fields may be added without a bump.
const DocumentSchema = 1

// DocumentKind is the value of Document.Kind, so tools can tell a POS
// Doctor report from other JSON.
const DocumentKind = "posdoctor.report"

// Document is the report as data: what the JSON file holds and what the PDF
// and the preview show. Every string in it has been scrubbed (see Scrub).
// IDs and codes are stable; Text fields are in the report's language.
type Document struct {
	Schema    int          `json:"schema"`
	Kind      string       `json:"kind"`
	Ref       string       `json:"ref"`
	Generated time.Time    `json:"generated"`
	Lang      string       `json:"lang"`
	App       App          `json:"app"`
	Sessions  []SessionDoc `json:"sessions"`
	// Redacted lists what was removed or masked, by kind and area.
	Redacted []Redaction `json:"redacted"`
	// Policy is the standing privacy rule, in words.
	Policy string `json:"policy"`
}

// Named is a stable ID with its text in the report's language.
type Named struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// SessionDoc is one session of the report.
type SessionDoc struct {
	ID       string    `json:"id"`
	Ref      string    `json:"ref"`
	Flow     Named     `json:"flow"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	// Verdict is the wizard's outcome: open, ok, problem or fixed.
	Verdict Named `json:"verdict"`
	// Layer is where the first unfixed problem lies, with the one-sentence
	// explanation; absent when there is none.
	Layer    *Named       `json:"layer,omitempty"`
	Code     string       `json:"code,omitempty"` // response code the session jumped on
	Card     string       `json:"card,omitempty"` // first 6 + last 4
	Terminal Terminal     `json:"terminal"`
	Findings []FindingDoc `json:"findings"`
	Checks   []CheckDoc   `json:"checks"`
	LastTxn  *Transaction `json:"last_transaction,omitempty"`
	Trail    []TrailDoc   `json:"trail"`
	Note     string       `json:"note,omitempty"` // e.g. the session document could not be read
}

// FindingDoc is a cause the session found, with its remedies.
type FindingDoc struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Layer    string    `json:"layer,omitempty"`
	Severity string    `json:"severity"`
	Fixed    bool      `json:"fixed,omitempty"`
	At       time.Time `json:"at,omitzero"`
	Remedies []string  `json:"remedies"`
	Customer string    `json:"customer,omitempty"` // what to tell the customer
	// Grade is the finding's basis, a stable ID: "measured" (a check
	// showed it), "reported" (a response code or the terminal said so) or
	// "inferred" (from answers only); GradeText is its heading in words.
	Grade     string `json:"grade,omitempty"`
	GradeText string `json:"grade_text,omitempty"`
	// Confirm and RunnerUp (inferred findings): what would confirm it and
	// the next most likely cause, in words.
	Confirm  string `json:"confirm,omitempty"`
	RunnerUp string `json:"runner_up,omitempty"`
	// Hold is the money guard shown before the remedies ("don't charge
	// again until 末笔查询 confirms"), if one applied.
	Hold string `json:"hold,omitempty"`
}

// CheckDoc is one run of an automatic check.
type CheckDoc struct {
	Step     string     `json:"step"`
	Check    string     `json:"check"`
	Title    string     `json:"title"`
	At       time.Time  `json:"at"`
	Outcome  Named      `json:"outcome"` // pass, warn, fail, skipped
	Summary  string     `json:"summary"`
	Code     string     `json:"code,omitempty"`
	Evidence []Evidence `json:"evidence,omitempty"`
	Detail   string     `json:"detail,omitempty"`
	// Fix is set when the run verified a fix; FixAction names it.
	Fix       bool   `json:"fix,omitempty"`
	FixAction string `json:"fix_action,omitempty"`
}

// Evidence is one fact a check measured.
type Evidence struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// TrailDoc is one completed step: what was asked or checked, and the answer.
type TrailDoc struct {
	Step   string    `json:"step"`
	Kind   string    `json:"kind"`
	Title  string    `json:"title"`
	At     time.Time `json:"at"`
	Answer string    `json:"answer,omitempty"` // answer ID
	Text   string    `json:"text,omitempty"`   // the answer (or check outcome) in words
	Input  string    `json:"input,omitempty"`  // typed answer, safe form
	Code   string    `json:"code,omitempty"`
	Next   string    `json:"next,omitempty"`
}

// builder builds a Document, scrubbing every string and counting what it
// removed by area.
type builder struct {
	tr     Translate
	counts map[string]map[Kind]int // area → kind → count
}

// s scrubs v found in area.
func (b *builder) s(area, v string) string {
	sc := Scrub(v)
	for k, n := range sc.Counts {
		b.count(area, k, n)
	}
	return sc.Text
}

// id scrubs v, a merchant or terminal ID found in area: it stays readable
// (the advice asks the merchant to quote it) unless it could be a card
// (ScrubID).
func (b *builder) id(area, v string) string {
	sc := ScrubID(v)
	for k, n := range sc.Counts {
		b.count(area, k, n)
	}
	return sc.Text
}

// idKeys are the evidence and field keys that hold a merchant or terminal
// ID.
var idKeys = map[string]bool{"device.fact.tid": true, "device.fact.mid": true, "evidence.txn.tid": true, "evidence.txn.mid": true,
	"decode.field.41": true, "decode.field.42": true}

func (b *builder) count(area string, k Kind, n int) {
	if b.counts[area] == nil {
		b.counts[area] = map[Kind]int{}
	}
	b.counts[area][k] += n
}

// t translates key, returning "" for an empty key.
func (b *builder) t(key string, kv ...any) string {
	if key == "" {
		return ""
	}
	return b.tr(key, kv...)
}

// has reports whether key translates to something other than itself.
func (b *builder) has(key string) bool { return key != "" && b.tr(key) != key }

// value shows an evidence value: a translation key is translated, other
// text is kept.
func (b *builder) value(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n") && strings.Contains(v, ".") && b.has(v) {
		return b.tr(v)
	}
	return v
}

// Build makes the report from in: it resumes each session, translates and
// scrubs everything, and records what it removed. It returns ErrNoSessions
// for an input without sessions and ErrNoTranslator without Tr. A session
// document that cannot be read is reported from its Summary, with a note.
func Build(in Input) (*Report, error) {
	if len(in.Sessions) == 0 {
		return nil, ErrNoSessions
	}
	if in.Tr == nil {
		return nil, ErrNoTranslator
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if in.Location == nil {
		in.Location = time.Local
	}
	if in.Lang == "" {
		in.Lang = "zh-Hans"
	}
	b := &builder{tr: in.Tr, counts: map[string]map[Kind]int{}}
	ids := make([]string, 0, len(in.Sessions))
	for _, s := range in.Sessions {
		ids = append(ids, s.ID)
	}
	doc := Document{Schema: DocumentSchema, Kind: DocumentKind, Ref: groupRef(ids),
		Generated: in.Now.Round(0).Truncate(time.Second), Lang: in.Lang,
		App:    App{Version: b.s("session", in.App.Version), Commit: b.s("session", in.App.Commit)},
		Policy: b.t("report.policy")}
	for _, s := range in.Sessions {
		doc.Sessions = append(doc.Sessions, b.session(s))
	}
	r := &Report{doc: doc, in: in}
	if in.Log != nil {
		sc := Scrub(strings.ToValidUTF8(string(in.Log), "\uFFFD"))
		for k, n := range sc.Counts {
			b.count("log", k, n)
		}
		r.log = []byte(sc.Text)
	}
	r.doc.Redacted = b.redactions()
	return r, nil
}

// areas orders the areas in the redaction list.
var areas = []string{"session", "terminal", "checks", "transaction", "trail", "findings", "log"}

// kinds orders the kinds in the redaction list.
var kinds = []Kind{KindPAN, KindTrack, KindPIN, KindICC, KindKeys, KindMAC, KindRaw}

func (b *builder) redactions() []Redaction {
	out := []Redaction{}
	for _, a := range areas {
		for _, k := range kinds {
			if n := b.counts[a][k]; n > 0 {
				out = append(out, Redaction{Kind: k, Area: a, Count: n,
					Text: b.t("report.redacted."+string(k), "count", n, "area", b.t("report.area."+a))})
			}
		}
	}
	return out
}

// session builds one session's part of the document.
func (b *builder) session(in Session) SessionDoc {
	sd := SessionDoc{ID: b.s("session", in.ID), Ref: RefCode(in.ID), Findings: []FindingDoc{}, Checks: []CheckDoc{}, Trail: []TrailDoc{}}
	sum := in.Summary
	var sess *wizard.Session
	if len(in.Doc) > 0 {
		s, err := wizard.Resume(in.Doc, wizard.Flows(), nil)
		if err == nil {
			sess = s
			sum = s.Summary()
		} else {
			sd.Note = b.t("report.note.unreadable")
		}
	} else {
		sd.Note = b.t("report.note.nodoc")
	}
	sd.Started, sd.Finished = sum.Started, sum.Finished
	sd.Flow = Named{ID: string(sum.Flow), Text: string(sum.Flow)}
	if f, err := wizard.FlowByID(sum.Flow); err == nil {
		sd.Flow.Text = b.t(f.Title)
	}
	outcome := sum.Outcome
	if outcome == "" {
		outcome = wizard.VerdictOpen
	}
	sd.Verdict = Named{ID: outcome, Text: b.t(wizard.VerdictKey(outcome))}
	if sum.Layer != wizard.LayerNone {
		sd.Layer = &Named{ID: string(sum.Layer), Text: b.t("report.layer." + string(sum.Layer))}
	}
	sd.Code = b.s("session", sum.Code)
	sd.Card = b.card("session", sum.Card)
	if sess != nil {
		sd.Findings = b.findings(sess.Findings())
		sd.Checks = b.checks(sess)
		sd.Trail = b.trail(sess)
	} else {
		for _, id := range sum.Findings {
			if f, ok := wizard.LookupFinding(id); ok {
				sd.Findings = append(sd.Findings, b.findings([]wizard.Found{{ID: f.ID, Layer: f.Layer,
					Severity: f.Severity, Title: f.Title, Remedies: f.Remedies, Customer: f.Customer}})...)
			} else {
				sd.Findings = append(sd.Findings, FindingDoc{ID: b.s("findings", string(id)), Title: b.s("findings", string(id)), Remedies: []string{}})
			}
		}
	}
	sd.Terminal = b.terminal(in.Terminal, sess)
	sd.LastTxn = b.lastTxn(in.LastTxn, sess)
	return sd
}

func (b *builder) findings(fs []wizard.Found) []FindingDoc {
	out := []FindingDoc{}
	for _, f := range fs {
		fd := FindingDoc{ID: string(f.ID), Title: b.t(f.Title), Layer: string(f.Layer), Severity: string(f.Severity),
			Fixed: f.Fixed, At: f.At, Remedies: []string{}, Customer: b.t(f.Customer),
			Grade: string(f.Grade), Confirm: b.t(f.Confirm), Hold: b.t(f.Hold)}
		if f.Grade != "" {
			fd.GradeText = b.t(f.Grade.Key())
		}
		if f.RunnerUp != "" {
			if r, ok := wizard.LookupFinding(f.RunnerUp); ok {
				fd.RunnerUp = b.t(r.Title)
			}
		}
		for _, r := range f.Remedies {
			fd.Remedies = append(fd.Remedies, b.t(r))
		}
		out = append(out, fd)
	}
	return out
}

// card shows a card number: an already masked one as it is (scrubbed), a
// full one masked to first 6 + last 4 and counted.
func (b *builder) card(area, v string) string {
	if v == "" || strings.Contains(v, "*") {
		return b.s(area, v)
	}
	m := pan.Mask(v)
	if strings.ContainsAny(v, "0123456789") && m != v {
		b.count(area, KindPAN, 1)
	}
	return m
}

// checkTitle names a check by its display name (CheckID.TitleKey), else
// by its ID.
func (b *builder) checkTitle(id wizard.CheckID) string {
	if k := id.TitleKey(); b.has(k) {
		return b.tr(k)
	}
	return string(id)
}

// orderedResults returns the results in the step's check order, then any
// others sorted by ID.
func orderedResults(st wizard.Step, res map[wizard.CheckID]wizard.Result) []wizard.CheckID {
	var ids []wizard.CheckID
	for _, id := range st.Checks {
		if _, ok := res[id]; ok {
			ids = append(ids, id)
		}
	}
	var rest []wizard.CheckID
	for id := range res {
		if !slices.Contains(ids, id) {
			rest = append(rest, id)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	return append(ids, rest...)
}

func (b *builder) check(step wizard.StepID, id wizard.CheckID, at time.Time, r wizard.Result) CheckDoc {
	kv := make([]any, 0, 2*len(r.Args))
	names := make([]string, 0, len(r.Args))
	for k := range r.Args {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		kv = append(kv, k, b.value(r.Args[k]))
	}
	cd := CheckDoc{Step: string(step), Check: string(id), Title: b.checkTitle(id), At: at,
		Outcome: Named{ID: r.Outcome.String(), Text: b.t(r.Outcome.Key())},
		Summary: b.s("checks", b.t(r.Summary, kv...)), Code: b.s("checks", r.Code), Detail: b.s("checks", r.Detail)}
	for _, f := range r.Evidence {
		if f.Key == RawEvidenceKey {
			b.count("checks", KindRaw, 1)
			continue
		}
		label := f.Key
		if b.has(f.Key) {
			label = b.tr(f.Key)
		}
		var value string
		if idKeys[f.Key] {
			value = b.id("checks", f.Value)
		} else {
			value = b.s("checks", b.value(f.Value))
		}
		cd.Evidence = append(cd.Evidence, Evidence{Key: b.s("checks", f.Key), Label: b.s("checks", label), Value: value})
	}
	return cd
}

func (b *builder) checks(sess *wizard.Session) []CheckDoc {
	out := []CheckDoc{}
	flow := sess.Flow()
	for _, rec := range sess.Trail() {
		if rec.Kind != wizard.KindCheck {
			continue
		}
		st, _ := flow.Step(rec.Step)
		for _, id := range orderedResults(st, rec.Results) {
			out = append(out, b.check(rec.Step, id, rec.At, rec.Results[id]))
		}
	}
	for _, fx := range sess.Fixes() {
		st, _ := flow.Step(fx.Step)
		for _, id := range orderedResults(st, fx.Results) {
			cd := b.check(fx.Step, id, fx.At, fx.Results[id])
			cd.Fix, cd.FixAction = true, string(fx.Action)
			out = append(out, cd)
		}
	}
	return out
}

func (b *builder) trail(sess *wizard.Session) []TrailDoc {
	out := []TrailDoc{}
	flow := sess.Flow()
	for _, rec := range sess.Trail() {
		st, _ := flow.Step(rec.Step)
		td := TrailDoc{Step: string(rec.Step), Kind: rec.Kind.String(), Title: b.t(st.Title), At: rec.At,
			Answer: b.s("trail", rec.Answer), Input: b.s("trail", rec.Input), Code: b.s("trail", rec.Code), Next: string(rec.Next)}
		switch rec.Kind {
		case wizard.KindCheck:
			worst := wizard.Skipped
			for _, r := range rec.Results {
				worst = max(worst, r.Outcome)
			}
			td.Text = b.t(worst.Key())
		case wizard.KindQuestion:
			for _, a := range st.Answers {
				if a.ID == rec.Answer {
					td.Text = b.t(a.Label)
				}
			}
			if st.Input == wizard.InputCode && rec.Input != "" {
				td.Text = b.t("report.trail.code", "code", td.Input)
			}
		case wizard.KindInstruction:
			td.Text = b.t(wizard.StandardAnswerKey(rec.Answer))
		case wizard.KindFinding:
			if f, ok := wizard.LookupFinding(st.Finding); ok {
				td.Text = b.t(f.Title)
			}
		}
		td.Text = b.s("trail", td.Text)
		out = append(out, td)
	}
	if st := sess.Current(); sess.Done() && st.Kind == wizard.KindFinding {
		td := TrailDoc{Step: string(st.ID), Kind: st.Kind.String(), Title: b.t("report.trail.end"), At: sess.Summary().Finished}
		if f, ok := wizard.LookupFinding(st.Finding); ok {
			td.Text = b.t(f.Title)
		}
		out = append(out, td)
	}
	return out
}

// statusFacts maps the terminal.status check's evidence keys onto Terminal.
var statusFacts = map[string]func(*Terminal) *string{
	"device.fact.model":      func(t *Terminal) *string { return &t.Model },
	"device.fact.serial":     func(t *Terminal) *string { return &t.Serial },
	"device.fact.firmware":   func(t *Terminal) *string { return &t.Firmware },
	"device.fact.app":        func(t *Terminal) *string { return &t.App },
	"device.fact.tid":        func(t *Terminal) *string { return &t.TID },
	"device.fact.mid":        func(t *Terminal) *string { return &t.MID },
	"evidence.terminal.port": func(t *Terminal) *string { return &t.Port },
}

// terminal fills the caller's terminal description from the session's
// latest status evidence, without overwriting what the caller gave.
func (b *builder) terminal(t Terminal, sess *wizard.Session) Terminal {
	if sess != nil {
		var latest []wizard.Fact
		for _, rec := range sess.Trail() {
			for _, id := range []wizard.CheckID{wizard.CheckTerminalPort, wizard.CheckTerminalStatus} {
				if r, ok := rec.Results[id]; ok && len(r.Evidence) > 0 {
					latest = append(latest, r.Evidence...)
				}
			}
		}
		for _, f := range latest {
			if get, ok := statusFacts[f.Key]; ok && *get(&t) == "" {
				*get(&t) = f.Value
			}
		}
	}
	for _, p := range []*string{&t.Name, &t.Model, &t.Serial, &t.Firmware, &t.App, &t.Port} {
		*p = b.s("terminal", *p)
	}
	t.TID, t.MID = b.id("terminal", t.TID), b.id("terminal", t.MID)
	return t
}

// lastTxn translates and scrubs the caller's decoded transaction or, when
// there is none, builds one from the latest terminal.lasttxn result.
func (b *builder) lastTxn(given *Transaction, sess *wizard.Session) *Transaction {
	var t Transaction
	switch {
	case given != nil:
		t = *given
		t.Fields = slices.Clone(given.Fields)
		t.Redacted = slices.Clone(given.Redacted)
		if t.Source == "" {
			t.Source = "decoded"
		}
	case sess != nil:
		r, ok := lastTxnResult(sess)
		if !ok {
			return nil
		}
		t = Transaction{Source: "check", Code: r.Code}
		for _, f := range r.Evidence {
			switch f.Key {
			case "evidence.txn.type":
				t.KindKey = f.Value
			case "evidence.txn.time":
				if tm, err := time.Parse(time.RFC3339, f.Value); err == nil {
					t.Time = tm
				}
			case "evidence.txn.code":
				if t.Code == "" {
					t.Code = f.Value
				}
			case RawEvidenceKey:
			default:
				name := f.Key
				if b.has(f.Key) {
					name = b.tr(f.Key)
				}
				t.Fields = append(t.Fields, Field{NameKey: f.Key, Name: name, Value: b.value(f.Value)})
			}
		}
		if t.Code != "" {
			if c, ok := respcode.Lookup(t.Code); ok {
				if k := c.MeaningKey(); b.has(k) {
					t.MeaningKey = k
				}
				if k := c.NextKey(); b.has(k) {
					t.NextKey = k
				}
			}
		}
	default:
		return nil
	}
	if t.Source == "check" && t.KindKey == "" && t.Code == "" && len(t.Fields) == 0 {
		return nil // the check read nothing
	}
	t.KindText = b.s("transaction", b.t(t.KindKey))
	t.Meaning = b.s("transaction", b.t(t.MeaningKey))
	t.Next = b.s("transaction", b.t(t.NextKey))
	for _, p := range []*string{&t.Code, &t.Amount, &t.Trace, &t.RRN, &t.AuthCode, &t.Batch} {
		*p = b.s("transaction", *p)
	}
	t.TID, t.MID = b.id("transaction", t.TID), b.id("transaction", t.MID)
	t.Card = b.card("transaction", t.Card)
	for i, f := range t.Fields {
		if f.Name == "" && f.NameKey != "" {
			f.Name = b.t(f.NameKey)
		}
		f.Name = b.s("transaction", f.Name)
		if f.Redacted && f.Value != "" && f.ID != 2 {
			f.Value = "" // a withheld field keeps no value, whatever the caller sent
		}
		switch {
		case f.ID == 2:
			f.Value = b.card("transaction", f.Value)
		case f.ID == 41 || f.ID == 42 || idKeys[f.NameKey]:
			f.Value = b.id("transaction", f.Value)
		default:
			f.Value = b.s("transaction", f.Value)
		}
		t.Fields[i] = f
	}
	for _, id := range t.Redacted {
		if k, ok := fieldKinds[id]; ok {
			b.count("transaction", k, 1)
		}
	}
	return &t
}

// fieldKinds says what each withheld ISO 8583 field held.
var fieldKinds = map[string]Kind{"2": KindPAN, "35": KindTrack, "36": KindTrack, "45": KindTrack,
	"52": KindPIN, "55": KindICC, "62": KindKeys, "64": KindMAC, "128": KindMAC}

// lastTxnResult returns the latest terminal.lasttxn result of the session.
func lastTxnResult(sess *wizard.Session) (wizard.Result, bool) {
	var (
		out   wizard.Result
		found bool
	)
	for _, rec := range sess.Trail() {
		if r, ok := rec.Results[wizard.CheckTerminalLastTxn]; ok {
			out, found = r, true
		}
	}
	return out, found
}

// RawCapture returns the raw message capture (hex) the session's latest
// terminal.lasttxn result carries under RawEvidenceKey, for the caller to
// decode into Session.LastTxn. ok is false when there is none or the
// document cannot be read.
func RawCapture(doc []byte) (hex string, ok bool) {
	var d struct {
		Trail []wizard.Record `json:"trail"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return "", false
	}
	for _, rec := range d.Trail {
		if r, has := rec.Results[wizard.CheckTerminalLastTxn]; has {
			for _, f := range r.Evidence {
				if f.Key == RawEvidenceKey && f.Value != "" {
					hex, ok = f.Value, true
				}
			}
		}
	}
	return hex, ok
}

// Report is a built report: the scrubbed Document and the scrubbed log,
// ready to render as PDF, JSON, text or a zip bundle. It is immutable and
// safe for concurrent use.
type Report struct {
	doc Document
	in  Input
	log []byte
}

// Ref returns the report's reference code.
func (r *Report) Ref() string { return r.doc.Ref }

// Document returns the report's data. The top-level slices are copies;
// callers must not modify what they hold.
func (r *Report) Document() Document {
	d := r.doc
	d.Sessions = slices.Clone(d.Sessions)
	d.Redacted = slices.Clone(d.Redacted)
	return d
}

// Removed lists what the report removed or masked, including in the log.
func (r *Report) Removed() []Redaction { return slices.Clone(r.doc.Redacted) }

// JSON returns the document as indented JSON, the file support tools read
// (see assets/report.schema.json).
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r.doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report %s json: %w", r.doc.Ref, err)
	}
	return append(b, '\n'), nil
}
