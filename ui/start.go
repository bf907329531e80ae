package ui

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// initTime is when this package initialised: a little after the process
// started, used where the OS cannot tell.
var initTime = time.Now()

// ProcessStart returns when the process started. On Linux it reads the
// start time from /proc (10 ms resolution); elsewhere it falls back to the
// time this package initialised.
func ProcessStart() time.Time {
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return initTime
	}
	// Field 22 (starttime, in clock ticks since boot) follows the ")" that
	// ends the command name, which may itself hold spaces.
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 20 {
		return initTime
	}
	ticks, err := strconv.ParseFloat(fields[19], 64)
	uptime, err2 := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	if err != nil || err2 != nil {
		return initTime
	}
	const ticksPerSecond = 100 // USER_HZ on every Linux architecture Go supports
	age := time.Duration((uptime - ticks/ticksPerSecond) * float64(time.Second))
	if age < 0 || age > time.Since(initTime)+time.Minute {
		return initTime
	}
	return time.Now().Add(-age)
}
