package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DefaultPageSize is the page length Sessions uses when Query.Limit is 0.
const DefaultPageSize = 50

// Query selects sessions for the history list. Zero fields do not filter.
// String filters match exactly.
type Query struct {
	Since    time.Time // started at or after
	Until    time.Time // started before
	Outcome  string
	Terminal string
	Finding  string // the session lists this finding ID
	Limit    int    // page length; 0 means DefaultPageSize
	After    string // Page.Next of the previous page; "" for the newest
}

// Page is one page of sessions, newest first.
type Page struct {
	Sessions []Session
	// Next continues with older sessions (pass it as Query.After); "" when
	// this page is the last. A full page sets it even if nothing older
	// matches, so the next page may be empty.
	Next string
	// Damaged counts the records in the scanned range that failed their
	// checksum and were left out (Open normally quarantines them first;
	// see DB.Damaged).
	Damaged int
}

// needles are byte strings each matching record's JSON must contain: a
// cheap test that skips decoding most records a filter rejects.
func (q Query) needles() [][]byte {
	var ns [][]byte
	for _, v := range []string{q.Outcome, q.Terminal, q.Finding} {
		if v != "" {
			b, _ := json.Marshal(v) // the same escaping as the stored record
			ns = append(ns, b)
		}
	}
	return ns
}

func (q Query) match(s Session) bool {
	return (q.Outcome == "" || s.Outcome == q.Outcome) &&
		(q.Terminal == "" || s.Terminal == q.Terminal) &&
		(q.Finding == "" || s.hasFinding(q.Finding))
}

// Sessions returns one page of sessions matching q, newest first. It
// returns ErrInvalid (wrapped) when q.After is not a cursor it made.
func (db *DB) Sessions(q Query) (Page, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var start []byte // scan keys strictly below start; nil means from the end
	if q.After != "" {
		k, err := hex.DecodeString(q.After)
		if err != nil || len(k) != 16 {
			return Page{}, fmt.Errorf("sessions: cursor %q: %w", q.After, ErrInvalid)
		}
		start = k
	}
	if !q.Until.IsZero() {
		if u := timeKey(q.Until); start == nil || bytes.Compare(u, start) < 0 {
			start = u
		}
	}
	var floor []byte
	if !q.Since.IsZero() {
		floor = timeKey(q.Since)
	}
	needles := q.needles()
	var p Page
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketIndex).Cursor()
		var k, v []byte
		if start == nil {
			k, v = c.Last()
		} else {
			k, v = c.Seek(start)
			if k == nil {
				k, v = c.Last()
			} else {
				k, v = c.Prev()
			}
			for k != nil && bytes.Compare(k, start) >= 0 {
				k, v = c.Prev()
			}
		}
		for ; k != nil; k, v = c.Prev() {
			if floor != nil && bytes.Compare(k, floor) < 0 {
				return nil
			}
			if !containsAll(v, needles) {
				continue
			}
			var s Session
			pl, ok := unseal(k, v)
			if !ok || json.Unmarshal(pl, &s) != nil {
				p.Damaged++
				continue
			}
			if !q.match(s) {
				continue
			}
			p.Sessions = append(p.Sessions, s)
			if len(p.Sessions) == limit {
				p.Next = hex.EncodeToString(k)
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return Page{}, fmt.Errorf("sessions: %w", err)
	}
	return p, nil
}

func containsAll(v []byte, needles [][]byte) bool {
	for _, n := range needles {
		if !bytes.Contains(v, n) {
			return false
		}
	}
	return true
}

// scanned is the part of an index record the grouping queries read. The
// start time comes from the key, so no time is parsed per record.
type scanned struct {
	Started  time.Time `json:"-"`
	Terminal string    `json:"terminal"`
	Findings []string  `json:"findings"`
	Code     string    `json:"code"`
	Card     string    `json:"card"`
	Training bool      `json:"training"`
}

// scan calls fn for every session started in [since, until), oldest first.
// When need is not nil, records whose JSON lacks it are skipped undecoded.
func (db *DB) scan(since, until time.Time, need []byte, fn func(scanned)) error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketIndex).Cursor()
		end := timeKey(until)
		for k, v := c.Seek(timeKey(since)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			if need != nil && !bytes.Contains(v, need) {
				continue
			}
			var s scanned
			p, ok := unseal(k, v)
			if !ok || json.Unmarshal(p, &s) != nil {
				continue // damaged: left out, as Sessions does
			}
			s.Started = time.Unix(0, int64(binary.BigEndian.Uint64(k)))
			fn(s)
		}
		return nil
	})
}

// Recurrence is a finding that came back on one terminal.
type Recurrence struct {
	Terminal string
	Finding  string
	Count    int       // sessions that found it
	Last     time.Time // start of the newest of them
}

// RecurringWindow is the period Recurring looks back over by default.
const RecurringWindow = 30 * 24 * time.Hour

// Recurring returns the findings found at least twice on the same terminal
// in sessions started within window before now (training excluded), most
// frequent first.
func (db *DB) Recurring(now time.Time, window time.Duration) ([]Recurrence, error) {
	type tf struct{ terminal, finding string }
	counts := map[tf]*Recurrence{}
	err := db.scan(now.Add(-window), now.Add(time.Nanosecond), []byte(`"findings":`), func(s scanned) {
		if s.Training {
			return
		}
		for _, f := range s.Findings {
			k := tf{s.Terminal, f}
			r := counts[k]
			if r == nil {
				r = &Recurrence{Terminal: s.Terminal, Finding: f}
				counts[k] = r
			}
			r.Count++
			if s.Started.After(r.Last) {
				r.Last = s.Started
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("recurring: %w", err)
	}
	var out []Recurrence
	for _, r := range counts {
		if r.Count >= 2 {
			out = append(out, *r)
		}
	}
	slices.SortFunc(out, func(a, b Recurrence) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := b.Last.Compare(a.Last); c != 0 {
			return c
		}
		if a.Terminal != b.Terminal {
			return compareStrings(a.Terminal, b.Terminal)
		}
		return compareStrings(a.Finding, b.Finding)
	})
	return out, nil
}

func compareStrings(a, b string) int { return bytes.Compare([]byte(a), []byte(b)) }

// Group counts recent failures sharing one card or one terminal.
type Group struct {
	Key   string    // masked card number, or terminal key
	Count int       // failed sessions
	Codes []string  // distinct response codes, in the order first seen
	Last  time.Time // start of the newest
}

// Triangulation groups recent failures, so the wizard can tell "three
// different cards failed in ten minutes" (the terminal or the bank) from
// "the same card twice" (the card).
type Triangulation struct {
	Since     time.Time
	Failures  int     // real (not training) failed sessions since Since
	Cards     []Group // by masked card; sessions without a card are not here
	Terminals []Group // by terminal key
}

// Triangulate groups the failures started within the last `within` before
// now by masked card and by terminal, largest group first. A failure is a
// session that is not training and whose response code is not "00"
// (approved).
func (db *DB) Triangulate(now time.Time, within time.Duration) (Triangulation, error) {
	tr := Triangulation{Since: now.Add(-within)}
	cards, terms := map[string]*Group{}, map[string]*Group{}
	add := func(m map[string]*Group, key string, s scanned) {
		g := m[key]
		if g == nil {
			g = &Group{Key: key}
			m[key] = g
		}
		g.Count++
		if s.Code != "" && !slices.Contains(g.Codes, s.Code) {
			g.Codes = append(g.Codes, s.Code)
		}
		if s.Started.After(g.Last) {
			g.Last = s.Started
		}
	}
	err := db.scan(tr.Since, now.Add(time.Nanosecond), nil, func(s scanned) {
		if s.Training || s.Code == "00" {
			return
		}
		tr.Failures++
		if s.Card != "" {
			add(cards, s.Card, s)
		}
		add(terms, s.Terminal, s)
	})
	if err != nil {
		return Triangulation{}, fmt.Errorf("triangulate: %w", err)
	}
	tr.Cards, tr.Terminals = sortedGroups(cards), sortedGroups(terms)
	return tr, nil
}

func sortedGroups(m map[string]*Group) []Group {
	out := make([]Group, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Group) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return compareStrings(a.Key, b.Key)
	})
	return out
}
