package journal

import (
	"fmt"
	"time"

	"posdoctor/device"
	"posdoctor/store"
)

// keyStates names the terminal's key states in snapshots.
var keyStates = map[device.KeyState]string{device.KeysNone: "none", device.KeysOK: "ok", device.KeysBad: "bad"}

// KeyOf returns the history key of the first card terminal among what
// detection found (store.TerminalKey of its USB serial number or IDs), or
// "" when there is none. The GUI and the command line key a terminal this
// way, so one terminal has one history whichever of them saw it.
func KeyOf(cands []device.Candidate) string {
	for _, c := range cands {
		if c.IsTerminal() {
			return store.TerminalKey(c.Port.VID, c.Port.PID, c.Port.Serial)
		}
	}
	return ""
}

// RecordStatus keeps what a terminal reported in the history: the terminal
// itself (model, serial number, the port it was on) and a snapshot of its
// versions, clock offset, sign-in and key state, so Home can say "last
// sign-in 3 days ago" or "firmware changed" and a report can name the
// terminal. key is the terminal's key when the caller already knows it
// (store.TerminalKey of the detected USB device), or "" to key it by the
// serial number it reported. It returns the key used, "" when the status
// names no terminal (nothing is stored). The store's errors are returned
// wrapped. Safe to call from a check's goroutine: the store is.
func RecordStatus(db *store.DB, key, port string, st device.Status, at time.Time) (string, error) {
	if db == nil {
		return "", nil
	}
	if key == "" && st.Serial != "" {
		key = store.TerminalKey("", "", st.Serial)
	}
	if key == "" {
		return "", nil
	}
	t := store.Terminal{Key: key, Serial: st.Serial, Model: st.Model, Port: port, LastSeen: at}
	if err := db.SeeTerminal(t); err != nil {
		return "", fmt.Errorf("record terminal: %w", err)
	}
	snap := store.Snapshot{Terminal: key, Taken: at, LastSignIn: st.LastSignIn, KeyState: keyStates[st.Keys],
		Versions: map[string]string{"firmware": st.Firmware, "app": st.AppVersion}}
	if !st.Clock.IsZero() {
		snap.ClockOffset = st.Clock.Sub(at)
	}
	if err := db.AddSnapshot(snap); err != nil {
		return key, fmt.Errorf("record status: %w", err)
	}
	return key, nil
}
