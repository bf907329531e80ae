package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FuzzValidate feeds arbitrary bytes to the checks that run on a history
// or backup file before bbolt may map it (readMetas, checkTree): they must
// return an error or nil, never panic, loop or read out of bounds. The
// meta checksums are fixed up first, so mutations reach the page tree.
// Seeds in testdata/fuzz/FuzzValidate are small real files (512-byte
// pages, nested and inline buckets) and damaged copies.
func FuzzValidate(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.Clone(data)
		fixMetaSums(data)
		m, err := readMetas(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if m.pgid*uint64(m.pageSize) > uint64(len(data)) {
			t.Fatalf("readMetas accepted a meta whose pages (%d × %d) exceed the %d bytes", m.pgid, m.pageSize, len(data))
		}
		_ = checkTree(bytes.NewReader(data), m)
	})
}

// fixMetaSums rewrites the checksums of both meta pages, taking the page
// size from meta 0.
func fixMetaSums(b []byte) {
	if len(b) < pageHeaderSize+metaSize {
		return
	}
	ps := int(binary.LittleEndian.Uint32(b[pageHeaderSize+8:]))
	for _, off := range []int{0, ps} {
		if off < 0 || off+pageHeaderSize+metaSize > len(b) {
			return
		}
		m := b[off+pageHeaderSize:]
		h := fnv.New64a()
		h.Write(m[:metaSumSize])
		binary.LittleEndian.PutUint64(m[metaSumSize:], h.Sum64())
	}
}

// smallHistory returns the bytes of a small real history (512-byte pages):
// sessions, a terminal with a snapshot, a staff member.
func smallHistory(tb testing.TB) []byte {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, FileName)
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: 512})
	if err != nil {
		tb.Fatal(err)
	}
	if err := migrate(bdb); err != nil {
		tb.Fatal(err)
	}
	bdb.Close()
	db, err := OpenWith(path, testOptions())
	if err != nil {
		tb.Fatal(err)
	}
	for i := range 3 {
		s := session(i, t0.Add(time.Duration(i)*time.Minute))
		if i == 2 {
			s.Finished = time.Time{}
		}
		if err := db.SaveSession(s, []byte(`{"steps":["a","b"]}`)); err != nil {
			tb.Fatal(err)
		}
	}
	db.SeeTerminal(Terminal{Key: "T1", Model: "A8"})
	db.AddSnapshot(Snapshot{Terminal: "T1", Taken: t0})
	db.PutStaff(Staff{Name: "小李"})
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// within fails the test when fn takes longer than d: a fuzzed file must
// never make the store hang.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v: a hang", d)
	}
}

// FuzzOpenFile hands a fuzzed file to every path that opens a file from
// outside (a backup to check or restore, a history to open): each must
// return, with an error or a history, never panic or hang; a history it
// returns must answer every query.
func FuzzOpenFile(f *testing.F) {
	good := smallHistory(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	for _, at := range []int{20, 512 + 40, 1024 + 8, 1536 + 12, 2048 + 100} {
		if at < len(good) {
			b := bytes.Clone(good)
			b[at] ^= 0xFF
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "in.db")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		within(t, 20*time.Second, func() {
			_ = CheckBackup(file)
			dbPath := filepath.Join(dir, "h", FileName)
			if _, err := Restore(dbPath, file, t0); err == nil {
				if db, err := OpenWith(dbPath, testOptions()); err == nil {
					db.Close()
				}
			}
			db, err := OpenWith(file, testOptions())
			if err != nil {
				return
			}
			defer db.Close()
			db.Sessions(Query{Finding: "card.expired"})
			db.Unfinished()
			db.Terminals()
			db.Snapshots("T1", 0)
			db.StaffList()
			db.Damaged()
			db.Recurring(t0, RecurringWindow)
			db.Triangulate(t0, time.Hour)
			if err := db.SaveSession(session(9, t0), []byte(`{}`)); err != nil && !errors.Is(err, ErrReadOnly) {
				t.Errorf("SaveSession() on an opened fuzzed file: %v", err)
			}
		})
	})
}

// FuzzRecords stores fuzzed bytes as records, sealed so their checksum
// holds (the JSON decoding is reached) or as they are: every read must
// return an error, skip the record or decode it, never panic.
func FuzzRecords(f *testing.F) {
	f.Add([]byte(`{"id":"x","started":"2026-11-25T10:00:00Z"}`), true)
	f.Add([]byte(`{"id":"x","started":"bad"}`), true)
	f.Add([]byte(`{"key":"T1","first_seen":1}`), true)
	f.Add([]byte(`{"name":"小李","cards":{"c":{"attempts":"x"}}}`), true)
	f.Add([]byte(`null`), true)
	f.Add([]byte{0xFF, 0, 1}, false)
	f.Fuzz(func(t *testing.T, payload []byte, sealed bool) {
		db := newDB(t)
		if err := db.SaveSession(session(1, t0), []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
		key := sessionKey(t0.Add(time.Minute), 99)
		val := func(k []byte) []byte {
			if sealed {
				return seal(k, payload)
			}
			return bytes.Clone(payload)
		}
		err := db.update(func(tx *bolt.Tx) error {
			id := []byte("fuzz")
			for _, kv := range []struct {
				bucket []byte
				k, v   []byte
			}{
				{bucketIndex, key, val(key)},
				{bucketSessions, key, val(key)},
				{bucketIDs, id, val(id)},
				{bucketOpen, id, val(id)},
				{bucketTerminals, []byte("T1"), val([]byte("T1"))},
				{bucketStaff, []byte("小李"), val([]byte("小李"))},
				{bucketQuarantine, []byte("q0000001"), val([]byte("q0000001"))},
			} {
				if err := tx.Bucket(kv.bucket).Put(kv.k, kv.v); err != nil {
					return err
				}
			}
			b, err := tx.Bucket(bucketSnapshots).CreateBucketIfNotExists([]byte("T1"))
			if err != nil {
				return err
			}
			return b.Put(key, val(key))
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Sessions(Query{})
		db.Session("fuzz")
		db.Session(session(1, t0).ID)
		db.Unfinished()
		db.Terminal("T1")
		db.Terminals()
		db.Snapshots("T1", 0)
		db.Changes("T1")
		db.Staff("小李")
		db.StaffList()
		db.Damaged()
		db.Recurring(t0.Add(time.Hour), RecurringWindow)
		db.Triangulate(t0.Add(time.Hour), time.Hour)
		db.SeeTerminal(Terminal{Key: "T1"})
		// Open again: the check at open must take it too.
		path := db.Path()
		db.Close()
		if db2, err := OpenWith(path, testOptions()); err == nil {
			db2.Sessions(Query{})
			db2.Close()
		}
	})
}
