package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Salvage: when a file's structure is damaged (a bad page header, a torn
// meta page, a truncated file), bbolt cannot be trusted to read it. Since
// schema 3 every record carries its own checksum, so the records can be
// read straight from the pages with plain reads, each kept only if its
// checksum holds, and written into a new history. The damage then costs
// the records on the damaged pages, not the whole history.

// rawRecord is a key and value read from a page, copied.
type rawRecord struct{ k, v []byte }

// rawBucket is a bucket read from the pages.
type rawBucket struct {
	seq    uint64
	recs   []rawRecord
	nested map[string]*rawBucket
}

// rawReader reads pages of one file leniently: a page that fails a check
// is skipped with what hangs below it, the rest is still read.
type rawReader struct {
	r    io.ReaderAt
	ps   int64
	hwm  uint64
	seen map[uint64]bool
}

// span returns page id and its overflow pages, or false when it cannot
// be read: out of range or seen before. A damaged header is no reason to
// give up on the page: its ID is known from the pointer that led here,
// and an overflow count that runs past the end is taken as none.
func (w *rawReader) span(id uint64) ([]byte, bool) {
	if id < 2 || id >= w.hwm || w.seen[id] {
		return nil, false
	}
	w.seen[id] = true
	head := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(head, int64(id)*w.ps); err != nil {
		return nil, false
	}
	h := parsePageHeader(head)
	if uint64(h.overflow) >= w.hwm-id || h.overflow > 1<<16 {
		h.overflow = 0
	}
	p := make([]byte, int64(1+h.overflow)*w.ps)
	if _, err := w.r.ReadAt(p, int64(id)*w.ps); err != nil {
		return nil, false
	}
	return p, true
}

// shape tells whether the page p is a branch or a leaf page and how many
// elements it holds, trusting the header where it agrees with the
// elements: bbolt writes the elements and then the keys and values right
// after them, so element 0 points just past the last element (its offset
// is count × 16), and a leaf element starts with flags 0 or 1 where a
// branch element starts with that offset.
func shape(p []byte) (flags uint16, count int) {
	h := parsePageHeader(p)
	flags, count = h.flags, int(h.count)
	if len(p) < pageHeaderSize+elementSize {
		return flags, 0
	}
	e := p[pageHeaderSize:]
	if flags != branchPageFlag && flags != leafPageFlag {
		flags = branchPageFlag
		if binary.LittleEndian.Uint32(e) <= 1 {
			flags = leafPageFlag
		}
	}
	pos0 := binary.LittleEndian.Uint32(e)
	if flags == leafPageFlag {
		pos0 = binary.LittleEndian.Uint32(e[4:])
	}
	if n := int(pos0 / elementSize); pos0%elementSize == 0 && n > 0 && pageHeaderSize+n*elementSize <= len(p) {
		count = n
	}
	return flags, count
}

// bucket reads the bucket whose header (and inline page) is v.
func (w *rawReader) bucket(v []byte, depth int) *rawBucket {
	if len(v) < bucketHeaderSize {
		return nil
	}
	b := &rawBucket{seq: binary.LittleEndian.Uint64(v[8:]), nested: map[string]*rawBucket{}}
	if root := binary.LittleEndian.Uint64(v); root != 0 {
		w.tree(root, b, depth)
	} else {
		w.leaf(v[bucketHeaderSize:], b, depth)
	}
	return b
}

// tree reads the pages below id into b.
func (w *rawReader) tree(id uint64, b *rawBucket, depth int) {
	if depth > maxTreeDepth {
		return
	}
	p, ok := w.span(id)
	if !ok {
		return
	}
	switch flags, count := shape(p); flags {
	case branchPageFlag:
		for i := range count {
			at := pageHeaderSize + i*elementSize
			if at+elementSize > len(p) {
				return
			}
			w.tree(binary.LittleEndian.Uint64(p[at+8:]), b, depth+1)
		}
	case leafPageFlag:
		w.leaf(p, b, depth)
	}
}

// leaf reads the elements of the leaf page p (a page span, or an inline
// bucket's page) into b, skipping any element that reaches outside it.
func (w *rawReader) leaf(p []byte, b *rawBucket, depth int) {
	if len(p) < pageHeaderSize {
		return
	}
	flags, count := shape(p)
	if flags != leafPageFlag {
		return
	}
	for i := range count {
		at := pageHeaderSize + i*elementSize
		if at+elementSize > len(p) {
			return
		}
		e := p[at:]
		flags := binary.LittleEndian.Uint32(e)
		start := int64(at) + int64(binary.LittleEndian.Uint32(e[4:]))
		ksize := int64(binary.LittleEndian.Uint32(e[8:]))
		vsize := int64(binary.LittleEndian.Uint32(e[12:]))
		if start+ksize+vsize > int64(len(p)) {
			continue
		}
		k := bytes.Clone(p[start : start+ksize])
		v := p[start+ksize : start+ksize+vsize]
		if flags&bucketLeafFlag != 0 {
			if nb := w.bucket(v, depth+1); nb != nil {
				b.nested[string(k)] = nb
			}
			continue
		}
		b.recs = append(b.recs, rawRecord{k, bytes.Clone(v)})
	}
}

// readRaw reads every bucket of the file behind r (size bytes). It reads
// the tree of each meta page that leads to a schema-3 history, newest
// first, including a meta page whose checksum fails but whose fields make
// sense (a flipped byte in the newest meta page would otherwise lose the
// last save), and keeps for each key the first value whose checksum holds.
func readRaw(r io.ReaderAt, size int64) (*rawBucket, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	var metas []meta
	for _, off := range []int64{0, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536} {
		if _, err := r.ReadAt(buf, off); err != nil {
			continue
		}
		if m, err := decodeMeta(buf, false); err == nil && (off == 0 || int64(m.pageSize) == off) {
			metas = append(metas, m)
		}
	}
	slices.SortFunc(metas, func(a, b meta) int { return -cmpUint(a.txid, b.txid) })
	var root *rawBucket
	for _, m := range metas {
		hwm := min(m.pgid, uint64(size/int64(m.pageSize)))
		w := &rawReader{r: r, ps: int64(m.pageSize), hwm: hwm, seen: map[uint64]bool{}}
		tree := &rawBucket{nested: map[string]*rawBucket{}}
		w.tree(m.root, tree, 0)
		if mb := tree.nested[string(bucketMeta)]; mb == nil || !sealedSchema(mb) {
			continue
		}
		if root == nil {
			root = tree
		} else {
			root.merge(tree)
		}
	}
	if root == nil {
		return nil, errors.New("no meta page leads to a history with checksums")
	}
	return root, nil
}

// merge adds o's records to b: a key b lacks, or whose value in b fails
// its checksum while o's holds.
func (b *rawBucket) merge(o *rawBucket) {
	b.seq = max(b.seq, o.seq)
	at := map[string]int{}
	for i, r := range b.recs {
		at[string(r.k)] = i
	}
	for _, r := range o.recs {
		i, ok := at[string(r.k)]
		switch {
		case !ok:
			at[string(r.k)] = len(b.recs)
			b.recs = append(b.recs, r)
		case !sealedOK(b.recs[i]) && sealedOK(r):
			b.recs[i] = r
		}
	}
	for name, ob := range o.nested {
		if nb := b.nested[name]; nb != nil {
			nb.merge(ob)
		} else {
			b.nested[name] = ob
		}
	}
}

func sealedOK(r rawRecord) bool { _, ok := unseal(r.k, r.v); return ok }

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sealedSchema reports whether the meta bucket holds a sealed schema
// version this build reads.
func sealedSchema(mb *rawBucket) bool {
	for _, r := range mb.recs {
		if bytes.Equal(r.k, schemaKey) || bytes.Equal(r.k, schemaCopyKey) {
			if p, ok := unseal(r.k, r.v); ok && len(p) == 8 && binary.BigEndian.Uint64(p) == SchemaVersion {
				return true
			}
		}
	}
	return false
}

// salvageRecords rebuilds the damaged history src as a new file dst (an
// existing empty file): every record whose checksum holds is kept, every
// other one goes to quarantine with its bytes, and the lookups are rebuilt
// from the index. It returns an error when src has no schema-3 history to
// read (an older file, or no usable meta page).
func salvageRecords(src, dst string, now time.Time) (kept, damaged int, err error) {
	f, err := os.Open(src)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0, 0, errors.New("not a regular file")
	}
	root, err := readRaw(f, st.Size())
	if err != nil {
		return 0, 0, err
	}
	if err := newEmpty(dst); err != nil {
		return 0, 0, err
	}
	bdb, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return 0, 0, err
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		fixBucketNames(root.nested)
		for name, rb := range root.nested {
			var err error
			switch name {
			case string(bucketMeta), string(bucketIDs), string(bucketOpen):
				// The layout is new; the lookups are rebuilt below.
			case string(bucketSnapshots):
				for term, nb := range rb.nested {
					var b *bolt.Bucket
					if b, err = tx.Bucket(bucketSnapshots).CreateBucketIfNotExists([]byte(term)); err != nil {
						return err
					}
					k, d, err := restoreRecords(tx, b, name+"/"+term, nb, now)
					if err != nil {
						return err
					}
					kept, damaged = kept+k, damaged+d
				}
			default:
				// A bucket not of ours gives nil: its records go to quarantine.
				k, d, err := restoreRecords(tx, tx.Bucket([]byte(name)), name, rb, now)
				if err != nil {
					return err
				}
				kept, damaged = kept+k, damaged+d
			}
		}
		return rebuildLookups(tx)
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, fmt.Errorf("salvage %s: %w", src, err)
	}
	return kept, damaged, syncFile(dst)
}

// restoreRecords writes rb's good records into b (nil: none is good
// there) and quarantines the others, and sets b's sequence to no less
// than rb's or any key's (session and snapshot keys end in a sequence
// number), so new keys never collide with salvaged ones.
func restoreRecords(tx *bolt.Tx, b *bolt.Bucket, name string, rb *rawBucket, now time.Time) (kept, damaged int, err error) {
	seq := rb.seq
	for _, r := range rb.recs {
		switch len(r.k) {
		case 16: // session and snapshot keys: time, sequence
			seq = max(seq, binary.BigEndian.Uint64(r.k[8:]))
		case 8: // quarantine keys: sequence
			seq = max(seq, binary.BigEndian.Uint64(r.k))
		}
	}
	if b != nil && b.Sequence() < seq {
		if err := b.SetSequence(seq); err != nil {
			return 0, 0, err
		}
	}
	for _, r := range rb.recs {
		if _, ok := unseal(r.k, r.v); !ok || b == nil {
			if err := quarantine(tx, name, r.k, r.v, now); err != nil {
				return kept, damaged, err
			}
			damaged++
			continue
		}
		if err := b.Put(r.k, r.v); err != nil {
			return kept, damaged, err
		}
		kept++
	}
	return kept, damaged, nil
}

// fixBucketNames maps a bucket name that differs from a missing name of
// ours in one byte (a flipped byte in the name) back to that name.
func fixBucketNames(top map[string]*rawBucket) {
	for _, want := range buckets {
		if _, ok := top[string(want)]; ok {
			continue
		}
		for name, rb := range top {
			if isKnownBucket(name) || len(name) != len(want) {
				continue
			}
			diff := 0
			for i := range len(name) {
				if name[i] != want[i] {
					diff++
				}
			}
			if diff == 1 {
				delete(top, name)
				top[string(want)] = rb
				break
			}
		}
	}
}

func isKnownBucket(name string) bool {
	return slices.ContainsFunc(buckets, func(b []byte) bool { return string(b) == name })
}

// syncFile flushes a file to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// completeFromBackup adds to the salvaged history at dst every record of
// the good backup at backup whose key dst lacks: the records that were on
// pages the damage took. Keys are the same in both (the backup is a copy
// of this history), so a session's index record and document come back
// together. It returns how many sessions came back.
func completeFromBackup(dst, backup string, timeout time.Duration) (int, error) {
	src, err := openGuarded(backup, timeout, true)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	out, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return 0, err
	}
	added := 0
	err = guard(func() error {
		return src.View(func(stx *bolt.Tx) error {
			return out.Update(func(dtx *bolt.Tx) error {
				copyMissing := func(sb, db *bolt.Bucket) (int, error) {
					n := 0
					err := sb.ForEach(func(k, v []byte) error {
						if v == nil || db.Get(k) != nil {
							return nil
						}
						if _, ok := unseal(k, v); !ok {
							return nil
						}
						n++
						return db.Put(bytes.Clone(k), bytes.Clone(v))
					})
					return n, err
				}
				for _, name := range [][]byte{bucketIndex, bucketSessions, bucketTerminals, bucketStaff} {
					sb := stx.Bucket(name)
					if sb == nil {
						continue
					}
					n, err := copyMissing(sb, dtx.Bucket(name))
					if err != nil {
						return err
					}
					if bytes.Equal(name, bucketIndex) {
						added = n
						if db := dtx.Bucket(name); db.Sequence() < sb.Sequence() {
							if err := db.SetSequence(sb.Sequence()); err != nil {
								return err
							}
						}
					}
				}
				if ss := stx.Bucket(bucketSnapshots); ss != nil {
					err := ss.ForEachBucket(func(term []byte) error {
						db, err := dtx.Bucket(bucketSnapshots).CreateBucketIfNotExists(bytes.Clone(term))
						if err != nil {
							return err
						}
						_, err = copyMissing(ss.Bucket(term), db)
						return err
					})
					if err != nil {
						return err
					}
				}
				return rebuildLookups(dtx)
			})
		})
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return added, syncFile(dst)
}
