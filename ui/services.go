package ui

import (
	"context"
	"encoding/json"
	"net"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/ui/checks"
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
	}
	if ep, ok := a.hostSettings(); ok {
		cfg.Settings = ep
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
	go func() {
		if _, err := db.BackupIfDue(time.Now()); err != nil {
			fyne.LogError("daily backup", err)
		}
	}()
}
