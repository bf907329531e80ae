package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Drills: the ways a shop's bad day would hit the history, run for real
// with child processes (this test binary re-executing itself). The figures
// each drill measures are logged with t.Logf (go test -v shows them).

const drillChildEnv = "POSDOCTOR_STORE_DRILL_CHILD"

// drillSteps is how many times a writer saves its session per turn.
const drillSteps = 6

// TestDrillChild is the child half of the drills. It does nothing unless
// a drill starts it with drillChildEnv set to its role:
//
//   - "writer NAME": for each line "TRIAL PATH" on stdin, open the history
//     at PATH, save the session NAME-TRIAL, close, and answer
//     "TRIAL ok RECOVERED" (RECOVERED 1 when Open reported a recovery) or
//     "TRIAL err MESSAGE".
//   - "restore PATH BACKUP": print "go", restore BACKUP over PATH, print
//     "done" and wait for stdin to close.
//   - "open PATH": the same with Open (which recovers a damaged PATH).
func TestDrillChild(t *testing.T) {
	role := strings.Fields(os.Getenv(drillChildEnv))
	if len(role) == 0 {
		t.Skip("runs only as a drill's child")
	}
	switch role[0] {
	case "writer":
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			trial, path, _ := strings.Cut(sc.Text(), " ")
			fmt.Println(trial, drillWrite(path, role[1]+"-"+trial))
		}
	case "restore":
		fmt.Println("go")
		if _, err := Restore(role[1], role[2], time.Now()); err != nil {
			fmt.Println("restore:", err)
			os.Exit(3)
		}
		fmt.Println("done")
		io.Copy(io.Discard, os.Stdin)
	case "open":
		fmt.Println("go")
		db, err := Open(role[1])
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(3)
		}
		db.Close()
		fmt.Println("done")
		io.Copy(io.Discard, os.Stdin)
	}
	os.Exit(0)
}

// drillWrite is one writer's turn: open, save the session id a few
// times (the last save is the one that stays) with documents big enough to
// move pages about, close. The other process's open then meets a file that
// is being written.
func drillWrite(path, id string) string {
	db, err := OpenWith(path, Options{Timeout: 20 * time.Second})
	if err != nil {
		return "err " + err.Error()
	}
	defer db.Close()
	recovered := 0
	if db.Recovery() != nil {
		recovered = 1
	}
	s := Session{ID: id, Started: time.Now(), Flow: "drill"}
	for step := range drillSteps {
		doc := fmt.Appendf(nil, `{"drill":%d,"pad":"%s"}`, step, strings.Repeat("p", 1500+step*300))
		if err := db.SaveSession(s, doc); err != nil {
			return "err " + err.Error()
		}
	}
	return "ok " + strconv.Itoa(recovered)
}

// drillChild starts TestDrillChild in role; its stdin and stdout are the
// returned pipe ends. The child is killed when the test ends.
func drillChild(t *testing.T, role string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDrillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), drillChildEnv+"="+role)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, in, bufio.NewScanner(out)
}

// asideFiles lists the files in dir that Open or Restore moved aside.
func asideFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, name := range dataFiles(t, dir) {
		if strings.Contains(name, ".damaged-") || strings.Contains(name, ".replaced-") {
			out = append(out, name)
		}
	}
	return out
}

// TestDrillTwoWriters starts two POS Doctor processes against the same
// history at the same moment, hundreds of times: both on a file that does
// not exist yet (both create it) and on a healthy file. No healthy file
// may be judged damaged and moved aside, and no session may be lost.
// Regression test for issue 16 (1 in 8 tries moved a healthy file aside).
func TestDrillTwoWriters(t *testing.T) {
	trials := 300
	if testing.Short() {
		trials = 40
	}
	_, inA, outA := drillChild(t, "writer A")
	_, inB, outB := drillChild(t, "writer B")
	root := t.TempDir()
	// The healthy file of the odd trials: 30 sessions.
	seed := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(seed, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	fillDB(t, db, 0, 30)
	db.Close()
	moved, lost, recovered := 0, 0, 0
	for i := range trials {
		path := filepath.Join(root, strconv.Itoa(i), FileName)
		seeded := i%2 == 1
		if seeded {
			os.MkdirAll(filepath.Dir(path), 0o700)
			copyFile(t, seed, path)
		}
		line := fmt.Sprintf("%d %s\n", i, path)
		io.WriteString(inA, line)
		io.WriteString(inB, line)
		for _, sc := range []*bufio.Scanner{outA, outB} {
			if !sc.Scan() {
				t.Fatalf("trial %d: a writer died", i)
			}
			f := strings.Fields(sc.Text())
			switch {
			case len(f) < 2 || f[0] != strconv.Itoa(i):
				t.Fatalf("trial %d: writer said %q", i, sc.Text())
			case f[1] != "ok":
				t.Errorf("trial %d: writer failed: %s", i, sc.Text())
			case f[2] == "1":
				recovered++
			}
		}
		moved += len(asideFiles(t, filepath.Dir(path)))
		db, err := OpenWith(path, testOptions())
		if err != nil {
			t.Fatalf("trial %d: reopen: %v", i, err)
		}
		want := []string{fmt.Sprintf("A-%d", i), fmt.Sprintf("B-%d", i)}
		if seeded {
			for j := range 30 {
				want = append(want, fmt.Sprintf("s%04d", j))
			}
		}
		for _, id := range want {
			if _, _, err := db.Session(id); err != nil {
				lost++
				t.Errorf("trial %d: session %s: %v", i, id, err)
			}
		}
		db.Close()
	}
	t.Logf("two-writer drill: %d trials (%d on a new file, %d on a healthy file), %d files moved aside, %d sessions lost, %d recoveries reported",
		trials, (trials+1)/2, trials/2, moved, lost, recovered)
	if moved != 0 || recovered != 0 {
		t.Errorf("%d healthy files moved aside, %d recoveries; want 0", moved, recovered)
	}
}

// killDrill runs rounds of: prepare the history, start a child in role,
// kill it (SIGKILL) at a delay spread over the time its work takes, then
// check the history. A first, uncounted round lets the child finish, to
// time the work from "go" to "done" as the child does it. It returns that
// time and how many rounds killed the child before it finished.
func killDrill(t *testing.T, rounds int, prepare func(round int) string, check func(round int)) (work time.Duration, killedEarly int) {
	t.Helper()
	for r := -1; r < rounds; r++ {
		role := prepare(r)
		cmd, _, out := drillChild(t, role)
		if !out.Scan() || out.Text() != "go" {
			t.Fatalf("round %d: child said %q", r, out.Text())
		}
		if r == -1 {
			start := time.Now()
			if !out.Scan() || out.Text() != "done" {
				t.Fatalf("timing round: child said %q", out.Text())
			}
			work = time.Since(start)
		} else {
			// Spread the kills from "at once" to a little past the
			// work's length: this is where the kill lands, not a wait.
			time.Sleep(work * time.Duration(r) / time.Duration(max(rounds-1, 1)) * 5 / 4)
		}
		cmd.Process.Kill()
		finished := r == -1
		for out.Scan() {
			finished = finished || out.Text() == "done"
		}
		cmd.Wait()
		if !finished {
			killedEarly++
		}
		check(r)
	}
	return work, killedEarly
}

// countSessions opens path and returns its session count and whether
// Open reported a recovery.
func countSessions(t *testing.T, path string) (int, bool) {
	t.Helper()
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer db.Close()
	n, err := db.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n, db.Recovery() != nil
}

// bigHistory writes a history of n sessions with 16 KB documents at path,
// so copying it takes long enough to be interrupted.
func bigHistory(t *testing.T, path string, from, n int) {
	t.Helper()
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	doc := []byte(`{"pad":"` + strings.Repeat("p", 16<<10) + `"}`)
	for i := from; i < from+n; i++ {
		if err := db.SaveSession(session(i, t0.Add(time.Duration(i)*time.Second)), doc); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDrillKillDuringRestore kills a restore at every stage: afterwards
// the history is the old one or the restored one, complete, never empty
// or half copied, and the temporary copy is cleaned up at the next open.
func TestDrillKillDuringRestore(t *testing.T) {
	rounds := 16
	if testing.Short() {
		rounds = 4
	}
	src := t.TempDir()
	oldPath, backup := filepath.Join(src, "old.db"), filepath.Join(src, "backup.db")
	bigHistory(t, oldPath, 0, 120)
	bigHistory(t, backup, 1000, 80)
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	sawOld, sawNew, bad := 0, 0, 0
	work, early := killDrill(t, rounds, func(int) string {
		copyFile(t, oldPath, path)
		return "restore " + path + " " + backup
	}, func(r int) {
		n, rec := countSessions(t, path)
		switch {
		case r == -1:
			if n != 80 {
				t.Fatalf("restore without a kill: %d sessions; want 80", n)
			}
		case rec:
			bad++
			t.Errorf("round %d: the history needed a recovery after the kill", r)
		case n == 120:
			sawOld++
		case n == 80:
			sawNew++
		default:
			bad++
			t.Errorf("round %d: %d sessions; want 120 (old) or 80 (restored)", r, n)
		}
		for _, name := range dataFiles(t, dir) {
			if strings.HasPrefix(name, tmpRestore) {
				t.Errorf("round %d: temporary file %s left after the next open", r, name)
			}
		}
	})
	t.Logf("kill during restore: %d rounds (restore takes %v), %d killed before done; afterwards %d old, %d restored, %d empty or partial",
		rounds, work.Round(time.Millisecond), early, sawOld, sawNew, bad)
}

// TestDrillKillDuringRecovery kills Open while it recovers a damaged
// history from its backup: afterwards the next open finds a complete
// history (the backup's), never an empty one, and the damaged file is
// still kept somewhere.
func TestDrillKillDuringRecovery(t *testing.T) {
	rounds := 16
	if testing.Short() {
		rounds = 4
	}
	src := t.TempDir()
	damaged := filepath.Join(src, "damaged.db")
	bigHistory(t, damaged, 0, 120)
	ps := pageSize(t, damaged)
	scribble(t, damaged, pageHeaderSize, 4)
	scribble(t, damaged, ps+pageHeaderSize, 4)
	good := filepath.Join(src, "good.db")
	bigHistory(t, good, 0, 100)

	setup := func(dir string) string {
		path := filepath.Join(dir, FileName)
		os.RemoveAll(dir)
		os.MkdirAll(filepath.Join(dir, BackupDirName), 0o700)
		copyFile(t, damaged, path)
		copyFile(t, good, AutoBackupPath(path, t0))
		return path
	}
	dir := filepath.Join(t.TempDir(), "h")
	path := ""
	empty, keptDamaged := 0, 0
	work, early := killDrill(t, rounds, func(int) string {
		path = setup(dir)
		return "open " + path
	}, func(r int) {
		if n, _ := countSessions(t, path); n != 100 {
			empty++
			t.Errorf("round %d: %d sessions after the kill; want the backup's 100", r, n)
		}
		if r == -1 {
			return
		}
		want, _ := os.ReadFile(damaged)
		for _, name := range asideFiles(t, dir) {
			if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) == string(want) {
				keptDamaged++
				break
			}
		}
	})
	t.Logf("kill during recovery: %d rounds (recovery takes %v), %d killed before done; afterwards %d with fewer than the backup's sessions, damaged file kept in %d of %d",
		rounds, work.Round(time.Millisecond), early, empty, keptDamaged, rounds)
	if keptDamaged != rounds {
		t.Errorf("the damaged file was kept in %d of %d rounds; want all", keptDamaged, rounds)
	}
}
