package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Terminal is a POS terminal the app has seen.
type Terminal struct {
	// Key identifies the terminal: its serial number when known, else
	// "VID:PID" (one unnamed terminal per model). Sessions refer to it.
	Key       string    `json:"key"`
	VID       string    `json:"vid,omitempty"` // USB vendor ID, 4 hex digits
	PID       string    `json:"pid,omitempty"` // USB product ID, 4 hex digits
	Serial    string    `json:"serial,omitempty"`
	Model     string    `json:"model,omitempty"`
	Port      string    `json:"port,omitempty"` // last port it was on (COM3, /dev/ttyACM0)
	Name      string    `json:"name,omitempty"` // the name the user gave it
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// TerminalKey returns the key for a terminal: the serial number, or
// "VID:PID" without one.
func TerminalKey(vid, pid, serial string) string {
	if serial != "" {
		return serial
	}
	return vid + ":" + pid
}

// SeeTerminal records that t was seen at t.LastSeen (now if zero). It keeps
// the first-seen time and, when t.Name is empty, the name given before;
// other non-empty fields replace the stored ones. A missing Key is made
// with TerminalKey. Returns ErrInvalid with neither a key, a serial number
// nor USB IDs.
func (db *DB) SeeTerminal(t Terminal) error {
	if t.Key == "" && (t.Serial != "" || t.VID != "") {
		t.Key = TerminalKey(t.VID, t.PID, t.Serial)
	}
	if t.Key == "" {
		return fmt.Errorf("see terminal: %w", ErrInvalid)
	}
	if t.LastSeen.IsZero() {
		t.LastSeen = db.opts.now()
	}
	t.LastSeen = t.LastSeen.Round(0)
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTerminals)
		var old Terminal
		k := []byte(t.Key)
		if v := b.Get(k); v != nil {
			if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &old) != nil {
				// Keep the damaged bytes before they are overwritten.
				old = Terminal{}
				if err := quarantine(tx, string(bucketTerminals), k, v, db.opts.now()); err != nil {
					return err
				}
			}
		}
		merged := old
		merged.Key = t.Key
		for _, f := range []struct {
			dst *string
			src string
		}{
			{&merged.VID, t.VID}, {&merged.PID, t.PID}, {&merged.Serial, t.Serial},
			{&merged.Model, t.Model}, {&merged.Port, t.Port}, {&merged.Name, t.Name},
		} {
			if f.src != "" {
				*f.dst = f.src
			}
		}
		if merged.FirstSeen.IsZero() {
			merged.FirstSeen = t.LastSeen
			if !t.FirstSeen.IsZero() {
				merged.FirstSeen = t.FirstSeen.Round(0)
			}
		}
		if t.LastSeen.After(merged.LastSeen) {
			merged.LastSeen = t.LastSeen
		}
		v, err := json.Marshal(merged)
		if err != nil {
			return err
		}
		return b.Put(k, seal(k, v))
	})
	if err != nil {
		return fmt.Errorf("see terminal %s: %w", t.Key, err)
	}
	return nil
}

// Terminal returns the terminal with the given key, or ErrNotFound.
func (db *DB) Terminal(key string) (Terminal, error) {
	var t Terminal
	err := db.bolt.View(func(tx *bolt.Tx) error {
		k := []byte(key)
		v := tx.Bucket(bucketTerminals).Get(k)
		if v == nil {
			return ErrNotFound
		}
		if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &t) != nil {
			return ErrDamagedRecord
		}
		return nil
	})
	if err != nil {
		return Terminal{}, fmt.Errorf("terminal %s: %w", key, err)
	}
	return t, nil
}

// Terminals returns every terminal seen, most recently seen first.
func (db *DB) Terminals() ([]Terminal, error) {
	var out []Terminal
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTerminals).ForEach(func(k, v []byte) error {
			var t Terminal
			if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &t) != nil {
				return nil // damaged: left out (Open quarantines it)
			}
			out = append(out, t)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("terminals: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Terminal) int { return b.LastSeen.Compare(a.LastSeen) })
	return out, nil
}

// Snapshot is what one status read of a terminal reported. It holds no
// keys: KeyState only says whether working keys are present.
type Snapshot struct {
	Terminal    string            `json:"terminal"` // Terminal.Key
	Taken       time.Time         `json:"taken"`
	Versions    map[string]string `json:"versions,omitempty"` // e.g. "firmware", "app" → version
	ClockOffset time.Duration     `json:"clock_offset"`       // terminal clock minus PC clock
	LastSignIn  time.Time         `json:"last_sign_in,omitzero"`
	KeyState    string            `json:"key_state,omitempty"` // e.g. "ok", "missing"
}

// AddSnapshot stores a status read under its terminal, keyed by s.Taken
// (now if zero). Returns ErrInvalid without a terminal key.
func (db *DB) AddSnapshot(s Snapshot) error {
	if s.Terminal == "" {
		return fmt.Errorf("add snapshot: %w", ErrInvalid)
	}
	if s.Taken.IsZero() {
		s.Taken = db.opts.now()
	}
	s.Taken, s.LastSignIn = s.Taken.Round(0), s.LastSignIn.Round(0)
	v, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("add snapshot: %w", err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		b, err := tx.Bucket(bucketSnapshots).CreateBucketIfNotExists([]byte(s.Terminal))
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		k := sessionKey(s.Taken, seq)
		return b.Put(k, seal(k, v))
	})
	if err != nil {
		return fmt.Errorf("add snapshot %s: %w", s.Terminal, err)
	}
	return nil
}

// Snapshots returns up to limit snapshots of a terminal, newest first
// (limit 0: all of them). A terminal with none returns an empty list.
func (db *DB) Snapshots(terminal string, limit int) ([]Snapshot, error) {
	var out []Snapshot
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSnapshots).Bucket([]byte(terminal))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			var s Snapshot
			if p, ok := unseal(k, v); !ok || json.Unmarshal(p, &s) != nil {
				continue // damaged: left out (Open quarantines it)
			}
			out = append(out, s)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshots %s: %w", terminal, err)
	}
	return out, nil
}

// Change is one difference between a terminal's last two status reads.
type Change struct {
	// Field names what changed: "version:<name>" for a version, or
	// "clock_offset", "last_sign_in", "key_state".
	Field    string
	Old, New string // the values as text; "" when absent
}

// Changes compares the newest snapshot of a terminal with the one before
// ("firmware changed since yesterday") and returns the differences, sorted
// by Field, and the two snapshots (so the caller can say "last sign-in was
// 3 days ago" from latest.LastSignIn). With fewer than two snapshots the
// changes are empty; with none, latest is the zero Snapshot.
func (db *DB) Changes(terminal string) (changes []Change, latest, previous Snapshot, err error) {
	ss, err := db.Snapshots(terminal, 2)
	if err != nil {
		return nil, Snapshot{}, Snapshot{}, err
	}
	if len(ss) == 0 {
		return nil, Snapshot{}, Snapshot{}, nil
	}
	if len(ss) == 1 {
		return nil, ss[0], Snapshot{}, nil
	}
	return diffSnapshots(ss[1], ss[0]), ss[0], ss[1], nil
}

// ClockDrift is the smallest change in clock offset Changes reports.
const ClockDrift = 30 * time.Second

func diffSnapshots(old, cur Snapshot) []Change {
	var cs []Change
	names := map[string]bool{}
	for n := range old.Versions {
		names[n] = true
	}
	for n := range cur.Versions {
		names[n] = true
	}
	for n := range names {
		if o, c := old.Versions[n], cur.Versions[n]; o != c {
			cs = append(cs, Change{Field: "version:" + n, Old: o, New: c})
		}
	}
	if d := cur.ClockOffset - old.ClockOffset; d >= ClockDrift || d <= -ClockDrift {
		cs = append(cs, Change{Field: "clock_offset", Old: old.ClockOffset.String(), New: cur.ClockOffset.String()})
	}
	if !old.LastSignIn.Equal(cur.LastSignIn) {
		cs = append(cs, Change{Field: "last_sign_in", Old: timeText(old.LastSignIn), New: timeText(cur.LastSignIn)})
	}
	if old.KeyState != cur.KeyState {
		cs = append(cs, Change{Field: "key_state", Old: old.KeyState, New: cur.KeyState})
	}
	slices.SortFunc(cs, func(a, b Change) int { return compareStrings(a.Field, b.Field) })
	return cs
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
