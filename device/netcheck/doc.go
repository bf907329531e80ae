// Package netcheck measures the till PC's network and its path to the
// acquirer's payment host: local interfaces, the default gateway, DNS, TCP
// connect latency / jitter / loss, an ISO 8583 echo (0820, 60.3 = 301) or
// sign-in (0800) round trip, and the clocks of PC, terminal and host.
//
// Every measurement is split in two: a function that does I/O through an
// injectable dependency (Dialer, Resolver, a /sys root, a route reader) and
// a pure Evaluate function that turns what was measured into a Verdict: a
// outcome.Outcome, a translation key for the summary, its arguments and the evidence.
// The package never builds a sentence for users; keys start with
// "check.<id>." for summaries and "evidence." for facts.
//
// Invariants:
//   - Nothing here ever sends ICMP or scans: the gateway is probed by at most
//     one TCP connect per port of GatewayPorts, the host by the configured
//     number of connects to its one port, and (with no host configured)
//     each of Lakala's public addresses (ProbeServices; the list ships in
//     assets network/lakala.json with its sources) by one connect.
//   - Every function that does I/O takes a ctx and returns soon after it is
//     done; each network operation has its own deadline as well.
//   - The results describe the PC's network, never the terminal's: a
//     terminal with its own SIM card or Wi-Fi may use another one. Callers
//     say so in the evidence ("evidence.net.tested_from") and add what the
//     terminal reports about its own link.
//   - Routes are IPv4 only: /proc/net/route, and IP Helper on Windows.
//   - No card data, keys or MACs pass through this package: the echo and
//     sign-in probes carry only the terminal and merchant IDs.
//
// Goroutines: none outlive a call. MeasureTCP, ProbeGateway, Resolve and
// Echo run on the caller's goroutine; a blocked dial or read is unblocked by
// its deadline or by ctx (the connection is closed when ctx is done).
package netcheck
