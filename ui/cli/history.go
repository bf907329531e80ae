package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"posdoctor/store"
	"posdoctor/wizard"
)

// storePath returns the history file the CLI uses: in env.DataDir when set,
// else in store.DefaultDir (the same file the GUI opens).
func storePath(env *Env) (string, error) {
	if env.DataDir != "" {
		return filepath.Join(env.DataDir, store.FileName), nil
	}
	return store.DefaultPath()
}

// openStore opens the history and tells the user, on Stderr, about a
// damaged file that was replaced or damaged records set aside. With
// autoBackup it makes the daily backup when one is due, as the GUI does
// (a failed backup is reported, the command goes on). On failure it
// prints why and returns the exit code to use.
func openStore(env *Env, path string, autoBackup bool) (*store.DB, int) {
	db, err := store.Open(path)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return nil, ExitProblem
	}
	if rec := db.Recovery(); rec != nil {
		printRecovery(env.Stderr, env, rec)
	}
	if n := db.Quarantined(); n > 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.quarantined", "count", n))
	}
	if db.ReadOnly() {
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.readonly"))
	} else if autoBackup {
		if _, err := db.BackupIfDue(time.Now()); err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("store.backup.failed", "err", err.Error()))
		}
	}
	return db, ExitOK
}

// storeError turns an error from package store into words for the user.
func storeError(env *Env, err error) string {
	switch {
	case errors.Is(err, store.ErrInUse):
		return env.Tr.T("store.inuse")
	case errors.Is(err, store.ErrNewerSchema):
		return env.Tr.T("store.newer")
	case errors.Is(err, store.ErrReadOnly):
		return env.Tr.T("storebranch.readonly.save")
	case errors.Is(err, store.ErrDamagedRecord):
		return env.Tr.T("storebranch.damaged.record")
	default:
		return env.Tr.T("store.error", "err", err.Error())
	}
}

// printRecovery explains what Open did with a damaged file.
func printRecovery(w io.Writer, env *Env, rec *store.Recovery) {
	fmt.Fprintln(w, env.Tr.T("store.recovered", "aside", rec.MovedAside))
	if rec.Salvaged {
		fmt.Fprintln(w, env.Tr.T("store.recovered.salvaged", "count", rec.Sessions))
		if rec.FromBackup > 0 {
			fmt.Fprintln(w, env.Tr.T("storebranch.recovered.completed", "count", rec.FromBackup,
				"time", rec.BackupTime.Local().Format("2006-01-02 15:04")))
		}
		return
	}
	if rec.Backup == "" {
		fmt.Fprintln(w, env.Tr.T("store.recovered.nobackup"))
		return
	}
	fmt.Fprintln(w, env.Tr.T("store.recovered.backup",
		"time", rec.BackupTime.Local().Format("2006-01-02 15:04"), "count", rec.Sessions, "file", rec.Backup))
}

// parseDay reads a --since/--until value: a date (2006-01-02, local time)
// or an RFC 3339 time. endOfDay moves a bare date to the next midnight, so
// "--until 2026-11-25" includes that day.
func parseDay(s string, endOfDay bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		return time.Time{}, err
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// runHistory lists past sessions, newest first:
//
//	posdoctor history [--since DATE] [--until DATE] [--outcome X]
//	                  [--terminal T] [--finding F] [--limit N] [--json]
func runHistory(_ context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	since := fs.String("since", "", "")
	until := fs.String("until", "", "")
	outcome := fs.String("outcome", "", "")
	terminal := fs.String("terminal", "", "")
	finding := fs.String("finding", "", "")
	limit := fs.Int("limit", store.DefaultPageSize, "")
	asJSON := fs.Bool("json", false, "")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(env.Stdout, env.Tr.T("store.history.usage"))
		return ExitOK
	}
	if err != nil || fs.NArg() > 0 || *limit <= 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("store.history.usage"))
		return ExitUsage
	}
	q := store.Query{Outcome: *outcome, Terminal: *terminal, Finding: *finding, Limit: *limit}
	for _, d := range []struct {
		val *string
		dst *time.Time
		end bool
	}{{since, &q.Since, false}, {until, &q.Until, true}} {
		if *d.val == "" {
			continue
		}
		t, err := parseDay(*d.val, d.end)
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("store.history.baddate", "value", *d.val))
			return ExitUsage
		}
		*d.dst = t
	}

	path, err := storePath(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	var page store.Page
	names := map[string]string{}
	damaged := 0
	if _, err := os.Stat(path); err == nil {
		db, code := openStore(env, path, true)
		if db == nil {
			return code
		}
		defer db.Close()
		if page, err = db.Sessions(q); err != nil {
			fmt.Fprintln(env.Stderr, storeError(env, err))
			return ExitProblem
		}
		if dmg, err := db.Damaged(); err == nil {
			damaged = page.Damaged + len(dmg)
		}
		if ts, err := db.Terminals(); err == nil {
			for _, t := range ts {
				if t.Name != "" {
					names[t.Key] = t.Name
				}
			}
		}
	}

	if *asJSON {
		out := page.Sessions
		if out == nil {
			out = []store.Session{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitProblem
		}
		return ExitOK
	}
	if damaged > 0 {
		// Said last, also under an empty list.
		defer fmt.Fprintln(env.Stdout, env.Tr.T("storebranch.history.damaged", "count", damaged))
	}
	if len(page.Sessions) == 0 {
		fmt.Fprintln(env.Stdout, env.Tr.T("store.history.empty"))
		return ExitOK
	}
	rows := [][]string{{
		env.Tr.T("store.history.col.time"), env.Tr.T("store.history.col.terminal"),
		env.Tr.T("store.history.col.flow"), env.Tr.T("store.history.col.outcome"),
		env.Tr.T("store.history.col.findings"),
	}}
	for _, s := range page.Sessions {
		term := s.Terminal
		if n := names[term]; n != "" {
			term = n
		}
		if term == "" {
			term = "-"
		}
		if s.Training {
			term += env.Tr.T("store.history.training") // carries its own spacing
		}
		findings := make([]string, 0, len(s.Findings))
		for _, f := range s.Findings {
			findings = append(findings, findingTitle(env, f))
		}
		rows = append(rows, []string{
			s.Started.Local().Format("2006-01-02 15:04"), term, flowTitle(env, s.Flow),
			outcomeWord(env, s.Outcome), orDash(strings.Join(findings, env.Tr.T("store.history.sep"))),
		})
	}
	writeTable(env.Stdout, rows)
	if page.Next != "" {
		fmt.Fprintln(env.Stdout, env.Tr.T("store.history.more"))
	}
	return ExitOK
}

// findingTitle names a finding in the user's language: the wizard's title
// key ("findings.<id>", or the older "finding.<id>.title"), else the ID.
func findingTitle(env *Env, id string) string {
	for _, k := range []string{"findings." + id, "finding." + id + ".title"} {
		if env.Tr.Has(k) {
			return env.Tr.T(k)
		}
	}
	return id
}

// flowTitle names a flow by its title key "flows.<id>.title", else its ID.
func flowTitle(env *Env, id string) string {
	if k := "flows." + id + ".title"; id != "" && env.Tr.Has(k) {
		return env.Tr.T(k)
	}
	return orDash(id)
}

// outcomeWord names a session outcome (the wizard's verdicts open, ok,
// problem, fixed), falling back to the raw value.
func outcomeWord(env *Env, o string) string {
	if o == "" {
		return "-"
	}
	if k := wizard.VerdictLabelKey(o); env.Tr.Has(k) {
		return env.Tr.T(k)
	}
	return o
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeTable prints rows in columns two spaces apart. Chinese characters
// take two columns on a terminal, which text/tabwriter does not know.
func writeTable(w io.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// displayWidth is the number of terminal columns s takes: two for East
// Asian wide characters, one for the rest.
func displayWidth(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6:
			n += 2
		default:
			n++
		}
	}
	return n
}
