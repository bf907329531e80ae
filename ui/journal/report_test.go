package journal_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
	"posdoctor/wizard/report"
)

// save puts one session in the history, started at the given hour of
// 2026-11-25 UTC, with doc as its document.
func save(t *testing.T, db *store.DB, id string, hour int, training bool, doc []byte) {
	t.Helper()
	start := time.Date(2026, 11, 25, hour, 0, 0, 0, time.UTC)
	rec := store.Session{ID: id, Started: start, Finished: start.Add(time.Minute), Flow: "main",
		Outcome: wizard.VerdictProblem, Findings: []string{"card.pin"}, Code: "55", Training: training}
	if err := db.SaveSession(rec, doc); err != nil {
		t.Fatal(err)
	}
}

func ids(ss []report.Session) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return strings.Join(out, ",")
}

func TestReportSessions(t *testing.T) {
	db := openDB(t)
	save(t, db, "a", 8, false, []byte(`{}`))
	save(t, db, "b", 9, false, []byte(`{}`))
	save(t, db, "c", 10, true, []byte(`{}`)) // a rehearsal
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		sel  journal.Selection
		want string
	}{
		{"by ID, a rehearsal too", journal.Selection{ID: "c"}, "c"},
		{"the newest real one", journal.Selection{Last: true}, "b"},
		{"a day, oldest first, no rehearsals", journal.Selection{From: day, To: day.AddDate(0, 0, 1)}, "a,b"},
		{"from 9:00 on", journal.Selection{From: day.Add(9 * time.Hour)}, "b"},
		{"an empty range", journal.Selection{From: day.AddDate(0, 0, 1)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := journal.ReportSessions(db, tt.sel)
			if err != nil || ids(got) != tt.want {
				t.Errorf("ReportSessions(%+v) = %q, %v; want %q", tt.sel, ids(got), err, tt.want)
			}
		})
	}
	if _, err := journal.ReportSessions(db, journal.Selection{ID: "nope"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ReportSessions(unknown ID) error = %v; want store.ErrNotFound", err)
	}
}

// TestReportSession: the report's input carries the index record, the
// terminal the history knows with its latest versions, and the last
// transaction decoded from the raw capture, masked.
func TestReportSession(t *testing.T) {
	db := openDB(t)
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if err := db.SeeTerminal(store.Terminal{Key: "82012345", Serial: "82012345", Model: "A910", Name: "front till", LastSeen: at}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddSnapshot(store.Snapshot{Terminal: "82012345", Taken: at, Versions: map[string]string{"firmware": "1.2", "app": "3.4"}}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../device/unionpay/testdata/sale_response_12.hex")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(map[string]any{"trail": []wizard.Record{{Step: "txn", Kind: wizard.KindCheck, Results: map[wizard.CheckID]wizard.Result{
		wizard.CheckTerminalLastTxn: {Outcome: wizard.Fail, Evidence: []wizard.Fact{{Key: report.RawEvidenceKey, Value: string(raw)}}},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	rec := store.Session{ID: "s1", Started: at, Terminal: "82012345", Flow: "main", Outcome: wizard.VerdictProblem,
		Findings: []string{"card.pin", "keys.bad"}, Code: "12"}
	got := journal.ReportSession(db, rec, doc)
	if got.ID != "s1" || got.Summary.Flow != wizard.FlowMain || got.Summary.Code != "12" || len(got.Summary.Findings) != 2 {
		t.Errorf("summary = %+v; want the index record's", got.Summary)
	}
	want := report.Terminal{Name: "front till", Model: "A910", Serial: "82012345", Firmware: "1.2", App: "3.4"}
	if got.Terminal != want {
		t.Errorf("terminal = %+v; want %+v", got.Terminal, want)
	}
	if got.LastTxn == nil || got.LastTxn.Code != "12" || got.LastTxn.Source != "decoded" {
		t.Fatalf("last transaction = %+v; want the decoded 12", got.LastTxn)
	}
	if strings.Contains(got.LastTxn.Card, "6222021234567890") || got.LastTxn.Card == "" {
		t.Errorf("card = %q; want it masked", got.LastTxn.Card)
	}

	// Without a history or a capture: the record alone.
	bare := journal.ReportSession(nil, rec, []byte(`{}`))
	if bare.Terminal != (report.Terminal{}) || bare.LastTxn != nil {
		t.Errorf("bare = %+v; want no terminal and no transaction", bare)
	}
}
