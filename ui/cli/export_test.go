package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"posdoctor/store"
	"posdoctor/wizard"
	"posdoctor/wizard/report"
)

// saleReply12 is a captured 0210 sale reply with response code 12 and the
// card number 6222021234567890123 in field 2 (device/unionpay testdata).
const saleReply12 = `00 69 60 00 00 00 03 60 31 00 00 00 00 02 10 70
3c 00 81 0a c0 80 10 19 62 22 02 12 34 56 78 90 12 30 00 00 00 00 00 00 01 28 00 00 01 23 14 03
27 11 25 28 12 00 08 48 22 00 00 31 34 31 33 32 37 30 30 30 31 32 33 31 32 31 32 33 34 35 36 37
38 38 39 38 33 31 30 30 34 38 31 36 31 32 33 34 31 35 36 00 12 22 00 00 12 00 05`

// exportPAN is a Luhn-valid card number planted in evidence.
const exportPAN = "4111111111111111"

// sessionDoc walks the main flow with the last transaction declined with
// code (its evidence carrying a full card number and, if raw is set, the
// raw reply) and returns the session's summary and JSON document.
func sessionDoc(t *testing.T, start time.Time, code, raw string) (wizard.Summary, []byte) {
	t.Helper()
	now := start
	s, err := wizard.Start(wizard.MainFlow, func() time.Time { now = now.Add(5 * time.Second); return now })
	if err != nil {
		t.Fatal(err)
	}
	for steps := 0; !s.Done() && steps < 60; steps++ {
		if ids := s.Pending(); ids != nil {
			res := map[wizard.CheckID]wizard.Result{}
			for _, id := range ids {
				res[id] = wizard.Result{Outcome: wizard.Pass, Summary: "check.test"}
			}
			if _, ok := res[wizard.CheckTerminalLastTxn]; ok {
				ev := []wizard.Fact{{Key: "evidence.txn.card", Value: exportPAN}}
				if raw != "" {
					ev = append(ev, wizard.Fact{Key: report.RawEvidenceKey, Value: raw})
				}
				res[wizard.CheckTerminalLastTxn] = wizard.Result{Outcome: wizard.Fail, Summary: "check.test", Code: code, Evidence: ev}
			}
			if err := s.Submit(res); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := s.Answer(s.Choices()[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return s.Summary(), doc
}

// seedExport saves three sessions on consecutive days (the middle one a
// training rehearsal) and a terminal with a status snapshot.
func seedExport(t *testing.T, env *Env) []store.Session {
	t.Helper()
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)
	var recs []store.Session
	for i, code := range []string{"12", "54", "51"} {
		raw := ""
		if i == 0 {
			raw = saleReply12
		}
		sum, doc := sessionDoc(t, day.AddDate(0, 0, i), code, raw)
		rec := store.Session{ID: "s" + code, Started: sum.Started, Finished: sum.Finished, Terminal: "SN1",
			Flow: string(sum.Flow), Outcome: sum.Outcome, Layer: string(sum.Layer), Code: sum.Code, Training: i == 1}
		for _, f := range sum.Findings {
			rec.Findings = append(rec.Findings, string(f))
		}
		if err := db.SaveSession(rec, doc); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if err := db.SeeTerminal(store.Terminal{Serial: "SN1", Model: "LANDI A8", Name: "front till", LastSeen: day}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddSnapshot(store.Snapshot{Terminal: "SN1", Taken: day, Versions: map[string]string{"firmware": "V2.3.1", "app": "5.0.2"}}); err != nil {
		t.Fatal(err)
	}
	return recs
}

var luhnRun = regexp.MustCompile(`\d{13,19}`)

func luhnOK(d string) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum, double = sum+n, !double
	}
	return sum%10 == 0
}

func assertNoPAN(t *testing.T, what string, b []byte) {
	t.Helper()
	for _, m := range luhnRun.FindAll(b, -1) {
		// The capture's merchant ID stays readable (issue 17), and so do
		// timestamps (yyyymmddhhmmss), one in ten of which passes Luhn.
		if _, err := time.Parse("20060102150405", string(m)); err == nil || string(m) == "898310048161234" {
			continue
		}
		if luhnOK(string(m)) {
			t.Errorf("%s holds the card-like number %s", what, m)
		}
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"--last", "--session", "x"},
		{"--until", "2026-11-20"},
		{"--since", "2026-11-20", "--last"},
		{"--last", "--pdf", "--json"},
		{"--since", "yesterday"},
		{"--last", "extra"},
		{"--nope"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			env, _, errb := storeEnv(t, "en")
			if code := runExport(context.Background(), env, args); code != ExitUsage {
				t.Errorf("export %v = %d; want %d (stderr %q)", args, code, ExitUsage, errb)
			}
		})
	}
}

func TestExportNothing(t *testing.T) {
	env, _, errb := storeEnv(t, "en")
	if code := runExport(context.Background(), env, []string{"--last", "-o", filepath.Join(t.TempDir(), "r.pdf")}); code != ExitProblem {
		t.Errorf("export --last with no history = %d; want %d", code, ExitProblem)
	}
	if !strings.Contains(errb.String(), env.Tr.T("report.cli.nothing")) {
		t.Errorf("stderr = %q; want the nothing-to-export message", errb)
	}
	seedExport(t, env)
	errb.Reset()
	if code := runExport(context.Background(), env, []string{"--session", "nope", "-o", t.TempDir()}); code != ExitProblem {
		t.Errorf("export --session nope = %d; want %d", code, ExitProblem)
	}
	if code := runExport(context.Background(), env, []string{"--since", "2030-01-01", "-o", t.TempDir()}); code != ExitProblem {
		t.Errorf("export of an empty range = %d; want %d", code, ExitProblem)
	}
}

func TestExportFormats(t *testing.T) {
	env, out, errb := storeEnv(t, "zh-Hans")
	seedExport(t, env)
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, b []byte)
	}{
		{"last as pdf into a folder", []string{"--last", "-o", dir}, func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("not a PDF: %q", b[:min(8, len(b))])
			}
		}},
		{"one session as json", []string{"--session", "s12", "--json", "-o", filepath.Join(dir, "one.json")}, func(t *testing.T, b []byte) {
			var d report.Document
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			if len(d.Sessions) != 1 || d.Sessions[0].ID != "s12" || d.Ref != report.RefCode("s12") {
				t.Fatalf("document = %d sessions, ref %s; want s12 alone", len(d.Sessions), d.Ref)
			}
			s := d.Sessions[0]
			if s.Terminal.Model != "LANDI A8" || s.Terminal.Name != "front till" || s.Terminal.Firmware != "V2.3.1" {
				t.Errorf("terminal = %+v; want the stored terminal and its snapshot", s.Terminal)
			}
			if x := s.LastTxn; x == nil || x.Source != "decoded" || x.Code != "12" || x.Card != "622202*********0123" || x.Meaning == "" {
				t.Errorf("last transaction = %+v; want the raw reply decoded and masked", x)
			}
		}},
		{"range as zip, training left out", []string{"--since", "2026-11-20", "--until", "2026-11-22", "--zip", "-o", filepath.Join(dir, "all.zip")}, func(t *testing.T, b []byte) {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			if len(zr.File) != 2 {
				t.Fatalf("zip holds %d files; want PDF and JSON", len(zr.File))
			}
			for _, f := range zr.File {
				rc, _ := f.Open()
				var buf bytes.Buffer
				buf.ReadFrom(rc)
				rc.Close()
				if strings.HasSuffix(f.Name, ".json") {
					var d report.Document
					if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, s := range d.Sessions {
						ids = append(ids, s.ID)
					}
					if strings.Join(ids, ",") != "s12,s51" {
						t.Errorf("sessions = %v; want s12,s51 oldest first without the training one", ids)
					}
					assertNoPAN(t, f.Name, buf.Bytes())
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out.Reset()
			if code := runExport(context.Background(), env, tt.args); code != ExitOK {
				t.Fatalf("export %v = %d; want %d (stderr %q)", tt.args, code, ExitOK, errb)
			}
			m := regexp.MustCompile(`报告已保存：(.+)`).FindStringSubmatch(out.String())
			if m == nil || !strings.Contains(out.String(), "PD-") {
				t.Fatalf("stdout = %q; want where it wrote and the reference code", out)
			}
			b, err := os.ReadFile(strings.TrimSpace(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			assertNoPAN(t, "export", b)
			tt.check(t, b)
		})
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "POSDoctor-PD-*-*.pdf")); len(names) != 1 {
		t.Errorf("files named POSDoctor-<ref>-<date>.pdf in the folder = %v; want one", names)
	}
}

// TestExportLog: the support bundle carries the log, scrubbed; a log that
// cannot be read is an error.
func TestExportLog(t *testing.T) {
	env, _, errb := storeEnv(t, "en")
	seedExport(t, env)
	logPath := filepath.Join(t.TempDir(), "app.log")
	if err := os.WriteFile(logPath, []byte("09:28 reply pan="+exportPAN+" track2 "+exportPAN+"=2512101000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "bundle.zip")
	if code := runExport(context.Background(), env, []string{"--last", "--log", logPath, "-o", dest}); code != ExitOK {
		t.Fatalf("export --log = %d; want %d (stderr %q)", code, ExitOK, errb)
	}
	zr, err := zip.OpenReader(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var logText []byte
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "-log.txt") {
			rc, _ := f.Open()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			logText = buf.Bytes()
		}
	}
	if len(zr.File) != 3 || logText == nil {
		t.Fatalf("bundle holds %d files, log %q; want PDF, JSON and the log", len(zr.File), logText)
	}
	assertNoPAN(t, "bundled log", logText)
	if !bytes.Contains(logText, []byte("411111******1111")) {
		t.Errorf("bundled log = %q; want the card number masked, not dropped", logText)
	}
	if code := runExport(context.Background(), env, []string{"--last", "--log", filepath.Join(t.TempDir(), "none.log"), "-o", dest}); code != ExitProblem {
		t.Errorf("export with a missing log = %d; want %d", code, ExitProblem)
	}
}
