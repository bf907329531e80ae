package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"posdoctor/device/unionpay"
	"posdoctor/ui/i18n"
	"posdoctor/wizard/respcode"
)

// TimelineRow is one message of a log as both renderings show it: every
// column already in the user's words. The card is masked.
type TimelineRow struct {
	N      int    // 1-based position in the timeline
	Line   int    // line in the log
	Time   string // as the log wrote it, or ""
	Dir    string // "发送" / "sent" …, or ""
	Type   string // "Sale", "Sale response"
	Amount string // "¥128.00", or ""
	Card   string // masked, or ""
	Trace  string // "Trace 000123", or ""
	Result string // "12 Invalid transaction", or ""
	Pair   string // "answer #6", "no answer in the log", or ""
	Failed bool   // a failed answer: shown as a warning
}

// Timeline turns a log into rows in the user's language.
func Timeline(tr *i18n.Translator, lg *unionpay.Log) []TimelineRow {
	rows := make([]TimelineRow, 0, len(lg.Entries))
	for i, e := range lg.Entries {
		r := TimelineRow{N: i + 1, Line: e.Line, Time: e.Time, Card: e.Card, Failed: e.Failed()}
		if e.Dir != unionpay.DirUnknown {
			r.Dir = tr.T("decode.log.dir." + string(e.Dir))
		}
		r.Type = tr.T(e.Kind.Key())
		if e.Kind == unionpay.KindReversal && e.Original != "" && e.Original != unionpay.KindUnknown {
			r.Type = tr.T("decode.summary.reversal_of", "original", tr.T(e.Original.Key()))
		}
		if e.Response {
			r.Type = tr.T("decode.summary.response", "kind", r.Type)
		}
		if e.HasAmount {
			r.Amount = tr.T("decode.summary.amount", "yuan", unionpay.Yuan(e.AmountFen))
		}
		if e.Trace != "" {
			r.Trace = tr.T("decode.summary.trace", "trace", e.Trace)
		}
		if e.Code != "" {
			r.Result = e.Code + " " + tr.T(e.MeaningKey())
		}
		if e.SignInAgain {
			r.Result = strings.TrimSpace(r.Result + " · " + tr.T("decode.label.signin_again"))
		}
		switch {
		case e.Pair >= 0 && e.Response:
			r.Pair = tr.T("decode.log.pair.request", "n", e.Pair+1)
		case e.Pair >= 0:
			r.Pair = tr.T("decode.log.pair.response", "n", e.Pair+1)
		case !e.Response:
			r.Pair = tr.T("decode.log.pair.none")
		}
		rows = append(rows, r)
	}
	return rows
}

// Cells returns the row's columns that have something to say, in order.
func (r TimelineRow) Cells() []string {
	var out []string
	for _, c := range []string{r.Time, r.Dir, r.Type, r.Amount, r.Card, r.Trace, r.Result, r.Pair} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// LogNotes returns what the reader should know about the log besides its
// rows: messages left out, dumps that did not decode, the byte limit, and
// the newest failed answer with its next step.
func LogNotes(tr *i18n.Translator, lg *unionpay.Log, readErr error) []string {
	var out []string
	var le *unionpay.LogLimitError
	if errors.As(readErr, &le) {
		out = append(out, tr.T("decode.log.too_large", "mb", le.Limit>>20))
	}
	if lg.Dropped > 0 {
		out = append(out, tr.T("decode.log.dropped", "n", lg.Dropped))
	}
	if lg.Undecoded > 0 {
		out = append(out, tr.T("decode.log.undecoded", "n", lg.Undecoded))
	}
	if len(lg.Entries) == 0 {
		out = append(out, tr.T("decode.log.none"))
		return out
	}
	if e, ok := lg.NewestFailed(); ok {
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
		out = append(out, tr.T("decode.log.newest_failed", "at", at, "code", e.Code, "meaning", tr.T(e.MeaningKey())))
		info, _ := respcode.Lookup(e.Code)
		next := info.NextKey()
		if e.SignInAgain {
			next = "decode.next.signin"
		}
		out = append(out, tr.T("decode.pair", "label", tr.T("decode.label.next"), "value", tr.T(next)))
	} else {
		out = append(out, tr.T("decode.log.no_failure"))
	}
	return out
}

// runDecodeLog is `decode --all`: the timeline of every message in a log.
func runDecodeLog(env *Env, name string, in io.Reader, asJSON bool) int {
	lg, err := unionpay.ReadLog(in, unionpay.DefaultLogLimits)
	if err != nil && !errors.Is(err, unionpay.ErrLogTooLarge) {
		fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.read", "file", name, "err", err.Error()))
		return ExitUsage
	}
	code := ExitOK
	if _, failed := lg.NewestFailed(); failed {
		code = ExitProblem
	}
	if asJSON {
		out := struct {
			*unionpay.Log
			Locale    string   `json:"locale"`
			Truncated bool     `json:"truncated,omitempty"`
			Rows      []string `json:"rows_text"`
			Notes     []string `json:"notes_text"`
		}{Log: lg, Locale: env.Tr.Locale(), Truncated: err != nil, Notes: LogNotes(env.Tr, lg, err)}
		for _, r := range Timeline(env.Tr, lg) {
			out.Rows = append(out.Rows, strings.Join(r.Cells(), " · "))
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.other", "err", err.Error()))
			return ExitProblem
		}
		return code
	}
	if err != nil {
		// Say it first, on stderr too: the newest messages may be past
		// the limit.
		fmt.Fprintln(env.Stderr, env.Tr.T("decode.log.too_large", "mb", unionpay.DefaultLogLimits.MaxBytes>>20))
	}
	WriteTimeline(env.Stdout, env.Tr, lg, err)
	return code
}

// WriteTimeline prints a log's timeline as `decode --all` does: a heading,
// one line per message, then the notes.
func WriteTimeline(w io.Writer, tr *i18n.Translator, lg *unionpay.Log, readErr error) {
	fmt.Fprintln(w, tr.T("decode.log.heading", "n", len(lg.Entries)+lg.Dropped, "lines", lg.Lines))
	rows := Timeline(tr, lg)
	width := len(strconv.Itoa(len(rows)))
	for _, r := range rows {
		mark := " "
		if r.Failed {
			mark = "!"
		}
		fmt.Fprintf(w, "%s#%-*d %s\n", mark, width, r.N, strings.Join(r.Cells(), " · "))
	}
	notes := LogNotes(tr, lg, readErr)
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
}
