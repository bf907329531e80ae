package unionpay

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"posdoctor/wizard/respcode"
)

// Translate puts a translation key with name/value arguments into the
// user's words; i18n.Translator.T has this shape. The describing functions
// below never call it: they return Phrases, and the caller renders them.
type Translate func(key string, kv ...any) string

// Phrase is a piece of text in the user's language, still as data: a
// translation key with its arguments, a literal (a code, an MTI, a hex
// value: Key is ""), or Parts joined by Sep (Key and Lit both empty). An
// argument value that is a Phrase is rendered first. The words live in the
// translation files; Go only says which key and which values.
type Phrase struct {
	Key   string
	Args  []any // name, value, name, value…; a value may be a Phrase
	Lit   string
	Parts []Phrase
	Sep   string
}

// Text renders the phrase with t.
func (p Phrase) Text(t Translate) string {
	switch {
	case p.Key != "":
		args := make([]any, len(p.Args))
		for i, a := range p.Args {
			if q, ok := a.(Phrase); ok {
				a = q.Text(t)
			}
			args[i] = a
		}
		return t(p.Key, args...)
	case len(p.Parts) > 0:
		s := make([]string, len(p.Parts))
		for i, q := range p.Parts {
			s[i] = q.Text(t)
		}
		return strings.Join(s, p.Sep)
	}
	return p.Lit
}

// Empty reports whether the phrase says nothing.
func (p Phrase) Empty() bool { return p.Key == "" && p.Lit == "" && len(p.Parts) == 0 }

// say and literal build Phrases.
func say(k string, kv ...any) Phrase { return Phrase{Key: k, Args: kv} }

func literal(s string) Phrase { return Phrase{Lit: s} }

// joined joins phrases with sep.
func joined(sep string, parts ...Phrase) Phrase { return Phrase{Parts: parts, Sep: sep} }

// labelled is "label: value" with the language's colon (decode.pair).
func labelled(labelKey string, value any) Phrase {
	return say("decode.pair", "label", say(labelKey), "value", value)
}

// RowKind says how a row of a description sits in the text.
type RowKind int

// The kinds of rows: a line of its own, a detail under the line before, a
// field (with its number) and a subfield (with its ID).
const (
	RowLine RowKind = iota
	RowDetail
	RowField
	RowSubfield
)

// Row is one line of a decoded message's description: what it says and
// where it sits. Gap asks for space before it (a blank line in text).
type Row struct {
	Kind  RowKind
	Field int    // RowField: the field number
	Sub   string // RowSubfield: the subfield ID ("60.1")
	Text  Phrase
	Gap   bool
}

// Line renders the row as the command line prints it, indented.
func (r Row) Line(t Translate) string {
	switch r.Kind {
	case RowDetail:
		return "  " + r.Text.Text(t)
	case RowField:
		return fmt.Sprintf("  %2d  %s", r.Field, r.Text.Text(t))
	case RowSubfield:
		return fmt.Sprintf("      %s  %s", r.Sub, r.Text.Text(t))
	}
	return r.Text.Text(t)
}

// Lines renders rows as text lines, a gap as an empty line.
func Lines(rows []Row, t Translate) []string {
	out := make([]string, 0, len(rows)+4)
	for _, r := range rows {
		if r.Gap {
			out = append(out, "")
		}
		out = append(out, r.Line(t))
	}
	return out
}

// TransactionPhrase names what the message is: "Sale", "Sale response",
// "Reversal of a Sale".
func TransactionPhrase(d *Decoded) Phrase { return transaction(d.Kind, d.Original, d.Response) }

func transaction(kind, original Kind, response bool) Phrase {
	p := say(kind.Key())
	if kind == KindReversal && original != "" && original != KindUnknown {
		p = say("decode.summary.reversal_of", "original", say(original.Key()))
	}
	if response {
		p = say("decode.summary.response", "kind", p)
	}
	return p
}

// Summary is the one-line summary of a message: transaction · result ·
// amount · trace · TID · MID.
func Summary(d *Decoded) Phrase {
	parts := []Phrase{TransactionPhrase(d)}
	switch {
	case d.Code == "":
		parts = append(parts, say("decode.summary.request"))
	case d.Role == RoleReason:
		parts = append(parts, say("decode.summary.reason", "code", d.Code, "meaning", say(d.MeaningKey())))
	default:
		parts = append(parts, say("decode.summary.result", "code", d.Code, "meaning", say(d.MeaningKey())))
	}
	if d.HasAmount {
		parts = append(parts, say("decode.summary.amount", "yuan", d.Yuan()))
	}
	if d.Trace != "" {
		parts = append(parts, say("decode.summary.trace", "trace", d.Trace))
	}
	if d.TID != "" {
		parts = append(parts, say("decode.summary.tid", "tid", d.TID))
	}
	if d.MID != "" {
		parts = append(parts, say("decode.summary.mid", "mid", d.MID))
	}
	return joined(" · ", parts...)
}

// Describe describes a decoded (already masked) message as rows: the
// summary, the layers it came in, every field and subfield, what was
// withheld, and the response code's meaning and next step.
func Describe(d *Decoded) []Row {
	rows := []Row{{Text: Summary(d)}}

	l := d.Layers
	var layers []Phrase
	if l.Length {
		layers = append(layers, say("decode.layer.length"))
	}
	if l.TPDU != nil {
		layers = append(layers, say("decode.layer.tpdu"))
	}
	if l.NAC != "" {
		layers = append(layers, say("decode.layer.nac"))
	}
	if l.Header != nil {
		layers = append(layers, say("decode.layer.header"))
	}
	if len(layers) == 0 {
		layers = append(layers, say("decode.layer.bare"))
	}
	rows = append(rows, Row{Gap: true, Text: say("decode.layers", "layers", joined(" + ", layers...),
		"offset", l.MessageOffset, "size", l.MessageLength)})
	if l.TPDU != nil {
		rows = append(rows, Row{Kind: RowDetail, Text: say("decode.tpdu",
			"dest", fmt.Sprintf("%04X", l.TPDU.Destination), "src", fmt.Sprintf("%04X", l.TPDU.Source))})
	}
	if l.NAC != "" {
		rows = append(rows, Row{Kind: RowDetail, Text: say("decode.nac", "hex", l.NAC)})
	}
	if h := l.Header; h != nil {
		req := "decode.header.request.other"
		if h.Request >= RequestNone && h.Request <= RequestICBlack {
			req = "decode.header.request." + strconv.Itoa(h.Request)
		}
		rows = append(rows, Row{Kind: RowDetail, Text: joined(" · ",
			labelled("decode.header.app_type", h.AppType),
			labelled("decode.header.version", h.Version),
			labelled("decode.header.status", strconv.Itoa(h.Status)),
			labelled("decode.header.request", say("decode.value.with_meaning", "value", h.Request, "meaning", say(req, "n", h.Request))),
		)})
	}
	if l.Trailing > 0 {
		rows = append(rows, Row{Kind: RowDetail, Text: say("decode.trailing", "n", l.Trailing)})
	}

	rows = append(rows, Row{Gap: true, Text: labelled("decode.label.mti", d.MTI)}, Row{Text: say("decode.label.fields")})
	for _, f := range d.Fields {
		value := literal(f.Value)
		if f.Value == "" && f.Redacted {
			value = joined(" ", say("decode.value.hidden"), say("decode.value.bytes", "n", f.Size))
		}
		rows = append(rows, Row{Kind: RowField, Field: f.ID, Text: labelled(f.NameKey, value)})
		for _, s := range f.Subfields {
			v := literal(s.Value)
			if s.Value == "" && f.Redacted {
				v = say("decode.value.hidden")
			}
			if s.MeaningKey != "" {
				v = say("decode.value.with_meaning", "value", v, "meaning", say(s.MeaningKey))
			}
			rows = append(rows, Row{Kind: RowSubfield, Sub: s.ID, Text: labelled(s.NameKey, v)})
		}
	}
	if len(d.Redacted) > 0 {
		rows = append(rows, Row{Text: say("decode.label.redacted", "fields", strings.Join(d.Redacted, ", "))})
	}

	if d.Code != "" {
		role := "decode.role.result"
		if d.Role == RoleReason {
			role = "decode.role.reason"
		}
		rows = append(rows, Row{Gap: true, Text: labelled(role, d.Code)},
			Row{Text: labelled("decode.label.meaning", say(d.MeaningKey()))})
		if d.Info != nil && !d.Info.Approved() {
			rows = append(rows, Row{Text: labelled("decode.label.category", say(d.Info.Category.Key()))},
				Row{Text: labelled("decode.label.class", say(d.Info.Class.Key()))})
		}
	}
	if d.SignInAgain {
		rows = append(rows, Row{Text: say("decode.label.signin_again")})
	}
	if k := d.NextKey(); k != "" {
		rows = append(rows, Row{Text: labelled("decode.label.next", say(k))})
	}
	return rows
}

// LogRow is one message of a log's timeline, each column a Phrase ready to
// render (empty when the log did not say). The card is masked.
type LogRow struct {
	N      int    // 1-based position in the timeline
	Line   int    // line in the log
	Time   string // as the log wrote it, or ""
	Dir    Phrase // sent / received
	Type   Phrase // "Sale", "Sale response"
	Amount Phrase
	Card   string // masked, or ""
	Trace  Phrase
	Result Phrase // "12 Invalid transaction" (· sign in again)
	Pair   Phrase // "answer #6", "no answer in the log"
	Failed bool   // a failed answer: shown as a warning
}

// Timeline describes every message of a log as a row.
func Timeline(lg *Log) []LogRow {
	rows := make([]LogRow, 0, len(lg.Entries))
	for i, e := range lg.Entries {
		r := LogRow{N: i + 1, Line: e.Line, Time: e.Time, Card: e.Card, Failed: e.Failed(),
			Type: transaction(e.Kind, e.Original, e.Response)}
		if e.Dir != DirUnknown {
			r.Dir = say("decode.log.dir." + string(e.Dir))
		}
		if e.HasAmount {
			r.Amount = say("decode.summary.amount", "yuan", Yuan(e.AmountFen))
		}
		if e.Trace != "" {
			r.Trace = say("decode.summary.trace", "trace", e.Trace)
		}
		if e.Code != "" {
			r.Result = joined(" ", literal(e.Code), say(e.MeaningKey()))
		}
		if e.SignInAgain {
			if r.Result.Empty() {
				r.Result = say("decode.label.signin_again")
			} else {
				r.Result = joined(" · ", r.Result, say("decode.label.signin_again"))
			}
		}
		switch {
		case e.Pair >= 0 && e.Response:
			r.Pair = say("decode.log.pair.request", "n", e.Pair+1)
		case e.Pair >= 0:
			r.Pair = say("decode.log.pair.response", "n", e.Pair+1)
		case !e.Response:
			r.Pair = say("decode.log.pair.none")
		}
		rows = append(rows, r)
	}
	return rows
}

// Cells renders the row's columns that have something to say, in order.
func (r LogRow) Cells(t Translate) []string {
	var out []string
	for _, c := range []Phrase{literal(r.Time), r.Dir, r.Type, r.Amount, literal(r.Card), r.Trace, r.Result, r.Pair} {
		if s := c.Text(t); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// LogNotes says what the reader should know about a log besides its rows:
// the byte limit (readErr from ReadLog), messages left out, dumps that did
// not decode, and the newest failed answer with its next step.
func LogNotes(lg *Log, readErr error) []Phrase {
	var out []Phrase
	var le *LogLimitError
	if errors.As(readErr, &le) {
		out = append(out, say("decode.log.too_large", "mb", le.Limit>>20))
	}
	if lg.Dropped > 0 {
		out = append(out, say("decode.log.dropped", "n", lg.Dropped))
	}
	if lg.Undecoded > 0 {
		out = append(out, say("decode.log.undecoded", "n", lg.Undecoded))
	}
	if len(lg.Entries) == 0 {
		return append(out, say("decode.log.none"))
	}
	e, ok := lg.NewestFailed()
	if !ok {
		return append(out, say("decode.log.no_failure"))
	}
	n := 0
	for i := len(lg.Entries) - 1; i >= 0; i-- {
		if lg.Entries[i] == e {
			n = i + 1
			break
		}
	}
	at := "#" + strconv.Itoa(n)
	if e.Time != "" {
		at += " " + e.Time
	}
	out = append(out, say("decode.log.newest_failed", "at", at, "code", e.Code, "meaning", say(e.MeaningKey())))
	info, _ := respcode.Lookup(e.Code)
	next := info.NextKey()
	if e.SignInAgain {
		next = "decode.next.signin"
	}
	return append(out, labelled("decode.label.next", say(next)))
}
