package store

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// flipSeed writes the history the byte-flip drill damages: sessions
// (finished and not), terminals with snapshots, staff. It returns the
// file's bytes and what each session holds.
func flipSeed(t *testing.T, path string, sessions int) ([]byte, map[string]flipWant) {
	t.Helper()
	// Small pages make a small file with the same structure (branch pages,
	// overflow pages, inline buckets), so every byte can be tried.
	os.MkdirAll(filepath.Dir(path), 0o700)
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: flipPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(bdb); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	db, err := OpenWith(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]flipWant{}
	for i := range sessions {
		s := session(i, t0.Add(time.Duration(i)*time.Minute))
		if i%4 == 3 {
			s.Finished = time.Time{}
		}
		doc := fmt.Appendf(nil, `{"session":%d,"steps":["usb","link","code"],"note":"%s"}`, i, strings.Repeat("n", 40+i))
		if err := db.SaveSession(s, doc); err != nil {
			t.Fatal(err)
		}
		s.Card = "622202*********0123" // masked on save
		want[s.ID] = flipWant{s: s, doc: doc}
	}
	for _, k := range []string{"T1", "T2"} {
		if err := db.SeeTerminal(Terminal{Key: k, Model: "A8", LastSeen: t0}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddSnapshot(Snapshot{Terminal: k, Taken: t0, KeyState: "ok"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutStaff(Staff{Name: "小李"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Compact it (thousands of opens follow; free pages only cost time),
	// then save twice more, so the file has free pages and a freelist again.
	compact := path + ".compact"
	src, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := bolt.Open(compact, 0o600, &bolt.Options{PageSize: flipPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 1<<20); err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	if err := os.Rename(compact, path); err != nil {
		t.Fatal(err)
	}
	if db, err = OpenWith(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{1, sessions - 1} {
		w := want[fmt.Sprintf("s%04d", i)]
		w.older = append(w.older, w.doc)
		w.doc = fmt.Appendf(nil, `{"session":%d,"updated":true}`, i)
		if err := db.SaveSession(w.s, w.doc); err != nil {
			t.Fatal(err)
		}
		want[w.s.ID] = w
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// bbolt's file ends where its pages in use end, or later (it grows in
	// steps): the drill flips only the pages in use.
	m, err := readMetas(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return b[:m.pgid*uint64(m.pageSize)], want
}

const flipPageSize = 512

// fastDir returns a temporary folder on a RAM filesystem when the machine
// has one (fsync costs nothing there, and the drill opens thousands of
// files), else t.TempDir. The code under test is the same either way.
func fastDir(t *testing.T) string {
	t.Helper()
	if d, err := os.MkdirTemp("/dev/shm", "posdoctor-drill-"); err == nil {
		t.Cleanup(func() { os.RemoveAll(d) })
		return d
	}
	return t.TempDir()
}

// sameSession compares two index records field by field (cmp.Equal is
// too slow for tens of thousands of opens).
func sameSession(a, b Session) bool {
	return a.ID == b.ID && a.Started.Equal(b.Started) && a.Finished.Equal(b.Finished) &&
		a.Terminal == b.Terminal && a.Flow == b.Flow && a.Outcome == b.Outcome &&
		slices.Equal(a.Findings, b.Findings) && a.Layer == b.Layer && a.Code == b.Code &&
		a.Card == b.Card && a.Training == b.Training
}

type flipWant struct {
	s     Session
	doc   []byte
	older [][]byte // documents saved before doc
}

// flipResult is what one flipped byte did.
type flipResult struct {
	detected bool // Open recovered or quarantined, or a read said "damaged"
	refused  bool // Open failed: the history could not be used at all
	lost     int  // sessions no longer listed
	changed  int  // sessions listed with other content than was saved
	// rolledBack counts sessions listed as they were one save earlier:
	// the page with the newest save was damaged, salvage found the older
	// copy bbolt still had.
	rolledBack int
}

// flipOnce opens the damaged file at path and compares it with want.
func flipOnce(path string, want map[string]flipWant, flipDebug bool) flipResult {
	db, err := OpenWith(path, testOptions())
	if err != nil {
		return flipResult{detected: true, refused: true, lost: len(want)}
	}
	defer db.Close()
	r := flipResult{detected: db.Recovery() != nil || db.Quarantined() > 0}
	if flipDebug {
		fmt.Printf("  recovery %+v, quarantined %d\n", db.Recovery(), db.Quarantined())
	}
	p, err := db.Sessions(Query{Limit: 10000})
	if err != nil {
		return flipResult{detected: true, refused: true, lost: len(want)}
	}
	if p.Damaged > 0 {
		r.detected = true
	}
	seen := map[string]bool{}
	for _, s := range p.Sessions {
		w, ok := want[s.ID]
		if !ok || seen[s.ID] {
			r.changed++
			continue
		}
		seen[s.ID] = true
		got, doc, err := db.Session(s.ID)
		switch {
		case errors.Is(err, ErrDamagedRecord), errors.Is(err, ErrNotFound):
			r.detected = r.detected || errors.Is(err, ErrDamagedRecord)
			r.lost++
			if flipDebug {
				fmt.Printf("  %s: listed, but Session() = %v\n", s.ID, err)
			}
		case err == nil && sameSession(got, w.s) && sameSession(s, w.s) && slices.ContainsFunc(w.older, func(o []byte) bool { return bytes.Equal(o, doc) }):
			r.rolledBack++
		case err != nil || !sameSession(got, w.s) || !sameSession(s, w.s) || !bytes.Equal(doc, w.doc):
			r.changed++
			if flipDebug {
				fmt.Printf("  %s: err %v\n  list %s\n  get  %s\n  doc %q\n", s.ID, err, cmp.Diff(w.s, s), cmp.Diff(w.s, got), doc)
			}
		}
	}
	for id := range want {
		if !seen[id] {
			r.lost++
		}
	}
	if un, err := db.Unfinished(); err != nil {
		r.detected = true
	} else {
		for _, s := range un {
			if w, ok := want[s.ID]; !ok || !w.s.Unfinished() || !sameSession(s, w.s) {
				r.changed++
			}
		}
	}
	for _, k := range []string{"T1", "T2"} {
		if term, err := db.Terminal(k); err == nil && term.Model != "A8" {
			r.changed++
		}
	}
	if st, err := db.Staff("小李"); err == nil && st.Name != "小李" {
		r.changed++
	}
	return r
}

// flipSessions is how many sessions the byte-flip seed holds.
const flipSessions = 12

// Flags to look at one flip: go test -run TestDrillByteFlip -args
// -flip.only=N.
var (
	flipOnly    = flag.Int("flip.only", -1, "byte-flip drill: flip only this position and print what changed")
	flipUpdate  = flag.Bool("flip.update", false, "byte-flip drill: write testdata/flip-seed.db anew")
	flipVerbose = flag.Bool("flip.v", false, "byte-flip drill: log every flip that lost more than one session")
	flipAll     = flag.Bool("flip.all", false, "with -flip.only: still flip every position, print only that one")
)

// TestDrillByteFlip flips one byte of a seeded history at every position
// (every 9th with -race, every 13th with -short) and opens it: each flip must change nothing,
// or be detected with the damage confined; never a silent change, never a
// refused history. No backup exists, so what survives is what the store
// itself keeps. Regression test for issue 16.
func TestDrillByteFlip(t *testing.T) {
	dir := fastDir(t)
	// bbolt lays pages out a little differently from run to run, so the
	// seeded file is kept in testdata: every run flips the same bytes.
	// -flip.update writes it anew (after a change of the file format).
	seed, want := flipSeed(t, filepath.Join(dir, "seed", FileName), flipSessions)
	golden := filepath.Join("testdata", "flip-seed.db")
	if *flipUpdate {
		if err := os.WriteFile(golden, seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seed, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -run TestDrillByteFlip -args -flip.update writes it)", err)
	}
	stride := 1
	switch {
	case testing.Short():
		stride = 13
	case raceEnabled:
		stride = 9
	}
	var positions []int
	for pos := 0; pos < len(seed); pos += stride {
		if *flipOnly < 0 || pos == *flipOnly || *flipAll {
			positions = append(positions, pos)
		}
	}
	var (
		mu                                                                                sync.Mutex
		trials, unchanged, detected, silent, refused, lostTotal, maxLost, rolledBack, bad int
		lossy                                                                             []int
	)
	// Two workers, each flipping in its own folder: the drill opens
	// thousands of files.
	var wg sync.WaitGroup
	const workers = 2
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := filepath.Join(dir, fmt.Sprint("w", w), FileName)
			buf := make([]byte, len(seed))
			for i := w; i < len(positions); i += workers {
				pos := positions[i]
				copy(buf, seed)
				buf[pos] ^= 0xFF
				os.RemoveAll(filepath.Dir(path))
				os.MkdirAll(filepath.Dir(path), 0o700)
				if err := os.WriteFile(path, buf, 0o600); err != nil {
					t.Error(err)
					return
				}
				debug := pos == *flipOnly
				r := flipOnce(path, want, debug)
				if debug {
					fmt.Printf("byte %d: %+v\n", pos, r)
				}
				where := fmt.Sprintf("byte %d (page %d, offset %d)", pos, pos/flipPageSize, pos%flipPageSize)
				mu.Lock()
				trials++
				rolledBack += r.rolledBack
				switch {
				case !r.detected && r.lost == 0 && r.changed == 0 && r.rolledBack == 0:
					unchanged++
				case !r.detected:
					silent++
					t.Errorf("%s: %d sessions lost, %d changed, %d rolled back, nothing detected", where, r.lost, r.changed, r.rolledBack)
				default:
					detected++
					lostTotal += r.lost
					maxLost = max(maxLost, r.lost)
					if r.lost > 1 {
						lossy = append(lossy, pos)
						if *flipVerbose {
							t.Logf("%s: %d sessions lost", where, r.lost)
						}
					}
					if r.refused {
						refused++
						t.Errorf("%s: the history could not be opened at all", where)
					}
					if r.changed > 0 {
						bad++
						t.Errorf("%s: detected, but %d sessions are listed with changed content", where, r.changed)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("byte-flip drill: %d-byte history, %d sessions, %d flips: %d no change, %d detected "+
		"(%d sessions lost in all, at most %d per flip, %d flips lost more than one; %d sessions back at their previous save), "+
		"%d silent changes, %d changed after detection, %d refused opens",
		len(seed), len(want), trials, unchanged, detected, lostTotal, maxLost, len(lossy), rolledBack, silent, bad, refused)
	if len(lossy) > 0 {
		t.Errorf("flips that lost more than one session, by page: %v; want none", pagesOf(lossy))
	}
}

func pagesOf(pos []int) map[int]int {
	m := map[int]int{}
	for _, p := range pos {
		m[p/flipPageSize]++
	}
	return m
}
