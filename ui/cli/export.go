package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/report"
)

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

	sessions, err := journal.ReportSessions(db, journal.Selection{Last: *last, ID: *id, From: from, To: to})
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
