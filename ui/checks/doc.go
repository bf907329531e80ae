// Package checks wires the real automatic checks into a wizard.Registry:
// the terminal checks through device.Link, the PC's network and the
// acquirer host through device/netcheck, and the actions (sign in again,
// reopen the port, re-run the echo). Both the GUI and the CLI build their
// registry with Registry; nothing here imports Fyne.
//
// What it owns: turning device and netcheck verdicts into wizard.Result
// values (outcome, summary key, evidence), choosing the acquirer endpoint
// (Config.Host override, else what the terminal reports, else
// Config.Settings; nothing is invented), and sharing one terminal link
// among the terminal checks.
//
// Invariants:
//   - The terminal link is opened lazily, once, and shared; every use of
//     it holds one mutex, so the checks never talk over each other.
//   - The terminal's status and the host echo are fetched once and shared
//     by the checks that need them (status: signin, clock, hardware,
//     network, firmware, and the endpoint for the host checks; echo:
//     host.echo and host.clock) for CacheFor; actions invalidate them.
//   - Host and network checks wait for the terminal's status at most a
//     quarter of their deadline, then go on with Config.Settings, so a
//     hung terminal never delays them past their deadline.
//   - Every network and host result says it was tested from this PC and,
//     when the terminal reports its own link, which one that is.
//
// Goroutines: a shared fetch (status, echo) runs in its own goroutine,
// bounded by Config.Timeout, so a check that stops waiting for it does not
// cancel it for the others. The close function returned by Registry closes
// the link, which ends a fetch in progress within about 50 ms, and waits
// for every fetch goroutine to end.
package checks
