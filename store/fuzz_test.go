package store

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"testing"
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
