// Package inproc is the name space of ports served inside this process,
// such as the simulated terminal's pipe on systems without
// pseudo-terminals ("pipe:sim-1"): device/sim registers them, package
// device opens them by path (device.Open, device.OpenWith) instead of going
// through the serial library. It is internal to device/...: the app never
// registers a port.
//
// It holds the one piece of package state below device: like /dev, a name
// space of the process, whose entries live from Register until their
// release.
package inproc
