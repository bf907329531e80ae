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
)

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
		}{Log: lg, Locale: env.Tr.Locale(), Truncated: err != nil}
		for _, n := range unionpay.LogNotes(lg, err) {
			out.Notes = append(out.Notes, n.Text(env.Tr.T))
		}
		for _, r := range unionpay.Timeline(lg) {
			out.Rows = append(out.Rows, strings.Join(r.Cells(env.Tr.T), " · "))
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
	writeTimeline(env.Stdout, env.Tr, lg, err)
	return code
}

// writeTimeline prints a log's timeline as `decode --all` does: a heading,
// one line per message, then the notes.
func writeTimeline(w io.Writer, tr *i18n.Translator, lg *unionpay.Log, readErr error) {
	fmt.Fprintln(w, tr.T("decode.log.heading", "n", len(lg.Entries)+lg.Dropped, "lines", lg.Lines))
	rows := unionpay.Timeline(lg)
	width := len(strconv.Itoa(len(rows)))
	for _, r := range rows {
		mark := " "
		if r.Failed {
			mark = "!"
		}
		fmt.Fprintf(w, "%s#%-*d %s\n", mark, width, r.N, strings.Join(r.Cells(tr.T), " · "))
	}
	notes := unionpay.LogNotes(lg, readErr)
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		fmt.Fprintln(w, n.Text(tr.T))
	}
}
