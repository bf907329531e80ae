package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"posdoctor/wizard/pan"
)

// SchemaVersion is the layout this build writes. Open migrates files of
// every older version forward, one step at a time, in one transaction.
//
// Version 1: sessions held an envelope {"index": …, "doc": …} per
// time-ordered key. Version 2 splits the index records into their own
// bucket (queries read only small records), adds the ID → key bucket for
// upserts and the bucket of unfinished sessions. Version 3 seals every
// value with a CRC-32C checksum (see record.go), keeps the schema version
// twice and adds the quarantine bucket for damaged records.
const SchemaVersion = 3

// Bucket names. Never rename: they are in users' files.
var (
	bucketMeta      = []byte("meta")      // schemaKey → version (uint64, big-endian)
	bucketSessions  = []byte("sessions")  // session key → the wizard's JSON document
	bucketIndex     = []byte("index")     // session key → Session (JSON)   [v2]
	bucketIDs       = []byte("ids")       // session ID → session key       [v2]
	bucketOpen      = []byte("open")      // unfinished session ID → key    [v2]
	bucketTerminals = []byte("terminals") // terminal key → Terminal (JSON)
	bucketSnapshots = []byte("snapshots") // terminal key → bucket: time key → Snapshot (JSON)
	bucketStaff     = []byte("staff")     // staff name → Staff (JSON)

	schemaKey     = []byte("schema")
	schemaCopyKey = []byte("schema.copy") // [v3] the same, in case one is damaged
)

// migration moves a file from version from to from+1 inside tx.
type migration struct {
	from int
	run  func(tx *bolt.Tx) error
}

// migrations holds one step per older version, in order.
var migrations = []migration{
	{from: 1, run: migrateV1toV2},
	{from: 2, run: migrateV2toV3},
}

// buckets lists every bucket of the current layout.
var buckets = [][]byte{bucketMeta, bucketSessions, bucketIndex, bucketIDs, bucketOpen, bucketTerminals, bucketSnapshots, bucketStaff, bucketQuarantine}

// schemaVersion reads the version, or 0 for a file with no buckets yet.
func schemaVersion(tx *bolt.Tx) (int, error) {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		empty := true
		tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return 0, nil
		}
		return 0, &CorruptError{Path: tx.DB().Path(), Reason: "no schema version"}
	}
	// v1 and v2 wrote 8 bytes under schemaKey; v3 writes them sealed under
	// two keys, and either one that checks out will do.
	if v := b.Get(schemaKey); len(v) == 8 {
		return int(binary.BigEndian.Uint64(v)), nil
	}
	for _, k := range [][]byte{schemaKey, schemaCopyKey} {
		if p, ok := unseal(k, b.Get(k)); ok && len(p) == 8 {
			return int(binary.BigEndian.Uint64(p)), nil
		}
	}
	return 0, &CorruptError{Path: tx.DB().Path(), Reason: "bad schema version"}
}

func putSchemaVersion(tx *bolt.Tx, v int) error {
	b, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	p := binary.BigEndian.AppendUint64(nil, uint64(v))
	if v < 3 {
		return b.Put(schemaKey, p)
	}
	for _, k := range [][]byte{schemaKey, schemaCopyKey} {
		if err := b.Put(k, seal(k, p)); err != nil {
			return err
		}
	}
	return nil
}

// checkLayout makes sure every bucket of the current layout is there: a
// damaged bucket name would otherwise hide a whole bucket.
func checkLayout(tx *bolt.Tx) error {
	for _, name := range buckets {
		if tx.Bucket(name) == nil {
			return &CorruptError{Path: tx.DB().Path(), Reason: "bucket " + string(name) + " missing"}
		}
	}
	return nil
}

// migrate creates the layout in a new file or brings an older one up to
// SchemaVersion. A file already current costs one read transaction.
func migrate(db *bolt.DB) error {
	var v int
	if err := db.View(func(tx *bolt.Tx) (err error) { v, err = schemaVersion(tx); return err }); err != nil {
		return err
	}
	if v == SchemaVersion {
		return db.View(checkLayout)
	}
	if v > SchemaVersion {
		return fmt.Errorf("schema %d, this build knows %d: %w", v, SchemaVersion, ErrNewerSchema)
	}
	err := db.Update(func(tx *bolt.Tx) error {
		if v == 0 {
			for _, name := range buckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			return putSchemaVersion(tx, SchemaVersion)
		}
		for _, m := range migrations {
			if m.from < v {
				continue
			}
			if err := m.run(tx); err != nil {
				return fmt.Errorf("migrate v%d to v%d: %w", m.from, m.from+1, err)
			}
			if err := putSchemaVersion(tx, m.from+1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// v1Envelope is how version 1 stored a session.
type v1Envelope struct {
	Index Session         `json:"index"`
	Doc   json.RawMessage `json:"doc"`
}

// migrateV1toV2 splits each v1 envelope into an index record and the
// document, and fills the ID and unfinished buckets.
func migrateV1toV2(tx *bolt.Tx) error {
	sessions := tx.Bucket(bucketSessions)
	if sessions == nil {
		return &CorruptError{Path: tx.DB().Path(), Reason: "v1 file without sessions bucket"}
	}
	index, err := tx.CreateBucketIfNotExists(bucketIndex)
	if err != nil {
		return err
	}
	ids, err := tx.CreateBucketIfNotExists(bucketIDs)
	if err != nil {
		return err
	}
	open, err := tx.CreateBucketIfNotExists(bucketOpen)
	if err != nil {
		return err
	}
	type kv struct{ k, doc, idx []byte }
	var moved []kv
	err = sessions.ForEach(func(k, v []byte) error {
		var e v1Envelope
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("session %x: %w", k, err)
		}
		e.Index.Card = pan.Mask(e.Index.Card)
		idx, err := json.Marshal(e.Index)
		if err != nil {
			return err
		}
		key := append([]byte(nil), k...)
		if err := ids.Put([]byte(e.Index.ID), key); err != nil {
			return err
		}
		if e.Index.Finished.IsZero() {
			if err := open.Put([]byte(e.Index.ID), key); err != nil {
				return err
			}
		}
		moved = append(moved, kv{key, append([]byte(nil), e.Doc...), idx})
		return nil
	})
	if err != nil {
		return err
	}
	// Rewriting values while iterating is not allowed: do it after.
	for _, m := range moved {
		if err := index.Put(m.k, m.idx); err != nil {
			return err
		}
		if err := sessions.Put(m.k, m.doc); err != nil {
			return err
		}
	}
	// v1 drew key sequence numbers from the sessions bucket; v2 from index.
	if err := index.SetSequence(sessions.Sequence()); err != nil {
		return err
	}
	for _, name := range buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// migrateV2toV3 seals every value (see record.go) and creates the
// quarantine bucket.
func migrateV2toV3(tx *bolt.Tx) error {
	sealAll := func(b *bolt.Bucket) error {
		type kv struct{ k, v []byte }
		var all []kv
		err := b.ForEach(func(k, v []byte) error {
			if v != nil {
				all = append(all, kv{bytes.Clone(k), seal(k, v)})
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range all {
			if err := b.Put(r.k, r.v); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range [][]byte{bucketIndex, bucketSessions, bucketIDs, bucketOpen, bucketTerminals, bucketStaff} {
		b, err := tx.CreateBucketIfNotExists(name)
		if err != nil {
			return err
		}
		if err := sealAll(b); err != nil {
			return err
		}
	}
	snaps, err := tx.CreateBucketIfNotExists(bucketSnapshots)
	if err != nil {
		return err
	}
	err = snaps.ForEachBucket(func(k []byte) error { return sealAll(snaps.Bucket(k)) })
	if err != nil {
		return err
	}
	_, err = tx.CreateBucketIfNotExists(bucketQuarantine)
	return err
}
