package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Staff is one staff member's training progress. The display name is the
// only personal data kept.
type Staff struct {
	Name  string                  `json:"name"`            // display name; the key
	Cards map[string]CardProgress `json:"cards,omitempty"` // by training card ID
}

// CardProgress is a staff member's record on one training card. The
// training engine decides what a score is; the store only keeps it.
type CardProgress struct {
	Attempts int       `json:"attempts"`
	Best     int       `json:"best"`
	Last     int       `json:"last"`
	Wrong    []string  `json:"wrong,omitempty"` // question IDs answered wrong on the last attempt
	Passed   time.Time `json:"passed,omitzero"` // first time the card was passed; zero if never
}

// PutStaff stores s, replacing any record of the same name. Returns
// ErrInvalid without a name.
func (db *DB) PutStaff(s Staff) error {
	if s.Name == "" {
		return fmt.Errorf("put staff: %w", ErrInvalid)
	}
	v, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("put staff: %w", err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		k := []byte(s.Name)
		return tx.Bucket(bucketStaff).Put(k, seal(k, v))
	})
	if err != nil {
		return fmt.Errorf("put staff %s: %w", s.Name, err)
	}
	return nil
}

// Staff returns the record of the staff member called name, or ErrNotFound.
func (db *DB) Staff(name string) (Staff, error) {
	var s Staff
	err := db.bolt.View(func(tx *bolt.Tx) error {
		k := []byte(name)
		v := tx.Bucket(bucketStaff).Get(k)
		if v == nil {
			return ErrNotFound
		}
		if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &s) != nil {
			return ErrDamagedRecord
		}
		return nil
	})
	if err != nil {
		return Staff{}, fmt.Errorf("staff %s: %w", name, err)
	}
	return s, nil
}

// StaffList returns every staff member, sorted by name.
func (db *DB) StaffList() ([]Staff, error) {
	var out []Staff
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStaff).ForEach(func(k, v []byte) error {
			var s Staff
			if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &s) != nil {
				return nil // damaged: left out (Open quarantines it)
			}
			out = append(out, s)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("staff list: %w", err)
	}
	slices.SortFunc(out, func(a, b Staff) int { return compareStrings(a.Name, b.Name) })
	return out, nil
}

// DeleteStaff removes a staff member and their progress. Deleting a name
// that does not exist is no error.
func (db *DB) DeleteStaff(name string) error {
	err := db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStaff).Delete([]byte(name))
	})
	if err != nil {
		return fmt.Errorf("delete staff %s: %w", name, err)
	}
	return nil
}
