package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// storeEnv is an Env for the history commands: English or Chinese words,
// buffers, and a private data folder.
func storeEnv(t *testing.T, locale string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	return &Env{Stdout: &out, Stderr: &errb, Tr: cat.Translator(locale), DataDir: t.TempDir(), Now: fixedNow}, &out, &errb
}

// fixedNow is the tests' clock. Its PDF stamp D:20261125093000 fails the
// Luhn check, so the privacy scans over reports never flag the date.
func fixedNow() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }

// seedHistory saves sessions into env's data folder.
func seedHistory(t *testing.T, env *Env, sessions ...store.Session) {
	t.Helper()
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range sessions {
		if err := db.SaveSession(s, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"", "front till"} { // two transactions: TestHistoryListsDamaged expects this file layout
		if err := db.SeeTerminal(store.Terminal{Serial: "SN1", Name: name, LastSeen: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
}

var historyDay = time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)

var historySessions = []store.Session{
	{ID: "a", Started: historyDay, Finished: historyDay.Add(time.Minute), Terminal: "SN1", Flow: "main",
		Outcome: "problem", Findings: []string{"hw.screen", "no.such.finding"}, Code: "12"},
	{ID: "b", Started: historyDay.AddDate(0, 0, 2), Finished: historyDay.AddDate(0, 0, 2), Terminal: "SN2", Flow: "selftest", Outcome: "ok"},
	{ID: "c", Started: historyDay.AddDate(0, 0, 3), Terminal: "SN2", Flow: "main", Outcome: "open", Training: true},
}

func TestHistoryTable(t *testing.T) {
	env, out, errb := storeEnv(t, i18n.English)
	seedHistory(t, env, historySessions...)
	if code := runHistory(context.Background(), env, nil); code != ExitOK {
		t.Fatalf("history = %d; want %d; stderr %s", code, ExitOK, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("history printed %d lines; want header + 3:\n%s", len(lines), out)
	}
	tr := env.Tr
	for i, want := range [][]string{
		{tr.T("store.history.col.time"), tr.T("store.history.col.findings")},
		{"SN2 (training)", tr.T(wizard.VerdictLabelKey(wizard.VerdictOpen))},
		{"SN2", tr.T(wizard.VerdictLabelKey(wizard.VerdictOK))},
		{"2026-11-20 09:30", "front till", tr.T("flows.main.title"), tr.T(wizard.VerdictLabelKey(wizard.VerdictProblem)), tr.T("findings.hw.screen") + ", no.such.finding"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d = %q; want it to contain %q", i, lines[i], w)
			}
		}
	}
}

func TestHistoryFilters(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"all", nil, []string{"c", "b", "a"}},
		{"outcome", []string{"--outcome", "ok"}, []string{"b"}},
		{"terminal", []string{"-terminal=SN2"}, []string{"c", "b"}},
		{"finding", []string{"--finding", "hw.screen"}, []string{"a"}},
		{"since", []string{"--since", "2026-11-22"}, []string{"c", "b"}},
		{"until inclusive", []string{"--until", "2026-11-22"}, []string{"b", "a"}},
		{"limit", []string{"--limit", "1"}, []string{"c"}},
	}
	env, out, errb := storeEnv(t, i18n.English)
	seedHistory(t, env, historySessions...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out.Reset()
			code := runHistory(context.Background(), env, append([]string{"--json"}, tt.args...))
			if code != ExitOK {
				t.Fatalf("history %v = %d; want %d; stderr %s", tt.args, code, ExitOK, errb)
			}
			var got []store.Session
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("history --json output %q: %v", out, err)
			}
			var ids []string
			for _, s := range got {
				ids = append(ids, s.ID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("history %v mismatch (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

func TestHistoryErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    int
		wantKey string
	}{
		{"bad date", []string{"--since", "yesterday"}, ExitUsage, "store.history.baddate"},
		{"unknown flag", []string{"--colour"}, ExitUsage, "store.history.usage"},
		{"stray argument", []string{"extra"}, ExitUsage, "store.history.usage"},
		{"zero limit", []string{"--limit", "0"}, ExitUsage, "store.history.usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := storeEnv(t, i18n.Chinese)
			if got := runHistory(context.Background(), env, tt.args); got != tt.want {
				t.Errorf("history %v = %d; want %d", tt.args, got, tt.want)
			}
			first := strings.SplitN(env.Tr.T(tt.wantKey, "value", "yesterday"), "\n", 2)[0]
			if !strings.Contains(errb.String(), first) {
				t.Errorf("stderr = %q; want %q", errb, first)
			}
		})
	}
}

func TestHistoryEmptyCreatesNothing(t *testing.T) {
	env, out, _ := storeEnv(t, i18n.Chinese)
	if code := runHistory(context.Background(), env, nil); code != ExitOK {
		t.Fatalf("history = %d; want %d", code, ExitOK)
	}
	if got, want := strings.TrimSpace(out.String()), env.Tr.T("store.history.empty"); got != want {
		t.Errorf("history on no data = %q; want %q", got, want)
	}
	if entries, _ := os.ReadDir(env.DataDir); len(entries) != 0 {
		t.Errorf("history created %d files; want none", len(entries))
	}
}

func TestHistoryInUse(t *testing.T) {
	env, _, errb := storeEnv(t, i18n.Chinese)
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if code := runHistory(context.Background(), env, nil); code != ExitProblem {
		t.Errorf("history while the app runs = %d; want %d", code, ExitProblem)
	}
	if want := env.Tr.T("store.inuse"); !strings.Contains(errb.String(), want) {
		t.Errorf("stderr = %q; want %q", errb, want)
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{{"abc", 3}, {"刷卡机", 6}, {"SN1（训练）", 11}, {"", 0}} {
		if got := displayWidth(tt.in); got != tt.want {
			t.Errorf("displayWidth(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-11-25", "2026-11-25T10:00:00+08:00", "", "yesterday", "2026-02-30"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, end bool) {
		got, err := parseDay(s, end)
		if err != nil {
			return
		}
		start, err := parseDay(s, false)
		if err != nil {
			t.Fatalf("parseDay(%q, false) error = %v, but parseDay(%q, %t) parsed it", s, err, s, end)
		}
		want := start
		if _, rfcErr := time.Parse(time.RFC3339, s); rfcErr != nil && end {
			want = start.AddDate(0, 0, 1) // a bare --until date includes its day
		}
		if !got.Equal(want) {
			t.Errorf("parseDay(%q, %t) = %v; want %v", s, end, got, want)
		}
	})
}
