package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const crashChildEnv = "POSDOCTOR_STORE_CRASH_CHILD"

// TestCrashChild is the child half of TestKillDuringSave: it saves steps
// of one session in a loop and prints each acknowledged step. It does
// nothing unless the parent starts it.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("runs only as TestKillDuringSave's child")
	}
	db, err := Open(path)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	doc := make([]byte, 0, 4096)
	for step := 1; ; step++ {
		s := Session{ID: "crash", Started: t0, Flow: "invalid-txn"}
		if step%10 == 0 {
			// Another session now and then, so pages split and move.
			s = Session{ID: "other" + strconv.Itoa(step), Started: t0.Add(time.Duration(step) * time.Second)}
		}
		doc = fmt.Appendf(doc[:0], `{"step":%d,"pad":"%0*d"}`, step, 2000+step%1500, 0)
		if err := db.SaveSession(s, doc); err != nil {
			fmt.Println("save:", err)
			os.Exit(4)
		}
		fmt.Println(step) // acknowledged: committed and synced
	}
}

// TestKillDuringSave runs TestCrashChild in a child process, kills it with
// SIGKILL while it saves, then reopens the file: it must open without a
// recovery and hold every acknowledged step.
func TestKillDuringSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), FileName)
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		last, acked := 0, 0
		deadline := time.Now().Add(30 * time.Second)
		for acked < 40+round*17 && sc.Scan() {
			n, err := strconv.Atoi(sc.Text())
			if err != nil {
				t.Fatalf("child said %q", sc.Text())
			}
			if n%10 != 0 {
				last = n
			}
			acked++
			if time.Now().After(deadline) {
				break
			}
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		// The child may have saved more steps before the kill landed: read
		// what it acknowledged up to its death (the pipe keeps it), then
		// reap it.
		for sc.Scan() {
			if n, err := strconv.Atoi(sc.Text()); err == nil && n%10 != 0 {
				last = n
			}
		}
		cmd.Wait()
		if last == 0 {
			t.Fatalf("round %d: the child acknowledged no step", round)
		}

		db, err := OpenWith(path, testOptions())
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if db.Recovery() != nil {
			t.Errorf("round %d: Recovery() = %+v; want a clean open after a kill", round, db.Recovery())
		}
		_, doc, err := db.Session("crash")
		if err != nil {
			t.Fatalf("round %d: Session(crash) error = %v", round, err)
		}
		var got struct{ Step int }
		if err := json.Unmarshal(doc, &got); err != nil {
			t.Fatalf("round %d: document %q: %v", round, doc, err)
		}
		// The child numbers steps from 1 each round; the saved step is the
		// last acknowledged one or the one in flight.
		if got.Step < last || got.Step > last+2 {
			t.Errorf("round %d: saved step %d; want %d (last acknowledged) or the one after", round, got.Step, last)
		}
		if un, err := db.Unfinished(); err != nil || len(un) == 0 {
			t.Errorf("round %d: Unfinished() = %v, %v; want the crashed session offered for resume", round, un, err)
		}
		db.Close()
	}
}
