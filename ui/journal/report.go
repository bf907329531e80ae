package journal

import (
	"slices"
	"time"

	"posdoctor/device/unionpay"
	"posdoctor/store"
	"posdoctor/wizard"
	"posdoctor/wizard/report"
)

// pageSize is how many index records one store query reads while
// collecting a date range.
const pageSize = 200

// Selection says which sessions of the history a report covers: the one
// with ID, the newest real one (Last), or every real one started in
// [From, To) (a zero To: up to now). Training sessions are never selected
// by Last or a range.
type Selection struct {
	ID       string
	Last     bool
	From, To time.Time
}

// ReportSessions reads the sessions sel names from the history as the
// report's input (ReportSession), oldest first. Returns store.ErrNotFound
// (wrapped) for an unknown ID, and the store's other errors.
func ReportSessions(db *store.DB, sel Selection) ([]report.Session, error) {
	last, id, from, to := sel.Last, sel.ID, sel.From, sel.To
	var recs []store.Session
	switch {
	case id != "":
		rec, doc, err := db.Session(id)
		if err != nil {
			return nil, err
		}
		return []report.Session{ReportSession(db, rec, doc)}, nil
	case last:
		page, err := db.Sessions(store.Query{Limit: pageSize})
		if err != nil {
			return nil, err
		}
		for _, s := range page.Sessions {
			if !s.Training {
				recs = append(recs, s)
				break
			}
		}
	default:
		q := store.Query{Since: from, Until: to, Limit: pageSize}
		for {
			page, err := db.Sessions(q)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Sessions {
				if !s.Training {
					recs = append(recs, s)
				}
			}
			if page.Next == "" {
				break
			}
			q.After = page.Next
		}
		slices.Reverse(recs) // oldest first, as they happened
	}
	out := make([]report.Session, 0, len(recs))
	for _, rec := range recs {
		rec, doc, err := db.Session(rec.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ReportSession(db, rec, doc))
	}
	return out, nil
}

// ReportSession maps a history record, its session document and what the
// store knows about its terminal onto the report's input, decoding the
// last transaction's raw capture (if the session carries one) into a
// masked transaction. Both exports (GUI and `posdoctor export`) use it.
func ReportSession(db *store.DB, rec store.Session, doc []byte) report.Session {
	s := report.Session{ID: rec.ID, Doc: doc, Summary: wizard.Summary{
		Flow: wizard.FlowID(rec.Flow), Outcome: rec.Outcome, Layer: wizard.Layer(rec.Layer),
		Code: rec.Code, Card: rec.Card, Started: rec.Started, Finished: rec.Finished,
	}}
	for _, f := range rec.Findings {
		s.Summary.Findings = append(s.Summary.Findings, wizard.FindingID(f))
	}
	if rec.Terminal != "" && db != nil {
		if t, err := db.Terminal(rec.Terminal); err == nil {
			s.Terminal = report.Terminal{Name: t.Name, Model: t.Model, Serial: t.Serial, Port: t.Port}
		}
		if snaps, err := db.Snapshots(rec.Terminal, 1); err == nil && len(snaps) > 0 {
			s.Terminal.Firmware, s.Terminal.App = snaps[0].Versions["firmware"], snaps[0].Versions["app"]
		}
	}
	if raw, ok := report.RawCapture(doc); ok {
		if d, err := unionpay.DecodeHex(raw); err == nil {
			s.LastTxn = transactionOf(d)
		}
	}
	return s
}

// transactionOf maps a decoded (already masked) message onto the report's
// transaction: translation keys, not words; withheld fields keep no value.
func transactionOf(d *unionpay.Decoded) *report.Transaction {
	t := &report.Transaction{Source: "decoded", KindKey: d.Kind.Key(), Code: d.Code, MeaningKey: d.MeaningKey(),
		NextKey: d.NextKey(), Trace: d.Trace, RRN: d.RRN, AuthCode: d.AuthCode, TID: d.TID, MID: d.MID,
		Batch: d.Batch, Card: d.Card, Redacted: slices.Clone(d.Redacted)}
	if d.HasAmount {
		t.Amount = d.Yuan()
	}
	for _, f := range d.Fields {
		v := f.Value
		if f.Redacted && f.ID != 2 {
			v = ""
		}
		t.Fields = append(t.Fields, report.Field{ID: f.ID, NameKey: f.NameKey, Value: v, Redacted: f.Redacted})
	}
	return t
}
