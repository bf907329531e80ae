package ui

import (
	"context"
	"encoding/json"
	"net"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/ui/checks"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

// lister returns the port lister: the one main.go gave (demo, tests) or
// the system's.
func (a *App) lister() device.Lister {
	if a.opts.Lister != nil {
		return a.opts.Lister
	}
	return device.SystemLister{}
}

// terminalPreference returns the port the user named as the terminal, if any.
func (a *App) terminalPreference() []device.Preference {
	raw := a.fyne.Preferences().String(prefTerminal)
	if raw == "" {
		return nil
	}
	var p device.Preference
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil
	}
	return []device.Preference{p}
}

// saveTerminalPreference remembers p as the terminal.
func (a *App) saveTerminalPreference(p *device.Preference) {
	if p == nil {
		a.fyne.Preferences().RemoveValue(prefTerminal)
		return
	}
	b, err := json.Marshal(p)
	if err == nil {
		a.fyne.Preferences().SetString(prefTerminal, string(b))
	}
}

// hostSettings returns the acquirer endpoint from Settings; ok is false when
// none is configured.
func (a *App) hostSettings() (netcheck.Endpoint, bool) {
	p := a.fyne.Preferences()
	host, port, err := net.SplitHostPort(p.String(prefHost))
	if err != nil {
		return netcheck.Endpoint{}, false
	}
	n, err := strconv.Atoi(port)
	if err != nil || n <= 0 || n > 65535 {
		return netcheck.Endpoint{}, false
	}
	return netcheck.Endpoint{Host: host, Port: n, TPDU: p.String(prefTPDU), TID: p.String(prefTID), MID: p.String(prefMID), Source: "settings"}, true
}

// checkTimeout is each check's deadline: the setting, else the option.
func (a *App) checkTimeout() time.Duration {
	if s := a.fyne.Preferences().Int(prefTimeout); s > 0 {
		return time.Duration(s) * time.Second
	}
	return a.opts.CheckTimeout
}

// newRegistry builds the real checks with the current settings. The close
// function releases the terminal link; call it when the session ends.
func (a *App) newRegistry(ctx context.Context) (*wizard.Registry, func() error) {
	cfg := checks.Config{
		Port:        a.opts.DemoPort,
		Lister:      a.lister(),
		Preferences: a.terminalPreference(),
		Timeout:     a.checkTimeout(),
		Minimums:    wizard.ParseSupport(assets.Support).Minimums,
	}
	if ep, ok := a.hostSettings(); ok {
		cfg.Settings = ep
	}
	cfg.PublicServices = a.publicServices()
	if a.opts.DB != nil {
		cfg.OnStatus = a.recordStatus
	}
	if a.opts.tuneChecks != nil {
		a.opts.tuneChecks(&cfg)
	}
	return checks.Registry(ctx, cfg)
}

// startBackgroundWork runs what must never block the window: the daily
// backup of the history.
func (a *App) startBackgroundWork() {
	db := a.opts.DB
	if db == nil {
		return
	}
	a.bg.Go(func() {
		if _, err := db.BackupIfDue(time.Now()); err != nil {
			fyne.LogError("daily backup", err)
		}
	})
}

// recordStatus keeps what the terminal reported in the history
// (journal.RecordStatus), so Home can say "last sign-in 3 days ago" or
// "firmware changed". It runs on a check's goroutine; the store is safe
// for that.
func (a *App) recordStatus(st device.Status, at time.Time) {
	key, err := journal.RecordStatus(a.opts.DB, a.terminalKey(), a.opts.DemoPort, st, at)
	if err != nil {
		fyne.LogError("record terminal status", err)
		return
	}
	if key == "" {
		return
	}
	a.terminal.setNote(a.terminalNote(key)) // Home shows the new sign-in without a restart
	a.do(a.updateTerminalView)
}

// signInText says when the terminal last signed in, by calendar day in
// local time: a sign-in at 20:00 yesterday is "yesterday", not "today".
func (a *App) signInText(at, now time.Time) string {
	at = at.In(now.Location())
	switch days := calendarDays(at, now); {
	case days <= 0:
		return a.tr.T("home.terminal.signin.today", "time", at.Format("15:04"))
	case days == 1:
		return a.tr.T("home.terminal.signin.yesterday", "time", at.Format("15:04"))
	default:
		return a.tr.T("home.terminal.signin.days", "n", days)
	}
}

// calendarDays counts the midnights between then and now, in now's zone.
func calendarDays(then, now time.Time) int {
	y1, m1, d1 := then.In(now.Location()).Date()
	y2, m2, d2 := now.Date()
	a := time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC) // noon UTC: no daylight-saving hours
	b := time.Date(y2, m2, d2, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// terminalNote says what the history knows about the terminal on Home:
// when it last signed in, and what changed since the status read before.
// It reads the store, so it runs off the main goroutine.
func (a *App) terminalNote(key string) string {
	db := a.opts.DB
	if db == nil {
		return ""
	}
	if key == "" && a.opts.DemoPort != "" {
		ts, _ := db.Terminals()
		for _, t := range ts {
			if t.Port == a.opts.DemoPort {
				key = t.Key
			}
		}
	}
	if key == "" {
		return ""
	}
	changes, latest, _, err := db.Changes(key)
	if err != nil || latest.Taken.IsZero() {
		return ""
	}
	var parts []string
	if !latest.LastSignIn.IsZero() {
		parts = append(parts, a.signInText(latest.LastSignIn, time.Now()))
	}
	for _, c := range changes {
		switch c.Field {
		case "version:firmware", "version:app":
			parts = append(parts, a.tr.T("home.terminal.changed."+strings.TrimPrefix(c.Field, "version:"), "old", c.Old, "new", c.New))
		case "key_state":
			if c.New == "bad" || c.New == "none" {
				parts = append(parts, a.tr.T("home.terminal.changed.keys"))
			}
		}
	}
	return strings.Join(parts, "\n")
}

// publicServices returns the Lakala public addresses to test without a
// payment host: the list from Settings, else the shipped one.
func (a *App) publicServices() []netcheck.Service {
	if text := a.fyne.Preferences().String(prefLakala); strings.TrimSpace(text) != "" {
		if s, err := netcheck.ParseServiceList(text); err == nil {
			return s
		}
	}
	return a.opts.PublicServices
}
