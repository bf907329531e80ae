package cli

import (
	"context"
	"path/filepath"
	"testing"

	"posdoctor/store"
	"posdoctor/wizard"
)

// TestDiagnoseSavesToHistory: a diagnosis in the terminal lands in the same
// history the GUI shows, finished, with its findings.
func TestDiagnoseSavesToHistory(t *testing.T) {
	env, _, errb := diagnoseEnv(t, "en", "2\n2\n")
	useRegistry(env, fakeRegistry("12"))
	if code := Run(context.Background(), env, []string{"diagnose"}); code != ExitProblem {
		t.Fatalf("diagnose exit = %d, want %d; stderr %s", code, ExitProblem, errb)
	}
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.Sessions(store.Query{})
	if err != nil || len(page.Sessions) != 1 {
		t.Fatalf("history = %v, %v; want one session", page.Sessions, err)
	}
	got := page.Sessions[0]
	if got.Flow != string(wizard.FlowMain) || got.Unfinished() || got.Code != "12" || len(got.Findings) == 0 {
		t.Errorf("saved %+v, want the finished main flow with code 12 and a finding", got)
	}
}

// TestDiagnoseSimIsNotHistory: a run against the simulator is practice and
// writes nothing.
func TestDiagnoseSimIsNotHistory(t *testing.T) {
	env, _, _ := diagnoseEnv(t, "en", "2\n2\n")
	opts := useRegistry(env, fakeRegistry("12"))
	Run(context.Background(), env, []string{"diagnose", "--sim", "healthy"})
	if opts.Sim != "healthy" {
		t.Fatalf("registry options = %+v, want the sim", opts)
	}
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if page, _ := db.Sessions(store.Query{}); len(page.Sessions) != 0 {
		t.Errorf("history has %d sessions after a simulated run, want 0", len(page.Sessions))
	}
}
