package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"posdoctor/wizard/pan"
)

// Session is the index record of one troubleshooting session: what the
// history list, its filters and the queries read. The session itself is
// stored beside it as the wizard's JSON document, which the store never
// parses.
type Session struct {
	ID       string    `json:"id"`                 // the wizard's session ID; the upsert key
	Started  time.Time `json:"started"`            // orders the history; fixed once saved
	Finished time.Time `json:"finished,omitzero"`  // zero while unfinished
	Terminal string    `json:"terminal,omitempty"` // Terminal.Key of the terminal examined
	Flow     string    `json:"flow,omitempty"`     // flow ID
	Outcome  string    `json:"outcome,omitempty"`  // how the session ended, e.g. "resolved"
	Findings []string  `json:"findings,omitempty"` // finding IDs, in the order found
	Layer    string    `json:"layer,omitempty"`    // where the cause lies: card, terminal, network, bank…
	Code     string    `json:"code,omitempty"`     // response code of the failed transaction (field 39)
	Card     string    `json:"card,omitempty"`     // masked card number: first 6 + last 4
	Training bool      `json:"training,omitempty"` // a training rehearsal, not a real sale
}

// Unfinished reports whether the session has not finished yet.
func (s Session) Unfinished() bool { return s.Finished.IsZero() }

// sessionKey orders sessions by start time: the start in Unix nanoseconds
// then a sequence number, both big-endian, so a byte-wise cursor walks them
// in time order.
func sessionKey(started time.Time, seq uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, uint64(started.UnixNano()))
	binary.BigEndian.PutUint64(k[8:], seq)
	return k
}

// timeKey is the smallest key of a session started at t.
func timeKey(t time.Time) []byte { return sessionKey(t, 0) }

// appendFill is the FillPercent of the time-ordered buckets.
const appendFill = 0.9

// SaveSession stores (inserts or updates) a session's index record and its
// JSON document in one transaction, keyed by s.ID. The app calls it after
// every step, so a crash loses at most the step in flight. The card number
// is masked again here. A session keeps the position of its first save even
// if s.Started later differs. Returns ErrInvalid without an ID or a start
// time.
func (db *DB) SaveSession(s Session, doc []byte) error {
	if s.ID == "" || s.Started.IsZero() {
		return fmt.Errorf("save session %q: %w", s.ID, ErrInvalid)
	}
	s.Card = pan.Mask(s.Card) // a last line of defence: the wizard masked it already
	s.Started = s.Started.Round(0)
	s.Finished = s.Finished.Round(0)
	err := db.update(func(tx *bolt.Tx) error {
		index, ids, open := tx.Bucket(bucketIndex), tx.Bucket(bucketIDs), tx.Bucket(bucketOpen)
		sessions := tx.Bucket(bucketSessions)
		// Keys grow with time, so saves append: fill pages before splitting
		// (bbolt's default of half-full pages would double the file).
		index.FillPercent, sessions.FillPercent = appendFill, appendFill
		id := []byte(s.ID)
		key, err := lookupKey(tx, bucketIDs, id)
		if err != nil {
			return err
		}
		if key == nil {
			seq, err := index.NextSequence()
			if err != nil {
				return err
			}
			key = sessionKey(s.Started, seq)
			if err := ids.Put(id, seal(id, key)); err != nil {
				return err
			}
		} else if v := index.Get(key); v != nil {
			var prev Session
			if p, ok := unseal(key, v); !ok {
				// Keep the damaged bytes before they are overwritten.
				if err := quarantine(tx, string(bucketIndex), key, v, db.opts.now()); err != nil {
					return err
				}
			} else if err := json.Unmarshal(p, &prev); err == nil {
				s.Started = prev.Started
			}
		}
		rec, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if err := index.Put(key, seal(key, rec)); err != nil {
			return err
		}
		if err := sessions.Put(key, seal(key, doc)); err != nil {
			return err
		}
		if s.Unfinished() {
			return open.Put(id, seal(id, key))
		}
		return open.Delete(id)
	})
	if err != nil {
		return fmt.Errorf("save session %s: %w", s.ID, err)
	}
	return nil
}

// Session returns the index record and a copy of the JSON document of the
// session with the given ID, or ErrNotFound.
func (db *DB) Session(id string) (Session, []byte, error) {
	var (
		s   Session
		doc []byte
	)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		key, err := lookupKey(tx, bucketIDs, []byte(id))
		if err != nil {
			return err
		}
		if key == nil {
			return ErrNotFound
		}
		v := tx.Bucket(bucketIndex).Get(key)
		if v == nil {
			return ErrNotFound
		}
		p, ok := unseal(key, v)
		if !ok {
			return ErrDamagedRecord
		}
		if err := json.Unmarshal(p, &s); err != nil {
			return &CorruptError{Path: db.path, Reason: "session index " + id, Err: err}
		}
		d, ok := unseal(key, tx.Bucket(bucketSessions).Get(key))
		if !ok {
			return ErrDamagedRecord
		}
		doc = bytes.Clone(d)
		return nil
	})
	if err != nil {
		return Session{}, nil, fmt.Errorf("session %s: %w", id, err)
	}
	return s, doc, nil
}

// lookupKey reads a session key from the ids or open bucket: nil when
// absent, ErrDamagedRecord when the entry fails its checksum. The key is a
// copy.
func lookupKey(tx *bolt.Tx, bucket, id []byte) ([]byte, error) {
	v := tx.Bucket(bucket).Get(id)
	if v == nil {
		return nil, nil
	}
	k, ok := unseal(id, v)
	if !ok || len(k) != 16 {
		return nil, ErrDamagedRecord
	}
	return bytes.Clone(k), nil
}

// Unfinished returns the sessions that have not finished, newest first, for
// the app to offer resuming at start.
func (db *DB) Unfinished() ([]Session, error) {
	var out []Session
	err := db.bolt.View(func(tx *bolt.Tx) error {
		index := tx.Bucket(bucketIndex)
		return tx.Bucket(bucketOpen).ForEach(func(id, v []byte) error {
			key, ok := unseal(id, v)
			if !ok {
				return nil // damaged: Open quarantines it and rebuilds the bucket
			}
			var s Session
			p, ok := unseal(key, index.Get(key))
			if !ok || json.Unmarshal(p, &s) != nil {
				return nil
			}
			out = append(out, s)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("unfinished sessions: %w", err)
	}
	sortNewestFirst(out)
	return out, nil
}

func sortNewestFirst(ss []Session) {
	slices.SortStableFunc(ss, func(a, b Session) int { return b.Started.Compare(a.Started) })
}

// hasFinding reports whether s lists the finding id.
func (s Session) hasFinding(id string) bool { return slices.Contains(s.Findings, id) }
