package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestSettingsSavesOnlyAValidHost: Save keeps the payment host, its IDs,
// Lakala's addresses and the check deadline only when all of them read
// right; otherwise it says what is wrong and keeps nothing.
func TestSettingsSavesOnlyAValidHost(t *testing.T) {
	valid := map[string]string{"host": "203.0.113.10:5000", "tpdu": "6000030000", "tid": "12345678", "mid": "123456789012345",
		"lakala": "pay.example.cn:8443\n198.51.100.7"}
	for _, tt := range []struct {
		name, field, value string
		want               string // translation key of the status line
	}{
		{"all valid", "", "", "settings.saved"},
		{"host without a port", "host", "203.0.113.10", "settings.host.bad"},
		{"port out of range", "host", "203.0.113.10:70000", "settings.host.bad"},
		{"TPDU not starting 60", "tpdu", "7000030000", "settings.tpdu.bad"},
		{"TPDU not hex", "tpdu", "600003000G", "settings.tpdu.bad"},
		{"TID of 7", "tid", "1234567", "settings.tid.bad"},
		{"MID of 14", "mid", "12345678901234", "settings.mid.bad"},
		{"Lakala address with a bad port", "lakala", "pay.example.cn:0", "settings.lakala.bad"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{SystemLocales: []string{"en"}})
			e.a.show("settings")
			s := e.a.settings
			entries := map[string]*widget.Entry{"host": s.host, "tpdu": s.tpdu, "tid": s.tid, "mid": s.mid, "lakala": s.lakala}
			for f, v := range valid {
				if f == tt.field {
					v = tt.value
				}
				entries[f].SetText(v)
			}
			s.timeout.SetSelected(e.a.tr.T("settings.timeout.seconds", "n", 10))
			test.Tap(s.save)
			if got, want := s.hostStatus.Text, e.a.tr.T(tt.want); got != want {
				t.Errorf("status = %q; want %q", got, want)
			}
			ep, configured := e.a.hostSettings()
			if tt.field != "" {
				if configured || e.a.checkTimeout() != e.a.opts.CheckTimeout {
					t.Errorf("an invalid form was saved: host %+v, deadline %v", ep, e.a.checkTimeout())
				}
				return
			}
			if !configured || ep.Host != "203.0.113.10" || ep.Port != 5000 || ep.TPDU != valid["tpdu"] || ep.TID != valid["tid"] || ep.MID != valid["mid"] {
				t.Errorf("saved host = %+v (configured %v); want the form's", ep, configured)
			}
			if got := e.a.checkTimeout(); got != 10*time.Second {
				t.Errorf("check deadline = %v; want 10s", got)
			}
			if svc := e.a.publicServices(); len(svc) != 2 || svc[0].Host != "pay.example.cn" || svc[0].Port != 8443 || svc[1].Port != 443 {
				t.Errorf("Lakala's addresses = %+v; want the two typed, the second on 443", svc)
			}
		})
	}
}
