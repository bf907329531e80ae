package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard/pan/pantest"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func testOptions() Options {
	return Options{Timeout: 50 * time.Millisecond, Now: func() time.Time { return t0 }}
}

// newDB opens a fresh history in a temporary folder and closes it when the
// test ends.
func newDB(t testing.TB) *DB {
	t.Helper()
	db, err := OpenWith(filepath.Join(t.TempDir(), "posdoctor", FileName), testOptions())
	if err != nil {
		t.Fatalf("OpenWith() error = %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func session(i int, started time.Time) Session {
	return Session{
		ID:       fmt.Sprintf("s%04d", i),
		Started:  started,
		Finished: started.Add(2 * time.Minute),
		Terminal: "T1",
		Flow:     "invalid-txn",
		Outcome:  "resolved",
		Findings: []string{"card.expired"},
		Code:     "54",
		Card:     "6222021234567890123",
	}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	db := newDB(t)
	st, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %v; want 0600", got)
	}
	dst, err := os.Stat(filepath.Dir(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if got := dst.Mode().Perm(); got != 0o700 {
		t.Errorf("dir mode = %v; want 0700", got)
	}
	if db.Recovery() != nil {
		t.Errorf("Recovery() = %+v; want nil for a new file", db.Recovery())
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	t.Setenv("AppData", `C:\Users\u\AppData\Roaming`)
	t.Setenv("HOME", "/home/u")
	base, err := os.UserConfigDir()
	if err != nil {
		t.Skip(err)
	}
	got, err := DefaultDir()
	if err != nil {
		t.Fatalf("DefaultDir() error = %v", err)
	}
	if want := filepath.Join(base, "posdoctor"); got != want {
		t.Errorf("DefaultDir() = %q; want %q", got, want)
	}
}

func TestSaveAndResume(t *testing.T) {
	db := newDB(t)
	s := Session{ID: "a", Started: t0, Terminal: "T1", Flow: "invalid-txn", Card: "6222 0212 3456 7890"}
	for step := 1; step <= 3; step++ {
		if err := db.SaveSession(s, fmt.Appendf(nil, `{"step":%d}`, step)); err != nil {
			t.Fatalf("SaveSession(step %d) error = %v", step, err)
		}
	}
	if err := db.SaveSession(Session{ID: "b", Started: t0.Add(time.Minute), Finished: t0.Add(2 * time.Minute)}, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	got, err := db.Unfinished()
	if err != nil {
		t.Fatalf("Unfinished() error = %v", err)
	}
	want := []Session{{ID: "a", Started: t0, Terminal: "T1", Flow: "invalid-txn", Card: "622202******7890"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Unfinished() mismatch (-want +got):\n%s", diff)
	}
	_, doc, err := db.Session("a")
	if err != nil {
		t.Fatalf("Session(a) error = %v", err)
	}
	if string(doc) != `{"step":3}` {
		t.Errorf("Session(a) doc = %s; want the last step's document", doc)
	}

	// Finishing the session takes it off the resume list and keeps its place.
	s.Finished, s.Outcome, s.Started = t0.Add(5*time.Minute), "resolved", t0.Add(time.Hour)
	if err := db.SaveSession(s, []byte(`{"step":4}`)); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Unfinished(); len(got) != 0 {
		t.Errorf("Unfinished() after finishing = %v; want none", got)
	}
	if n, _ := db.Count(); n != 2 {
		t.Errorf("Count() = %d; want 2 (upserts do not duplicate)", n)
	}
	got2, _, _ := db.Session("a")
	if !got2.Started.Equal(t0) {
		t.Errorf("Started after upsert = %v; want the first save's %v", got2.Started, t0)
	}
}

func TestSaveSessionInvalid(t *testing.T) {
	db := newDB(t)
	for name, s := range map[string]Session{
		"no id":    {Started: t0},
		"no start": {ID: "x"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := db.SaveSession(s, nil); !errors.Is(err, ErrInvalid) {
				t.Errorf("SaveSession(%+v) error = %v; want ErrInvalid", s, err)
			}
		})
	}
	if _, _, err := db.Session("missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Session(missing) error = %v; want ErrNotFound", err)
	}
}

// TestMaskCorpus runs the shared masking corpus (wizard/pan/pantest)
// through SaveSession: whatever card the caller hands in, the index holds it
// masked by the one rule.
func TestMaskCorpus(t *testing.T) {
	db := newDB(t)
	for i, c := range pantest.Cases(t) {
		t.Run(c[0], func(t *testing.T) {
			s := Session{ID: fmt.Sprintf("corpus-%d", i), Started: t0.Add(time.Duration(i) * time.Minute), Card: c[1]}
			if err := db.SaveSession(s, nil); err != nil {
				t.Fatal(err)
			}
			got, _, err := db.Session(s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Card != c[2] {
				t.Errorf("saved card %q reads back %q; want %q", c[1], got.Card, c[2])
			}
		})
	}
}

func TestSessionsQuery(t *testing.T) {
	db := newDB(t)
	// 10 sessions, one a minute; odd ones on T2 with outcome "unresolved".
	for i := range 10 {
		s := session(i, t0.Add(time.Duration(i)*time.Minute))
		if i%2 == 1 {
			s.Terminal, s.Outcome, s.Findings = "T2", "unresolved", []string{"net.dns", "host.down"}
		}
		if err := db.SaveSession(s, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(ss []Session) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"newest first", Query{Limit: 3}, []string{"s0009", "s0008", "s0007"}},
		{"outcome", Query{Outcome: "unresolved", Limit: 2}, []string{"s0009", "s0007"}},
		{"terminal", Query{Terminal: "T1", Limit: 2}, []string{"s0008", "s0006"}},
		{"finding", Query{Finding: "host.down", Limit: 10}, []string{"s0009", "s0007", "s0005", "s0003", "s0001"}},
		{"finding prefix does not match", Query{Finding: "host"}, nil},
		{"date range", Query{Since: t0.Add(2 * time.Minute), Until: t0.Add(5 * time.Minute)}, []string{"s0004", "s0003", "s0002"}},
		{"until only", Query{Until: t0.Add(2 * time.Minute)}, []string{"s0001", "s0000"}},
		{"nothing", Query{Outcome: "abandoned"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := db.Sessions(tt.q)
			if err != nil {
				t.Fatalf("Sessions(%+v) error = %v", tt.q, err)
			}
			if diff := cmp.Diff(tt.want, ids(p.Sessions)); diff != "" {
				t.Errorf("Sessions(%+v) mismatch (-want +got):\n%s", tt.q, diff)
			}
		})
	}

	t.Run("paging", func(t *testing.T) {
		var got []string
		q := Query{Limit: 4}
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("paging does not end")
			}
			p, err := db.Sessions(q)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ids(p.Sessions)...)
			if p.Next == "" {
				break
			}
			q.After = p.Next
		}
		want := []string{"s0009", "s0008", "s0007", "s0006", "s0005", "s0004", "s0003", "s0002", "s0001", "s0000"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pages mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("bad cursor", func(t *testing.T) {
		if _, err := db.Sessions(Query{After: "zz"}); !errors.Is(err, ErrInvalid) {
			t.Errorf("Sessions(bad cursor) error = %v; want ErrInvalid", err)
		}
	})
}

func TestRecurring(t *testing.T) {
	db := newDB(t)
	now := t0
	add := func(id string, ago time.Duration, terminal string, training bool, findings ...string) {
		t.Helper()
		s := Session{ID: id, Started: now.Add(-ago), Finished: now, Terminal: terminal, Findings: findings, Training: training}
		if err := db.SaveSession(s, nil); err != nil {
			t.Fatal(err)
		}
	}
	add("a", 1*time.Hour, "T1", false, "keys.signin")
	add("b", 3*24*time.Hour, "T1", false, "keys.signin", "net.weak")
	add("c", 10*24*time.Hour, "T1", false, "keys.signin")
	add("d", 40*24*time.Hour, "T1", false, "net.weak") // too old
	add("e", 2*time.Hour, "T1", false, "net.weak")
	add("f", 2*time.Hour, "T2", false, "keys.signin") // once on T2
	add("g", 2*time.Hour, "T2", true, "keys.signin")  // training
	got, err := db.Recurring(now, RecurringWindow)
	if err != nil {
		t.Fatalf("Recurring() error = %v", err)
	}
	want := []Recurrence{
		{Terminal: "T1", Finding: "keys.signin", Count: 3, Last: now.Add(-time.Hour)},
		{Terminal: "T1", Finding: "net.weak", Count: 2, Last: now.Add(-2 * time.Hour)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Recurring() mismatch (-want +got):\n%s", diff)
	}
}

func TestTriangulate(t *testing.T) {
	tests := []struct {
		name     string
		sessions []Session
		want     Triangulation
	}{
		{
			name: "three cards on one terminal",
			sessions: []Session{
				{ID: "1", Started: t0.Add(-9 * time.Minute), Terminal: "T1", Card: "6222021111111111", Code: "96"},
				{ID: "2", Started: t0.Add(-5 * time.Minute), Terminal: "T1", Card: "6222022222222222", Code: "96"},
				{ID: "3", Started: t0.Add(-1 * time.Minute), Terminal: "T1", Card: "6222023333333333", Code: "98"},
				{ID: "old", Started: t0.Add(-20 * time.Minute), Terminal: "T1", Card: "6222024444444444", Code: "96"},
			},
			want: Triangulation{
				Since: t0.Add(-10 * time.Minute), Failures: 3,
				Cards: []Group{
					{Key: "622202******1111", Count: 1, Codes: []string{"96"}, Last: t0.Add(-9 * time.Minute)},
					{Key: "622202******2222", Count: 1, Codes: []string{"96"}, Last: t0.Add(-5 * time.Minute)},
					{Key: "622202******3333", Count: 1, Codes: []string{"98"}, Last: t0.Add(-1 * time.Minute)},
				},
				Terminals: []Group{{Key: "T1", Count: 3, Codes: []string{"96", "98"}, Last: t0.Add(-1 * time.Minute)}},
			},
		},
		{
			name: "same card twice",
			sessions: []Session{
				{ID: "1", Started: t0.Add(-4 * time.Minute), Terminal: "T1", Card: "6222021111111111", Code: "51"},
				{ID: "2", Started: t0.Add(-2 * time.Minute), Terminal: "T1", Card: "6222021111111111", Code: "51"},
				{ID: "ok", Started: t0.Add(-3 * time.Minute), Terminal: "T1", Card: "6222029999999999", Code: "00"},
				{ID: "train", Started: t0.Add(-3 * time.Minute), Terminal: "T1", Card: "6222028888888888", Code: "51", Training: true},
			},
			want: Triangulation{
				Since: t0.Add(-10 * time.Minute), Failures: 2,
				Cards:     []Group{{Key: "622202******1111", Count: 2, Codes: []string{"51"}, Last: t0.Add(-2 * time.Minute)}},
				Terminals: []Group{{Key: "T1", Count: 2, Codes: []string{"51"}, Last: t0.Add(-2 * time.Minute)}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			for _, s := range tt.sessions {
				if err := db.SaveSession(s, nil); err != nil {
					t.Fatal(err)
				}
			}
			got, err := db.Triangulate(t0, 10*time.Minute)
			if err != nil {
				t.Fatalf("Triangulate() error = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Triangulate() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTerminals(t *testing.T) {
	db := newDB(t)
	day := 24 * time.Hour
	if err := db.SeeTerminal(Terminal{VID: "1a86", PID: "7523", Serial: "SN1", Model: "A8", Port: "COM3", Name: "front till", LastSeen: t0.Add(-2 * day)}); err != nil {
		t.Fatal(err)
	}
	if err := db.SeeTerminal(Terminal{Serial: "SN1", Port: "COM4", LastSeen: t0}); err != nil {
		t.Fatal(err)
	}
	if err := db.SeeTerminal(Terminal{VID: "2b3c", PID: "0001", LastSeen: t0.Add(-day)}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Terminals()
	if err != nil {
		t.Fatal(err)
	}
	want := []Terminal{
		{Key: "SN1", VID: "1a86", PID: "7523", Serial: "SN1", Model: "A8", Port: "COM4", Name: "front till", FirstSeen: t0.Add(-2 * day), LastSeen: t0},
		{Key: "2b3c:0001", VID: "2b3c", PID: "0001", FirstSeen: t0.Add(-day), LastSeen: t0.Add(-day)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Terminals() mismatch (-want +got):\n%s", diff)
	}
	if err := db.SeeTerminal(Terminal{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("SeeTerminal(empty) error = %v; want ErrInvalid", err)
	}
}

func TestChanges(t *testing.T) {
	day := 24 * time.Hour
	base := Snapshot{Terminal: "SN1", Taken: t0.Add(-day), Versions: map[string]string{"firmware": "1.0", "app": "2.0"},
		ClockOffset: 2 * time.Second, LastSignIn: t0.Add(-3 * day), KeyState: "ok"}
	tests := []struct {
		name   string
		mutate func(*Snapshot)
		want   []Change
	}{
		{"nothing", func(*Snapshot) {}, nil},
		{"firmware", func(s *Snapshot) { s.Versions = map[string]string{"firmware": "1.1", "app": "2.0"} },
			[]Change{{Field: "version:firmware", Old: "1.0", New: "1.1"}}},
		{"version gone", func(s *Snapshot) { s.Versions = map[string]string{"firmware": "1.0"} },
			[]Change{{Field: "version:app", Old: "2.0"}}},
		{"small drift ignored", func(s *Snapshot) { s.ClockOffset = 10 * time.Second }, nil},
		{"clock", func(s *Snapshot) { s.ClockOffset = -5 * time.Minute },
			[]Change{{Field: "clock_offset", Old: "2s", New: "-5m0s"}}},
		{"signed in, keys lost", func(s *Snapshot) { s.LastSignIn = t0; s.KeyState = "missing" },
			[]Change{
				{Field: "key_state", Old: "ok", New: "missing"},
				{Field: "last_sign_in", Old: t0.Add(-3 * day).Format(time.RFC3339), New: t0.Format(time.RFC3339)},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			cur := base
			cur.Versions = map[string]string{"firmware": "1.0", "app": "2.0"}
			cur.Taken = t0
			tt.mutate(&cur)
			for _, s := range []Snapshot{base, cur} {
				if err := db.AddSnapshot(s); err != nil {
					t.Fatal(err)
				}
			}
			got, latest, prev, err := db.Changes("SN1")
			if err != nil {
				t.Fatalf("Changes() error = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Changes() mismatch (-want +got):\n%s", diff)
			}
			if !latest.Taken.Equal(t0) || !prev.Taken.Equal(base.Taken) {
				t.Errorf("Changes() snapshots taken %v, %v; want %v, %v", latest.Taken, prev.Taken, t0, base.Taken)
			}
		})
	}
	t.Run("one snapshot", func(t *testing.T) {
		db := newDB(t)
		if err := db.AddSnapshot(base); err != nil {
			t.Fatal(err)
		}
		got, latest, _, err := db.Changes("SN1")
		if err != nil || got != nil || !latest.LastSignIn.Equal(base.LastSignIn) {
			t.Errorf("Changes() = %v, last sign-in %v, %v; want no changes, %v", got, latest.LastSignIn, err, base.LastSignIn)
		}
	})
}

func TestStaff(t *testing.T) {
	db := newDB(t)
	li := Staff{Name: "小李", Cards: map[string]CardProgress{
		"card.pin": {Attempts: 2, Best: 90, Last: 80, Wrong: []string{"q3"}, Passed: t0},
	}}
	wang := Staff{Name: "王", Cards: map[string]CardProgress{"card.a0": {Attempts: 1, Best: 50, Last: 50}}}
	for _, s := range []Staff{li, wang} {
		if err := db.PutStaff(s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Staff("小李")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(li, got); diff != "" {
		t.Errorf("Staff() mismatch (-want +got):\n%s", diff)
	}
	list, err := db.StaffList()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Staff{li, wang}, list); diff != "" {
		t.Errorf("StaffList() mismatch (-want +got):\n%s", diff)
	}
	if err := db.DeleteStaff("小李"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Staff("小李"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Staff(deleted) error = %v; want ErrNotFound", err)
	}
	if err := db.PutStaff(Staff{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutStaff(no name) error = %v; want ErrInvalid", err)
	}
}

func TestSecondInstance(t *testing.T) {
	db := newDB(t)
	start := time.Now()
	second, err := OpenWith(db.Path(), testOptions())
	if err == nil {
		second.Close()
	}
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second OpenWith() error = %v; want ErrInUse", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("second OpenWith() took %v; want about the 50 ms timeout", elapsed)
	}
	// Nothing was moved aside.
	if got := dataFiles(t, filepath.Dir(db.Path())); len(got) != 1 {
		t.Errorf("folder holds %q; want only the database", got)
	}
	if _, err := db.Count(); err != nil {
		t.Errorf("first handle after the second open: %v", err)
	}
}

func TestUnreadableFileIsNotMovedAside(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs Unix permissions and a non-root user")
	}
	path := filepath.Join(t.TempDir(), FileName)
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o000)
	defer os.Chmod(path, 0o600)
	if _, err := OpenWith(path, testOptions()); err == nil || errors.Is(err, ErrCorrupt) {
		t.Errorf("OpenWith(unreadable) error = %v; want a permission error, not corruption", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the unreadable file was moved: %v", err)
	}
}

func TestDirectoryInPlaceOfFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatalf("OpenWith(directory) error = %v; want it moved aside and a new file", err)
	}
	defer db.Close()
	rec := db.Recovery()
	if rec == nil {
		t.Fatal("Recovery() = nil; want the directory reported as moved aside")
	}
	if st, err := os.Stat(rec.MovedAside); err != nil || !st.IsDir() {
		t.Errorf("moved-aside %q: %v; want the directory kept", rec.MovedAside, err)
	}
}

func TestConcurrentUse(t *testing.T) {
	db := newDB(t)
	const writers, steps = 4, 10
	errs := make(chan error, writers+1)
	for w := range writers {
		go func() {
			for step := range steps {
				s := Session{ID: fmt.Sprintf("w%d", w), Started: t0.Add(time.Duration(w) * time.Minute), Findings: []string{"f"}}
				if step == steps-1 {
					s.Finished = t0.Add(time.Hour)
				}
				if err := db.SaveSession(s, fmt.Appendf(nil, `{"step":%d}`, step)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	go func() {
		for range 20 {
			if _, err := db.Sessions(Query{Finding: "f"}); err != nil {
				errs <- err
				return
			}
			if _, err := db.Unfinished(); err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}()
	for range writers + 1 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	p, err := db.Sessions(Query{})
	if err != nil || len(p.Sessions) != writers {
		t.Fatalf("Sessions() = %d, %v; want %d", len(p.Sessions), err, writers)
	}
	if un, _ := db.Unfinished(); len(un) != 0 {
		t.Errorf("Unfinished() = %d; want 0", len(un))
	}
}
