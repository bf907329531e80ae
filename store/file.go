package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The bbolt on-disk layout this file checks (go.etcd.io/bbolt v1.5.0,
// internal/common): a 16-byte page header, then the meta fields.
const (
	pageHeaderSize = 16
	metaSize       = 64 // magic..checksum
	metaSumSize    = 56 // the checksum covers the fields before it
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	metaPageFlag   = 0x04
	noFreelist     = ^uint64(0)
	minPageSize    = 512
	maxPageSize    = 16 << 20
)

// meta is one decoded bbolt meta page.
type meta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // high water mark: pages below it are in use
	txid     uint64
}

// parseMeta decodes and checks the meta page at the start of b.
func parseMeta(b []byte) (meta, error) { return decodeMeta(b, true) }

// decodeMeta is parseMeta; without sum it ignores the checksum, for
// salvage to try a damaged meta page whose fields still make sense.
func decodeMeta(b []byte, sum bool) (meta, error) {
	if len(b) < pageHeaderSize+metaSize {
		return meta{}, errors.New("meta page too short")
	}
	if flags := binary.LittleEndian.Uint16(b[8:]); flags&metaPageFlag == 0 {
		return meta{}, fmt.Errorf("page flags %#x: not a meta page", flags)
	}
	m := b[pageHeaderSize:]
	if magic := binary.LittleEndian.Uint32(m[0:]); magic != boltMagic {
		return meta{}, fmt.Errorf("magic %#x", magic)
	}
	if v := binary.LittleEndian.Uint32(m[4:]); v != boltVersion {
		return meta{}, fmt.Errorf("format version %d", v)
	}
	h := fnv.New64a()
	h.Write(m[:metaSumSize])
	if got := binary.LittleEndian.Uint64(m[metaSumSize:]); sum && got != h.Sum64() {
		return meta{}, errors.New("checksum mismatch")
	}
	md := meta{
		pageSize: binary.LittleEndian.Uint32(m[8:]),
		root:     binary.LittleEndian.Uint64(m[16:]),
		freelist: binary.LittleEndian.Uint64(m[32:]),
		pgid:     binary.LittleEndian.Uint64(m[40:]),
		txid:     binary.LittleEndian.Uint64(m[48:]),
	}
	if md.pageSize < minPageSize || md.pageSize > maxPageSize || md.pageSize&(md.pageSize-1) != 0 {
		return meta{}, fmt.Errorf("page size %d", md.pageSize)
	}
	if md.pgid < 4 || md.root < 2 || md.root >= md.pgid {
		return meta{}, fmt.Errorf("root page %d beyond high water mark %d", md.root, md.pgid)
	}
	if md.freelist != noFreelist && (md.freelist < 2 || md.freelist >= md.pgid) {
		return meta{}, fmt.Errorf("freelist page %d beyond high water mark %d", md.freelist, md.pgid)
	}
	return md, nil
}

// readMetas checks a database image without mapping it: r holds size
// bytes. Both meta pages must be intact and agree on the page size, the
// size must be a whole number of pages, and no meta may point past the end
// (a truncated file). It reads two pages at most and returns the newer
// meta, the one bbolt will use.
func readMetas(r io.ReaderAt, size int64) (meta, error) {
	if size < 4*minPageSize {
		return meta{}, fmt.Errorf("size %d: too small", size)
	}
	first := make([]byte, pageHeaderSize+metaSize)
	if _, err := r.ReadAt(first, 0); err != nil {
		return meta{}, fmt.Errorf("read meta 0: %w", err)
	}
	m0, err := parseMeta(first)
	if err != nil {
		return meta{}, fmt.Errorf("meta 0: %w", err)
	}
	ps := int64(m0.pageSize)
	if size%ps != 0 {
		return meta{}, fmt.Errorf("size %d: not a multiple of the page size %d", size, ps)
	}
	if size < 4*ps {
		return meta{}, fmt.Errorf("size %d: fewer than 4 pages", size)
	}
	second := make([]byte, pageHeaderSize+metaSize)
	if _, err := r.ReadAt(second, ps); err != nil {
		return meta{}, fmt.Errorf("read meta 1: %w", err)
	}
	m1, err := parseMeta(second)
	if err != nil {
		return meta{}, fmt.Errorf("meta 1: %w", err)
	}
	if m1.pageSize != m0.pageSize {
		return meta{}, fmt.Errorf("meta pages disagree on the page size: %d and %d", m0.pageSize, m1.pageSize)
	}
	for i, m := range []meta{m0, m1} {
		if m.pgid > uint64(size/ps) {
			return meta{}, fmt.Errorf("meta %d: %d pages in use, file has %d (truncated)", i, m.pgid, size/ps)
		}
	}
	if m1.txid > m0.txid {
		return m1, nil
	}
	return m0, nil
}

// validateFile runs readMetas and checkTree on the file at path: the
// whole structure is checked with plain reads before bbolt maps the file.
// It returns a *CorruptError when the content is bad, and the filesystem's
// error (not found, permission denied) when the file cannot be read at all.
func validateFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &CorruptError{Path: path, Reason: "not a regular file"}
	}
	m, err := readMetas(f, st.Size())
	if err == nil {
		err = checkTree(f, m)
	}
	if err != nil {
		return &CorruptError{Path: path, Reason: "structure", Err: err}
	}
	return nil
}

// guard runs fn with memory faults turned into panics and recovers any
// panic as a *panicError. bbolt panics on some damaged pages, and a read
// past the end of a truncated mapping raises SIGBUS, which only
// SetPanicOnFault makes recoverable. The setting is per goroutine, so fn
// must not hand bbolt work to other goroutines.
func guard(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r}
		}
	}()
	return fn()
}

// openGuarded opens path with bbolt under guard. When bbolt panics halfway
// through Open, the *bolt.DB is lost with its file (and the file's lock)
// still open; the OpenFile hook keeps the file so it is closed here.
func openGuarded(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	var (
		mu     sync.Mutex
		opened *os.File
	)
	opts := &bolt.Options{
		Timeout:  timeout,
		ReadOnly: readOnly,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, mode)
			mu.Lock()
			opened = f
			mu.Unlock()
			return f, err
		},
	}
	var db *bolt.DB
	err := guard(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, opts)
		return err
	})
	if err != nil {
		var pe *panicError
		if errors.As(err, &pe) {
			mu.Lock()
			if opened != nil {
				opened.Close()
			}
			mu.Unlock()
		}
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, ErrInUse
		}
		return nil, err
	}
	return db, nil
}

// walk is the second half of the quick consistency pass (checkTree, run
// before the open, is the first): under guard, through bbolt itself, it
// opens every bucket and reads its first and last key. A fault or panic
// here becomes an error at open rather than in the middle of the user's
// work. Only the snapshots bucket holds nested buckets; other buckets are
// not scanned for them, which would cost a pass over every key.
func walk(db *bolt.DB) error {
	return guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return walkBucket(b, bytes.Equal(name, bucketSnapshots))
			})
		})
	})
}

func walkBucket(b *bolt.Bucket, nested bool) error {
	c := b.Cursor()
	c.First()
	c.Last()
	if !nested {
		return nil
	}
	return b.ForEachBucket(func(k []byte) error {
		return walkBucket(b.Bucket(k), false)
	})
}

// checkFile fully checks the database or backup at path without keeping
// it open: header, a read-only guarded open, the walk. It returns ErrInUse
// when another process holds the file, and a *CorruptError when it is
// damaged.
func checkFile(path string, timeout time.Duration) error {
	if err := validateFile(path); err != nil {
		return err
	}
	db, err := openGuarded(path, timeout, true)
	if err != nil {
		if errors.Is(err, ErrInUse) {
			return err
		}
		return &CorruptError{Path: path, Reason: "open", Err: err}
	}
	defer db.Close()
	if err := walk(db); err != nil {
		return &CorruptError{Path: path, Reason: "walk", Err: err}
	}
	return nil
}
