package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Every value the store writes (schema 3 on) is sealed: the value's bytes
// followed by a CRC-32C (Castagnoli), big-endian, over the key's length
// (uvarint), the key and the value. bbolt checks none of its pages, so a
// flipped bit in a record, or in the page bytes that say where a record
// starts and ends, is found here, on read, and stays in that one record.

// sumSize is the length of the checksum after a sealed value.
const sumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func recordSum(key, payload []byte) uint32 {
	var n [binary.MaxVarintLen64]byte
	c := crc32.Update(0, castagnoli, n[:binary.PutUvarint(n[:], uint64(len(key)))])
	c = crc32.Update(c, castagnoli, key)
	return crc32.Update(c, castagnoli, payload)
}

// seal returns payload followed by its checksum under key.
func seal(key, payload []byte) []byte {
	out := make([]byte, len(payload), len(payload)+sumSize)
	copy(out, payload)
	return binary.BigEndian.AppendUint32(out, recordSum(key, payload))
}

// unseal returns the payload of the sealed value v stored under key, and
// false when v is damaged (too short, or the checksum does not match). The
// payload aliases v.
func unseal(key, v []byte) ([]byte, bool) {
	if len(v) < sumSize {
		return nil, false
	}
	p := v[:len(v)-sumSize]
	return p, binary.BigEndian.Uint32(v[len(p):]) == recordSum(key, p)
}

// sealedBuckets are the top-level buckets whose values are sealed. The
// snapshots bucket holds one nested bucket per terminal, whose values are.
var sealedBuckets = [][]byte{bucketIndex, bucketSessions, bucketIDs, bucketOpen, bucketTerminals, bucketStaff, bucketQuarantine}

// bucketQuarantine keeps damaged records: sequence key → sealed JSON of a
// quarantined record, with the damaged bytes as they were.
var bucketQuarantine = []byte("quarantine")

// quarantined is how a damaged record is kept.
type quarantined struct {
	Bucket string    `json:"bucket"` // "index", or "snapshots/<terminal>"
	Key    []byte    `json:"key"`    // base64 in JSON
	Raw    []byte    `json:"raw"`    // the damaged value, checksum included
	Found  time.Time `json:"found"`
}

// DamagedRecord is a record that failed its checksum and was taken out of
// the history (quarantined). Its bytes are kept for support; every other
// record stays readable.
type DamagedRecord struct {
	Bucket string    // where it was: "index" (a session's list entry), "sessions" (a session's document), "terminals", …
	Key    []byte    // its key
	Raw    []byte    // its bytes as found
	Found  time.Time // when Open found it
}

// Damaged returns the quarantined records, oldest first.
func (db *DB) Damaged() ([]DamagedRecord, error) {
	var out []DamagedRecord
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQuarantine)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var q quarantined
			p, ok := unseal(k, v)
			if !ok || json.Unmarshal(p, &q) != nil {
				// A damaged quarantine record is still shown, whole.
				out = append(out, DamagedRecord{Bucket: string(bucketQuarantine), Key: bytes.Clone(k), Raw: bytes.Clone(v)})
				return nil
			}
			out = append(out, DamagedRecord{Bucket: q.Bucket, Key: q.Key, Raw: q.Raw, Found: q.Found})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("damaged records: %w", err)
	}
	return out, nil
}

// quarantine stores a damaged record in the quarantine bucket (which it
// creates if needed). It does not delete the original.
func quarantine(tx *bolt.Tx, bucket string, key, raw []byte, now time.Time) error {
	q, err := tx.CreateBucketIfNotExists(bucketQuarantine)
	if err != nil {
		return err
	}
	seq, err := q.NextSequence()
	if err != nil {
		return err
	}
	v, err := json.Marshal(quarantined{Bucket: bucket, Key: bytes.Clone(key), Raw: bytes.Clone(raw), Found: now.Round(0)})
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint64(nil, seq)
	return q.Put(k, seal(k, v))
}

// damagedRef names one damaged record found by verifyRecords.
type damagedRef struct {
	bucket []byte // top-level bucket
	nested []byte // nested bucket (snapshots), or nil
	key    []byte
	raw    []byte
}

func (d damagedRef) name() string {
	if d.nested != nil {
		return string(d.bucket) + "/" + string(d.nested)
	}
	return string(d.bucket)
}

// verifyRecords checks the sealed values in tx and returns the damaged
// ones (copies): every one with docs, else all but the session documents
// (the bulk of the file, checked on every read and once a day by
// BackupIfDue), which keeps Open quick on a large history.
func verifyRecords(tx *bolt.Tx, docs bool) []damagedRef {
	var bad []damagedRef
	check := func(top, nested []byte, b *bolt.Bucket) {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				continue // a nested bucket where none belongs: leave it
			}
			if _, ok := unseal(k, v); !ok {
				bad = append(bad, damagedRef{bucket: top, nested: bytes.Clone(nested), key: bytes.Clone(k), raw: bytes.Clone(v)})
			}
		}
	}
	for _, name := range sealedBuckets {
		if b := tx.Bucket(name); b != nil && (docs || !bytes.Equal(name, bucketSessions)) {
			check(name, nil, b)
		}
	}
	if s := tx.Bucket(bucketSnapshots); s != nil {
		s.ForEachBucket(func(k []byte) error {
			check(bucketSnapshots, k, s.Bucket(k))
			return nil
		})
	}
	return bad
}

// quarantineDamaged finds the damaged records (with docs, the session
// documents too; see verifyRecords), moves them to the quarantine bucket
// and, when the session index or its lookup buckets were touched, rebuilds
// the lookups (ids, open) from the index. It returns how many records it
// moved.
func quarantineDamaged(bdb *bolt.DB, now time.Time, docs bool) (int, error) {
	var bad []damagedRef
	if err := bdb.View(func(tx *bolt.Tx) error { bad = verifyRecords(tx, docs); return nil }); err != nil {
		return 0, err
	}
	if len(bad) == 0 {
		return 0, nil
	}
	err := bdb.Update(func(tx *bolt.Tx) error {
		rebuild := false
		for _, d := range bad {
			b := tx.Bucket(d.bucket)
			if d.nested != nil {
				b = b.Bucket(d.nested)
			}
			switch {
			case bytes.Equal(d.bucket, bucketIDs), bytes.Equal(d.bucket, bucketOpen):
				// Derived from the index: rebuilt below, nothing lost.
				rebuild = true
			case bytes.Equal(d.bucket, bucketIndex):
				rebuild = true
				fallthrough
			default:
				if err := quarantine(tx, d.name(), d.key, d.raw, now); err != nil {
					return err
				}
			}
			if err := b.Delete(d.key); err != nil {
				return err
			}
		}
		if rebuild {
			return rebuildLookups(tx)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: quarantine damaged records: %w", err)
	}
	return len(bad), nil
}

// rebuildLookups refills the ids and open buckets from the index.
func rebuildLookups(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketIDs, bucketOpen} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	ids, err := tx.CreateBucket(bucketIDs)
	if err != nil {
		return err
	}
	open, err := tx.CreateBucket(bucketOpen)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketIndex).ForEach(func(k, v []byte) error {
		p, ok := unseal(k, v)
		var s Session
		if !ok || json.Unmarshal(p, &s) != nil || s.ID == "" {
			return nil
		}
		id := []byte(s.ID)
		if err := ids.Put(id, seal(id, k)); err != nil {
			return err
		}
		if s.Unfinished() {
			return open.Put(id, seal(id, k))
		}
		return nil
	})
}
