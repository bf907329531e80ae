package store

import (
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
// upserts and the bucket of unfinished sessions.
const SchemaVersion = 2

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

	schemaKey = []byte("schema")
)

// migration moves a file from version from to from+1 inside tx.
type migration struct {
	from int
	run  func(tx *bolt.Tx) error
}

// migrations holds one step per older version, in order.
var migrations = []migration{
	{from: 1, run: migrateV1toV2},
}

// buckets lists every bucket of the current layout.
var buckets = [][]byte{bucketMeta, bucketSessions, bucketIndex, bucketIDs, bucketOpen, bucketTerminals, bucketSnapshots, bucketStaff}

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
	v := b.Get(schemaKey)
	if len(v) != 8 {
		return 0, &CorruptError{Path: tx.DB().Path(), Reason: "bad schema version"}
	}
	return int(binary.BigEndian.Uint64(v)), nil
}

func putSchemaVersion(tx *bolt.Tx, v int) error {
	b, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return b.Put(schemaKey, binary.BigEndian.AppendUint64(nil, uint64(v)))
}

// migrate creates the layout in a new file or brings an older one up to
// SchemaVersion. A file already current costs one read transaction.
func migrate(db *bolt.DB) error {
	var v int
	if err := db.View(func(tx *bolt.Tx) (err error) { v, err = schemaVersion(tx); return err }); err != nil {
		return err
	}
	if v == SchemaVersion {
		return nil
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
