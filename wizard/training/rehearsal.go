package training

import (
	"errors"
	"fmt"
	"regexp"
)

// Rehearsal is a practice run of the real wizard against the simulated
// terminal: which scenario the simulator plays, which flow to walk, and the
// finding the staff member should reach. The GUI runs it; nothing here
// touches a port.
type Rehearsal struct {
	ID string `json:"id"`
	// Scenario is the simulated terminal's scenario name (device/sim), such
	// as "healthy", "not-signed-in", "keys-bad", "weak-signal", "slow", or
	// "code" for a last transaction answered with Code.
	Scenario string `json:"scenario"`
	// Code is the response code (field 39) the simulated last transaction
	// carries, such as "54", for the "code" scenario; empty otherwise.
	Code string `json:"code,omitempty"`
	// Host is a fault of the simulated acquirer host ("refuse", "silent",
	// "slow"); empty for a healthy host.
	Host string `json:"host,omitempty"`
	// Flow is the wizard flow to rehearse, such as "main".
	Flow string `json:"flow"`
	// Finding is the finding ID the rehearsal should end on.
	Finding string `json:"finding"`
	// Card is the training card to read before or after; empty if none.
	Card CardID `json:"card,omitempty"`
}

// TitleKey returns the translation key of the rehearsal's title.
func (r Rehearsal) TitleKey() string { return "training.rehearsal." + r.ID + ".title" }

// BriefKey returns the translation key of the rehearsal's brief: the story
// told to the staff member before they start.
func (r Rehearsal) BriefKey() string { return "training.rehearsal." + r.ID + ".brief" }

type rehearsalsFile struct {
	Version    int         `json:"version"`
	Rehearsals []Rehearsal `json:"rehearsals"`
}

var (
	codePattern    = regexp.MustCompile(`^[0-9A-Z]{2}$`)
	namePattern    = regexp.MustCompile(`^[a-z0-9]+([-.][a-z0-9]+)*$`)
	maxNameLen     = 64
	validNameValue = func(s string) bool { return len(s) <= maxNameLen && namePattern.MatchString(s) }
)

// ParseRehearsals parses and validates the contents of rehearsals.json.
// A card a rehearsal names must be in d (when d is not nil). Problems are
// reported like ParseCards does, as joined *ContentError values.
func ParseRehearsals(data []byte, d *Deck) ([]Rehearsal, error) {
	var f rehearsalsFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("parse %s: %w", RehearsalsFile, err)
	}
	var errs []error
	bad := func(item, field string, err error) {
		errs = append(errs, &ContentError{File: RehearsalsFile, Item: item, Field: field, Err: err})
	}
	if f.Version != contentVersion {
		bad("", "version", ErrVersion)
	}
	seen := map[string]bool{}
	for i, r := range f.Rehearsals {
		item := r.ID
		switch {
		case r.ID == "":
			item = fmt.Sprintf("#%d", i+1)
			bad(item, "id", ErrMissing)
		case !validID(r.ID):
			item = fmt.Sprintf("#%d", i+1)
			bad(item, "id", ErrMalformed)
		case seen[r.ID]:
			bad(item, "id", ErrDuplicate)
		}
		seen[r.ID] = true
		for _, fv := range []struct {
			field, value string
			required     bool
		}{
			{"scenario", r.Scenario, true},
			{"flow", r.Flow, true},
			{"finding", r.Finding, true},
			{"host", r.Host, false},
		} {
			switch {
			case fv.value == "" && fv.required:
				bad(item, fv.field, ErrMissing)
			case fv.value != "" && !validNameValue(fv.value):
				bad(item, fv.field, ErrMalformed)
			}
		}
		if r.Code != "" && !codePattern.MatchString(r.Code) {
			bad(item, "code", ErrMalformed)
		}
		if r.Card != "" && d != nil {
			if _, ok := d.Card(r.Card); !ok {
				bad(item, "card", ErrUnknown)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f.Rehearsals, nil
}

// CheckRehearsals reports rehearsals that name a scenario, flow or finding
// the rest of the program does not have. The caller passes what exists
// (the simulator's scenario names, the wizard's flow and finding IDs) as
// predicates, so this package needs neither; a nil predicate accepts
// everything. The error joins a *ContentError wrapping ErrUnknown per
// problem.
func CheckRehearsals(rs []Rehearsal, scenario, flow, finding func(string) bool) error {
	var errs []error
	for _, r := range rs {
		for _, c := range []struct {
			field, value string
			ok           func(string) bool
		}{
			{"scenario", r.Scenario, scenario},
			{"flow", r.Flow, flow},
			{"finding", r.Finding, finding},
		} {
			if c.ok != nil && !c.ok(c.value) {
				errs = append(errs, &ContentError{File: RehearsalsFile, Item: r.ID, Field: c.field, Err: ErrUnknown})
			}
		}
	}
	return errors.Join(errs...)
}
