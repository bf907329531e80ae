package netcheck_test

import (
	"fmt"
	"strings"
	"time"

	"posdoctor/device/netcheck"
)

// A route table as Linux shows it; the default route goes through
// 192.168.1.1 on wlan0.
func ExampleParseProcNetRoute() {
	table := "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
		"wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n" +
		"wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n"
	routes, err := netcheck.ParseProcNetRoute(strings.NewReader(table))
	if err != nil {
		fmt.Println(err)
		return
	}
	gw, ok := netcheck.DefaultGateway(routes)
	fmt.Println(gw.Gateway, gw.Iface, ok)
	// Output: 192.168.1.1 wlan0 true
}

// Five connects, one lost: 20 % loss is a warning even though the median
// is fast.
func ExampleEvaluateTCP() {
	ms := time.Millisecond
	s := netcheck.TCPStats{Address: "203.0.113.7:5000", Attempts: 5, RTTs: []time.Duration{30 * ms, 32 * ms, 28 * ms, 90 * ms}}
	v := netcheck.EvaluateTCP(s)
	fmt.Println(v.Level, v.Summary)
	for _, f := range v.Evidence {
		fmt.Printf("%s = %s\n", f.Key, f.Value)
	}
	// Output:
	// warn check.host.tcp.loss
	// evidence.host.address = 203.0.113.7:5000
	// evidence.tcp.attempts = 5
	// evidence.latency.min = 28 ms
	// evidence.latency.median = 31 ms
	// evidence.latency.max = 90 ms
	// evidence.latency.jitter = 23 ms
	// evidence.tcp.loss = 20 %
}

// The terminal's clock is an hour behind the host's: the terminal is the
// one to correct.
func ExampleEvaluateClock() {
	host := time.Date(2026, 11, 25, 10, 0, 0, 0, netcheck.HostZone)
	v := netcheck.EvaluateClock(netcheck.Clocks{PC: host, Terminal: host.Add(-time.Hour), Host: host})
	fmt.Println(v.Level, v.Summary, v.Args["skew"])
	// Output: warn check.host.clock.terminal_off -1h0m0s
}
