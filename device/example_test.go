package device_test

import (
	"context"
	"fmt"
	"time"

	"posdoctor/device"
	"posdoctor/device/sim"
)

// A USB-serial cable is named honestly: the chip is known, the terminal
// behind it is not.
func ExampleClassify() {
	for _, p := range []device.PortInfo{
		{Name: "/dev/ttyACM0", IsUSB: true, VID: "11CA", PID: "0220"},
		{Name: "/dev/ttyUSB0", IsUSB: true, VID: "1A86", PID: "7523"},
		{Name: "/dev/ttyS0"},
	} {
		c := device.Classify(p)
		fmt.Println(p.Name, c.Kind, c.VerdictKey)
	}
	// Output:
	// /dev/ttyACM0 terminal device.kind.terminal
	// /dev/ttyUSB0 cable device.kind.cable
	// /dev/ttyS0 builtin device.kind.builtin
}

// A wizard check is a one-line adapter over an evaluation.
func ExampleEvalSignIn() {
	now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.Local)
	yesterday := device.Status{LastSignIn: now.AddDate(0, 0, -1), Keys: device.KeysOK}
	e := device.EvalSignIn(yesterday, now)
	fmt.Println(e.Level, e.Key, e.Args["time"])
	// Output: fail device.eval.signin.stale 2026-11-24 14:00
}

// Talk to the simulated terminal exactly as to a real one: the same serial
// library opens its pseudo-terminal.
func ExampleLink_Status() {
	term, err := sim.NewTerminal(sim.TerminalConfig{Scenario: sim.ScenarioKeysBad, Host: "127.0.0.1:5000"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer term.Close()
	l, err := device.Open(term.Path())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := l.Status(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Model, s.Firmware, s.TID, s.Host)
	fmt.Println(device.EvalSignIn(s, time.Now()).Key)
	lt, err := l.LastTransaction(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(lt.Local, lt.Code)
	// Output:
	// POS Doctor SIM-1 V2.6.0 10023456 127.0.0.1:5000
	// device.eval.signin.keysbad
	// declined A0
}
