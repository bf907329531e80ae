package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// bbolt page layout (go.etcd.io/bbolt v1.5.0 internal/common/page.go).
const (
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	elementSize      = 16 // branch and leaf elements are both 16 bytes
	bucketHeaderSize = 16 // InBucket: root page, sequence
	maxTreeDepth     = 64
)

// treeWalker checks the page tree of a bbolt file with plain reads, so a
// damaged file is found before bbolt maps it: every page reachable from the
// root bucket must lie below the high water mark, name itself in its header,
// be a branch or leaf page, be referenced once (no cycles, which would send
// bbolt into endless recursion), and hold its elements, keys and values
// within its bounds. It walks the tree level by level in page order, through
// a read window, so a 100 MB file costs a few thousand large reads rather
// than one small read per page.
type treeWalker struct {
	r    io.ReaderAt
	ps   int64
	hwm  uint64
	seen []uint64 // bit set of visited pages

	win    []byte // a window of the file
	winOff int64
	winLen int
}

// window is the read size of treeWalker.
const window = 256 << 10

// checkTree walks the tree of the file whose newest meta page is m.
func checkTree(r io.ReaderAt, m meta) error {
	w := &treeWalker{r: r, ps: int64(m.pageSize), hwm: m.pgid, seen: make([]uint64, (m.pgid+63)/64)}
	var free []byte
	if m.freelist != noFreelist {
		h, span, err := w.page(m.freelist)
		if err != nil {
			return fmt.Errorf("freelist: %w", err)
		}
		if h.flags != freelistPageFlag {
			return fmt.Errorf("freelist page %d: flags %#x", m.freelist, h.flags)
		}
		free = bytes.Clone(span)
	}
	level := []childRef{{id: m.root}}
	for depth := 0; len(level) > 0; depth++ {
		if depth > maxTreeDepth {
			return errors.New("page tree too deep")
		}
		slices.SortFunc(level, func(a, b childRef) int { return cmpUint(a.id, b.id) })
		var next []childRef
		for _, c := range level {
			var err error
			if next, err = w.node(c, next); err != nil {
				return err
			}
		}
		level = next
	}
	if free != nil {
		return w.checkFreelist(free)
	}
	return nil
}

// checkFreelist checks the free page IDs on the freelist page span p: each
// within 2..high water mark, listed once, and not a page the tree uses.
// bbolt would otherwise hand a page in use, or one past the end of the
// file, to the next save (and panic, or overwrite a record).
func (w *treeWalker) checkFreelist(p []byte) error {
	count := int64(binary.LittleEndian.Uint16(p[10:]))
	ids := p[pageHeaderSize:]
	if count == 0xFFFF {
		if len(ids) < 8 {
			return errors.New("freelist: count missing")
		}
		c := binary.LittleEndian.Uint64(ids)
		if c > uint64(len(ids)/8) {
			return fmt.Errorf("freelist: %d IDs do not fit its pages", c)
		}
		count, ids = int64(c), ids[8:]
	}
	if count*8 > int64(len(ids)) {
		return fmt.Errorf("freelist: %d IDs do not fit its pages", count)
	}
	listed := make([]uint64, len(w.seen))
	for i := range count {
		id := binary.LittleEndian.Uint64(ids[i*8:])
		switch {
		case id < 2 || id >= w.hwm:
			return fmt.Errorf("freelist: page %d outside 2..%d", id, w.hwm)
		case w.seen[id/64]&(1<<(id%64)) != 0:
			return fmt.Errorf("freelist: page %d is in use", id)
		case listed[id/64]&(1<<(id%64)) != 0:
			return fmt.Errorf("freelist: page %d listed twice", id)
		}
		listed[id/64] |= 1 << (id % 64)
	}
	return nil
}

// childRef is a page to visit and, for a child of a branch page, the key
// the branch holds for it: bbolt keeps it equal to the child's first key
// and finds records by it, so a damaged one would hide records without a
// sound. The root page of a bucket has no such key (first is nil).
type childRef struct {
	id    uint64
	first []byte
}

type pageHeader struct {
	id       uint64
	flags    uint16
	count    uint16
	overflow uint32
}

func parsePageHeader(b []byte) pageHeader {
	return pageHeader{
		id:       binary.LittleEndian.Uint64(b),
		flags:    binary.LittleEndian.Uint16(b[8:]),
		count:    binary.LittleEndian.Uint16(b[10:]),
		overflow: binary.LittleEndian.Uint32(b[12:]),
	}
}

// read returns n bytes at off. The slice is valid until the next read.
func (w *treeWalker) read(off int64, n int) ([]byte, error) {
	if off >= w.winOff && off+int64(n) <= w.winOff+int64(w.winLen) {
		return w.win[off-w.winOff : off-w.winOff+int64(n)], nil
	}
	// Never read past the high water mark: the file may end there.
	size := int(min(int64(max(window, n)), int64(w.hwm)*w.ps-off))
	if size < n {
		return nil, fmt.Errorf("read %d bytes at %d: past the end", n, off)
	}
	if cap(w.win) < size {
		w.win = make([]byte, size)
	}
	w.win = w.win[:size]
	got, err := w.r.ReadAt(w.win, off)
	if got < n {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		w.winLen = 0
		return nil, fmt.Errorf("read %d bytes at %d: %w", n, off, err)
	}
	w.winOff, w.winLen = off, got
	return w.win[:n], nil
}

// page marks page id visited and returns its header and its whole span
// (the page and its overflow pages).
func (w *treeWalker) page(id uint64) (pageHeader, []byte, error) {
	if id < 2 || id >= w.hwm {
		return pageHeader{}, nil, fmt.Errorf("page %d outside 2..%d", id, w.hwm)
	}
	if w.seen[id/64]&(1<<(id%64)) != 0 {
		return pageHeader{}, nil, fmt.Errorf("page %d referenced twice", id)
	}
	w.seen[id/64] |= 1 << (id % 64)
	b, err := w.read(int64(id)*w.ps, pageHeaderSize)
	if err != nil {
		return pageHeader{}, nil, err
	}
	h := parsePageHeader(b)
	if h.id != id {
		return pageHeader{}, nil, fmt.Errorf("page %d says it is page %d", id, h.id)
	}
	if uint64(h.overflow) >= w.hwm-id {
		return pageHeader{}, nil, fmt.Errorf("page %d: %d overflow pages run past the end", id, h.overflow)
	}
	for o := id + 1; o <= id+uint64(h.overflow); o++ {
		if w.seen[o/64]&(1<<(o%64)) != 0 {
			return pageHeader{}, nil, fmt.Errorf("overflow page %d of page %d referenced twice", o, id)
		}
		w.seen[o/64] |= 1 << (o % 64)
	}
	span, err := w.read(int64(id)*w.ps, int(int64(1+uint64(h.overflow))*w.ps))
	return h, span, err
}

// node checks the branch or leaf page c.id and appends the pages it points
// to (children, roots of nested buckets) to next. Keys must rise strictly
// through the page, and the first must be the one the parent holds.
func (w *treeWalker) node(c childRef, next []childRef) ([]childRef, error) {
	id := c.id
	h, p, err := w.page(id)
	if err != nil {
		return next, err
	}
	if h.flags != branchPageFlag && h.flags != leafPageFlag {
		return next, fmt.Errorf("page %d: flags %#x, want branch or leaf", id, h.flags)
	}
	if pageHeaderSize+int(h.count)*elementSize > len(p) {
		return next, fmt.Errorf("page %d: %d elements overflow it", id, h.count)
	}
	var prev []byte
	order := func(i int, key []byte) error {
		switch {
		case i == 0 && c.first != nil && !bytes.Equal(key, c.first):
			return fmt.Errorf("page %d: first key is not the one its parent holds", id)
		case i > 0 && bytes.Compare(prev, key) >= 0:
			return fmt.Errorf("page %d element %d: keys out of order", id, i)
		}
		prev = key
		return nil
	}
	if h.flags == branchPageFlag {
		if h.count == 0 {
			return next, fmt.Errorf("branch page %d is empty", id)
		}
		for i := range int(h.count) {
			at := pageHeaderSize + i*elementSize
			e := p[at:]
			pos, ksize := int64(binary.LittleEndian.Uint32(e)), int64(binary.LittleEndian.Uint32(e[4:]))
			if int64(at)+pos+ksize > int64(len(p)) {
				return next, fmt.Errorf("branch page %d element %d: key past the page", id, i)
			}
			key := bytes.Clone(p[int64(at)+pos : int64(at)+pos+ksize])
			if err := order(i, key); err != nil {
				return next, err
			}
			next = append(next, childRef{id: binary.LittleEndian.Uint64(e[8:]), first: key})
		}
		return next, nil
	}
	for i := range int(h.count) {
		at := pageHeaderSize + i*elementSize
		e := p[at:]
		flags := binary.LittleEndian.Uint32(e)
		pos := int64(binary.LittleEndian.Uint32(e[4:]))
		ksize := int64(binary.LittleEndian.Uint32(e[8:]))
		vsize := int64(binary.LittleEndian.Uint32(e[12:]))
		end := int64(at) + pos + ksize + vsize
		if end > int64(len(p)) {
			return next, fmt.Errorf("leaf page %d element %d: value past the page", id, i)
		}
		if err := order(i, p[int64(at)+pos:int64(at)+pos+ksize]); err != nil {
			return next, err
		}
		if flags&bucketLeafFlag == 0 {
			continue
		}
		if vsize < bucketHeaderSize {
			return next, fmt.Errorf("leaf page %d element %d: bucket value of %d bytes", id, i, vsize)
		}
		v := p[end-vsize : end]
		if root := binary.LittleEndian.Uint64(v); root != 0 {
			next = append(next, childRef{id: root})
			continue
		}
		if err := checkInline(v[bucketHeaderSize:]); err != nil {
			return next, fmt.Errorf("leaf page %d element %d: inline bucket: %w", id, i, err)
		}
	}
	return next, nil
}

// checkInline checks an inline bucket's page: a leaf page stored in its
// parent's value, whose elements must stay inside it.
func checkInline(p []byte) error {
	if len(p) < pageHeaderSize {
		return errors.New("too short")
	}
	h := parsePageHeader(p)
	if h.flags != leafPageFlag {
		return fmt.Errorf("flags %#x", h.flags)
	}
	if need := pageHeaderSize + int(h.count)*elementSize; need > len(p) {
		return fmt.Errorf("%d elements overflow it", h.count)
	}
	for i := range int(h.count) {
		e := p[pageHeaderSize+i*elementSize:]
		if binary.LittleEndian.Uint32(e)&bucketLeafFlag != 0 {
			return errors.New("an inline bucket holds a bucket")
		}
		at := int64(pageHeaderSize+i*elementSize) + int64(binary.LittleEndian.Uint32(e[4:]))
		if at+int64(binary.LittleEndian.Uint32(e[8:]))+int64(binary.LittleEndian.Uint32(e[12:])) > int64(len(p)) {
			return fmt.Errorf("element %d past the end", i)
		}
	}
	return nil
}
