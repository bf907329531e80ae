package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/device/unionpay"
	"posdoctor/store"
	"posdoctor/wizard"
	"posdoctor/wizard/report"
)

// exportPageSize is how many index records one store query reads while
// collecting a date range.
const exportPageSize = 200

// runExport writes a support report of one session, the last one, or every
// session in a date range:
//
//	posdoctor export (--last | --session ID | --since DATE [--until DATE])
//	                 [--pdf | --json | --zip] [--log FILE] [-o PATH] [--force]
//
// Without -o the report goes to report.DefaultDir under report.FileName; an
// -o naming a folder keeps the file name. The report never goes over the
// history's own files (store.CheckOutput), and replaces an existing file
// only with --force. It prints where it wrote and the
// reference code. Exit 0 when written, 1 when there is nothing to export or
// writing fails, 2 for bad arguments.
func runExport(_ context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	last := fs.Bool("last", false, "")
	id := fs.String("session", "", "")
	since := fs.String("since", "", "")
	until := fs.String("until", "", "")
	asPDF := fs.Bool("pdf", false, "")
	asJSON := fs.Bool("json", false, "")
	asZip := fs.Bool("zip", false, "")
	logFile := fs.String("log", "", "")
	out := fs.String("o", "", "")
	force := fs.Bool("force", false, "")
	usage := func() int {
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.usage"))
		return ExitUsage
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(env.Stdout, env.Tr.T("report.cli.usage"))
		return ExitOK
	} else if err != nil || fs.NArg() > 0 {
		return usage()
	}
	selectors := count(*last, *id != "", *since != "")
	if selectors != 1 || (*until != "" && *since == "") || count(*asPDF, *asJSON, *asZip) > 1 {
		return usage()
	}
	ext := exportExt(*asPDF, *asJSON, *asZip, *out)
	var from, to time.Time
	for _, d := range []struct {
		val *string
		dst *time.Time
		end bool
	}{{since, &from, false}, {until, &to, true}} {
		if *d.val == "" {
			continue
		}
		t, err := parseDay(*d.val, d.end)
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.baddate", "value", *d.val))
			return ExitUsage
		}
		*d.dst = t
	}
	var logData []byte
	if *logFile != "" {
		b, err := os.ReadFile(*logFile)
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.log", "file", *logFile, "err", err.Error()))
			return ExitProblem
		}
		logData = b
	}

	path, err := storePath(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.nothing"))
		return ExitProblem
	}
	if *out != "" {
		// Refuse before any work: the history's own files are never a
		// place for a report (the file name is only known later).
		if fi, err := os.Stat(*out); err != nil || !fi.IsDir() {
			if code, ok := checkOutput(env, path, *out, *force); !ok {
				return code
			}
		}
	}
	db, code := openStore(env, path, true)
	if db == nil {
		return code
	}
	defer db.Close()

	sessions, err := selectSessions(db, *last, *id, from, to)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.notfound", "id", *id))
		return ExitProblem
	case err != nil:
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	case len(sessions) == 0:
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.nothing"))
		return ExitProblem
	}

	r, err := report.Build(report.Input{Sessions: sessions, App: report.App{Version: env.Version, Commit: env.Commit},
		Lang: env.Tr.Locale(), Tr: env.Tr.T, Font: assets.FontTTF(), Log: logData, Now: env.now()})
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.error", "err", err.Error()))
		return ExitProblem
	}
	dest, err := exportPath(*out, r.FileName(ext))
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.error", "err", err.Error()))
		return ExitProblem
	}
	if code, ok := checkOutput(env, path, dest, *force); !ok {
		return code
	}
	if err := writeReport(dest, r, ext); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("report.cli.error", "err", err.Error()))
		return ExitProblem
	}
	fmt.Fprintln(env.Stdout, env.Tr.T("report.cli.wrote", "path", dest))
	fmt.Fprintln(env.Stdout, env.Tr.T("report.cli.ref", "ref", r.Ref()))
	if removed := r.Removed(); len(removed) > 0 {
		fmt.Fprintln(env.Stdout, env.Tr.T("report.cli.removed"))
		for _, x := range removed {
			fmt.Fprintln(env.Stdout, "  - "+x.Text)
		}
	}
	return ExitOK
}

func count(flags ...bool) int {
	n := 0
	for _, f := range flags {
		if f {
			n++
		}
	}
	return n
}

// exportExt picks the format: the flag given, else the output's extension,
// else PDF.
func exportExt(pdf, json, zip bool, out string) string {
	switch {
	case json:
		return "json"
	case zip:
		return "zip"
	case pdf:
		return "pdf"
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".json":
		return "json"
	case ".zip":
		return "zip"
	}
	return "pdf"
}

// exportPath resolves where to write: out itself, or name inside out when
// out is a folder, or name in report.DefaultDir when out is empty.
func exportPath(out, name string) (string, error) {
	if out == "" {
		dir, err := report.DefaultDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, name), nil
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return filepath.Join(out, name), nil
	}
	return out, nil
}

// writeReport renders r as ext into a temporary file beside dest and
// renames it into place, so a failed export leaves no half-written file.
func writeReport(dest string, r *report.Report, ext string) error {
	f, err := os.CreateTemp(filepath.Dir(dest), ".posdoctor-export-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	switch ext {
	case "json":
		var b []byte
		if b, err = r.JSON(); err == nil {
			_, err = f.Write(b)
		}
	case "zip":
		err = r.WriteZip(f)
	default:
		err = r.WritePDF(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, dest)
}

// selectSessions reads the sessions to export from the history: one by ID,
// the newest real (non-training) one, or every real one started in
// [from, to) oldest first. Returns store.ErrNotFound for an unknown ID.
func selectSessions(db *store.DB, last bool, id string, from, to time.Time) ([]report.Session, error) {
	var recs []store.Session
	switch {
	case id != "":
		rec, doc, err := db.Session(id)
		if err != nil {
			return nil, err
		}
		return []report.Session{ReportSession(db, rec, doc)}, nil
	case last:
		page, err := db.Sessions(store.Query{Limit: exportPageSize})
		if err != nil {
			return nil, err
		}
		for _, s := range page.Sessions {
			if !s.Training {
				recs = append(recs, s)
				break
			}
		}
	default:
		q := store.Query{Since: from, Until: to, Limit: exportPageSize}
		for {
			page, err := db.Sessions(q)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Sessions {
				if !s.Training {
					recs = append(recs, s)
				}
			}
			if page.Next == "" {
				break
			}
			q.After = page.Next
		}
		slices.Reverse(recs) // oldest first, as they happened
	}
	out := make([]report.Session, 0, len(recs))
	for _, rec := range recs {
		rec, doc, err := db.Session(rec.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ReportSession(db, rec, doc))
	}
	return out, nil
}

// ReportSession maps a history record, its session document and what the
// store knows about its terminal onto the report's input, decoding the
// last transaction's raw capture (if the session carries one) into a
// masked transaction. The GUI's export screen uses it too.
func ReportSession(db *store.DB, rec store.Session, doc []byte) report.Session {
	s := report.Session{ID: rec.ID, Doc: doc, Summary: wizard.Summary{
		Flow: wizard.FlowID(rec.Flow), Outcome: rec.Outcome, Layer: wizard.Layer(rec.Layer),
		Code: rec.Code, Card: rec.Card, Started: rec.Started, Finished: rec.Finished,
	}}
	for _, f := range rec.Findings {
		s.Summary.Findings = append(s.Summary.Findings, wizard.FindingID(f))
	}
	if rec.Terminal != "" && db != nil {
		if t, err := db.Terminal(rec.Terminal); err == nil {
			s.Terminal = report.Terminal{Name: t.Name, Model: t.Model, Serial: t.Serial, Port: t.Port}
		}
		if snaps, err := db.Snapshots(rec.Terminal, 1); err == nil && len(snaps) > 0 {
			s.Terminal.Firmware, s.Terminal.App = snaps[0].Versions["firmware"], snaps[0].Versions["app"]
		}
	}
	if raw, ok := report.RawCapture(doc); ok {
		if d, err := unionpay.DecodeHex(raw); err == nil {
			s.LastTxn = TransactionOf(d)
		}
	}
	return s
}

// TransactionOf maps a decoded (already masked) message onto the report's
// transaction: translation keys, not words; withheld fields keep no value.
func TransactionOf(d *unionpay.Decoded) *report.Transaction {
	t := &report.Transaction{Source: "decoded", KindKey: d.Kind.Key(), Code: d.Code, MeaningKey: d.MeaningKey(),
		NextKey: d.NextKey(), Trace: d.Trace, RRN: d.RRN, AuthCode: d.AuthCode, TID: d.TID, MID: d.MID,
		Batch: d.Batch, Card: d.Card, Redacted: slices.Clone(d.Redacted)}
	if d.HasAmount {
		t.Amount = d.Yuan()
	}
	for _, f := range d.Fields {
		v := f.Value
		if f.Redacted && f.ID != 2 {
			v = ""
		}
		t.Fields = append(t.Fields, report.Field{ID: f.ID, NameKey: f.NameKey, Value: v, Redacted: f.Redacted})
	}
	return t
}
