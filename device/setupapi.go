package device

// This file holds the pure part of Windows detection: parsing device
// instance IDs, grouping the device nodes SetupAPI lists into USB devices,
// and judging why a device has no COM port. It has no build tag so it is
// tested on every system; usb_windows.go feeds it the real device tree.

import (
	"strings"
)

// usbInstanceID is a Windows device instance ID of a USB device node,
// such as USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004, taken apart.
type usbInstanceID struct {
	VID, PID string // upper-case hex, 4 digits
	// Interface is the interface number (2 upper-case hex digits) of one
	// function of a composite device ("MI_04" gives "04"); empty for the
	// device itself.
	Interface string
	// Instance is the part after the second backslash: the device's USB
	// serial number when it has one ("A910X1"), else an ID Windows made up
	// from where it is plugged in ("6&1A2B3C&0&0004").
	Instance string
}

// parseUSBInstanceID takes apart a USB device instance ID:
//
//	USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004  →  2FB8, 2116, interface 04, instance 6&1A2B3C&0&0004
//	usb\vid_1a86&pid_7523\5&2c5b5b2a&0&2         →  1A86, 7523, no interface, instance 5&2c5b5b2a&0&2
//
// Case does not matter. The middle part must hold VID_xxxx and PID_xxxx
// (4 hex digits each) and may hold MI_xx and REV_xxxx, in any order; the
// instance part must not be empty. ok is false for anything else: other
// buses (HID\..., FTDIBUS\...), root hubs (USB\ROOT_HUB30\...), hardware IDs
// without an instance part, or malformed text.
func parseUSBInstanceID(s string) (id usbInstanceID, ok bool) {
	bus, rest, found := strings.Cut(s, `\`)
	if !found || !strings.EqualFold(bus, "USB") {
		return usbInstanceID{}, false
	}
	ids, inst, found := strings.Cut(rest, `\`)
	if !found || inst == "" || strings.Contains(inst, `\`) {
		return usbInstanceID{}, false
	}
	var rev string
	for _, tok := range strings.Split(ids, "&") {
		key, val, found := strings.Cut(tok, "_")
		if !found {
			return usbInstanceID{}, false
		}
		var dst *string
		n := 4
		switch strings.ToUpper(key) {
		case "VID":
			dst = &id.VID
		case "PID":
			dst = &id.PID
		case "MI":
			dst, n = &id.Interface, 2
		case "REV":
			dst = &rev
		default:
			return usbInstanceID{}, false
		}
		if *dst != "" || !isHex(val, n) {
			return usbInstanceID{}, false
		}
		*dst = strings.ToUpper(val)
	}
	if id.VID == "" || id.PID == "" {
		return usbInstanceID{}, false
	}
	id.Instance = inst
	return id, true
}

// isHex reports whether s is exactly n hex digits.
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// String returns the instance ID in Windows' spelling:
// USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004.
func (id usbInstanceID) String() string {
	s := `USB\VID_` + id.VID + "&PID_" + id.PID
	if id.Interface != "" {
		s += "&MI_" + id.Interface
	}
	return s + `\` + id.Instance
}

// Serial returns the device's USB serial number, or "" when the instance
// part is an ID Windows made up (it holds '&') or the node is one
// interface of a composite device. It reads the number exactly as
// go.bug.st/serial's Windows enumerator does (letters, digits and '_'
// only), so a port and its USB device carry the same serial.
func (id usbInstanceID) Serial() string {
	if id.Interface != "" || id.Instance == "" {
		return ""
	}
	for i := 0; i < len(id.Instance); i++ {
		c := id.Instance[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
			return ""
		}
	}
	return id.Instance
}

// withFriendlyName sets p.FriendlyName when p.Product is the name Windows
// gives the port, such as "USB Serial Device (COM5)": go.bug.st/serial's
// Windows enumerator returns that name as Product (it reads the USB
// product string only when asked to probe the device, which Ports never
// does). Product is kept, so Classify still finds a maker's name in it.
func withFriendlyName(p PortInfo) PortInfo {
	if p.Name != "" && strings.HasSuffix(strings.ToUpper(p.Product), "("+strings.ToUpper(p.Name)+")") {
		p.FriendlyName = p.Product
	}
	return p
}

// Display returns the port's name as the system shows it to people: the
// friendly name on Windows ("USB Serial Device (COM5)"), else the path
// ("/dev/ttyACM0").
func (p PortInfo) Display() string {
	if p.FriendlyName != "" {
		return p.FriendlyName
	}
	return p.Name
}

// USBProblem is why a USB device has no serial port, as far as the system
// tells (Windows Device Manager's state). Linux does not tell:
// USBProblemUnknown.
type USBProblem int

// Reasons a terminal on USB has no serial port.
const (
	USBProblemUnknown  USBProblem = iota // not known: the driver is missing or the USB mode is wrong
	USBProblemDriver                     // no driver installed, or a broken one (Device Manager codes 1, 18, 28, 31, 39, 52, ...)
	USBProblemMode                       // every part of the device works, none is a serial port: wrong USB mode (file transfer, debugging)
	USBProblemFailed                     // the driver is there but the device did not start (codes 10, 43): replug, other socket, other cable
	USBProblemDisabled                   // switched off in Device Manager (codes 22, 29)
	USBProblemRestart                    // the PC must restart before the device works (code 14)
)

var usbProblemNames = [...]string{"unknown", "driver", "mode", "failed", "disabled", "restart"}

// String returns the reason's stable name: "driver", "mode", ...
func (p USBProblem) String() string {
	if p < 0 || int(p) >= len(usbProblemNames) {
		return "unknown"
	}
	return usbProblemNames[p]
}

// VerdictKey returns the translation key of the one-line verdict on a
// terminal with this problem, which also says what to do:
// "devicewin.nodriver.<name>" (assets/i18n/*/devicewin.json), or
// "device.kind.nodriver" for USBProblemUnknown. Templates may use
// {{.vendor}} and {{.product}}.
func (p USBProblem) VerdictKey() string {
	if p <= USBProblemUnknown || int(p) >= len(usbProblemNames) {
		return "device.kind.nodriver"
	}
	return "devicewin.nodriver." + p.String()
}

// Windows problem codes (CM_PROB_* in cfg.h) that need their own advice;
// every other non-zero code is treated as a driver problem.
const (
	cmProbFailedStart     = 10 // CM_PROB_FAILED_START
	cmProbNeedRestart     = 14 // CM_PROB_NEED_RESTART
	cmProbDisabled        = 22 // CM_PROB_DISABLED
	cmProbDeviceNotThere  = 24 // CM_PROB_DEVICE_NOT_THERE
	cmProbHardwareDisable = 29 // CM_PROB_HARDWARE_DISABLED
	cmProbFailedPostStart = 43 // CM_PROB_FAILED_POST_START ("Windows has stopped this device")
)

// problemOf maps one node's state to a reason; ok is false when the node
// works (a driver and no problem code).
func problemOf(n winNode) (p USBProblem, ok bool) {
	switch n.Problem {
	case 0:
		if n.Driver == "" {
			return USBProblemDriver, true
		}
		return USBProblemUnknown, false
	case cmProbFailedStart, cmProbFailedPostStart, cmProbDeviceNotThere:
		return USBProblemFailed, true
	case cmProbDisabled, cmProbHardwareDisable:
		return USBProblemDisabled, true
	case cmProbNeedRestart:
		return USBProblemRestart, true
	}
	return USBProblemDriver, true
}

// winNode is one present device node as SetupAPI lists it.
type winNode struct {
	ID      string   // instance ID: USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004
	Parent  string   // the parent node's instance ID
	Port    bool     // setup class "Ports": a COM port
	Driver  string   // SPDRP_DRIVER; empty when no driver is installed
	Problem uint32   // Device Manager's problem code, 0 when none
	Compat  []string // SPDRP_COMPATIBLEIDS: USB\Class_02&SubClass_02&Prot_01, ...
	Name    string   // the USB product string, else the name Device Manager shows
	Bus     string   // the USB product string the device reported (empty if none)
	COM     string   // the port's name, "COM5" (COM port nodes only)
}

// otherModeClasses are USB interface classes a terminal offers in a mode
// other than serial: still image / MTP (06), Android debugging (FF&42),
// network sharing (E0, EF&04). A missing driver for one of these is not
// why the serial port is missing.
var otherModeClasses = []string{`USB\CLASS_06`, `USB\CLASS_FF&SUBCLASS_42`, `USB\CLASS_E0`, `USB\CLASS_EF&SUBCLASS_04`}

// isOtherMode reports whether n is an interface of a non-serial USB mode.
func isOtherMode(n winNode) bool {
	for _, c := range n.Compat {
		c = strings.ToUpper(c)
		for _, m := range otherModeClasses {
			if strings.HasPrefix(c, m) {
				return true
			}
		}
	}
	return false
}

// maxDepth bounds the walk from a COM port up to its USB device (the FTDI
// bus driver puts one node between them; loops in bad data stop here).
const maxDepth = 8

// usbDevicesFromNodes groups device nodes into USB devices: one per node
// whose instance ID is a USB device (not one interface of it). A device
// HasTTY when a COM port node sits at or below it or one of its
// interfaces; otherwise Problem says why, from the nodes' driver state:
// the device's own problem first, then any interface's problem except
// interfaces of another USB mode (MTP, ADB), else USBProblemMode (for a
// USB-serial cable chip, which has no other mode: USBProblemDriver). Nodes
// may repeat (listed by bus and by class); the first copy counts.
func usbDevicesFromNodes(nodes []winNode) []USBDevice {
	byID := make(map[string]*winNode, len(nodes))
	var uniq []*winNode
	for i := range nodes {
		key := strings.ToUpper(nodes[i].ID)
		if _, dup := byID[key]; dup || key == "" {
			continue
		}
		byID[key] = &nodes[i]
		uniq = append(uniq, &nodes[i])
	}
	hasPort := map[string]bool{}
	ifaces := map[string][]*winNode{} // parent ID → its interface nodes
	for _, n := range uniq {
		if n.Port {
			id := strings.ToUpper(n.ID)
			for depth := 0; id != "" && depth < maxDepth && !hasPort[id]; depth++ {
				hasPort[id] = true
				p, ok := byID[id]
				if !ok {
					break
				}
				id = strings.ToUpper(p.Parent)
			}
		}
		if u, ok := parseUSBInstanceID(n.ID); ok && u.Interface != "" && n.Parent != "" {
			key := strings.ToUpper(n.Parent)
			ifaces[key] = append(ifaces[key], n)
		}
	}
	var out []USBDevice
	for _, n := range uniq {
		u, ok := parseUSBInstanceID(n.ID)
		if !ok || u.Interface != "" {
			continue
		}
		key := strings.ToUpper(n.ID)
		d := USBDevice{Path: n.ID, VID: u.VID, PID: u.PID, Serial: u.Serial(), Product: n.Name, HasTTY: hasPort[key]}
		for _, i := range ifaces[key] {
			d.HasTTY = d.HasTTY || hasPort[strings.ToUpper(i.ID)]
		}
		if !d.HasTTY {
			d.Problem = diagnose(*n, ifaces[key])
			// A cable chip has no other mode: working without a port, it has
			// the wrong driver (such as WinUSB put there by another tool).
			if id, known := lookupID(u.VID, u.PID); known && id.Role == roleCable && d.Problem == USBProblemMode {
				d.Problem = USBProblemDriver
			}
		}
		out = append(out, d)
	}
	return out
}

// diagnose says why a USB device with no COM port has none.
func diagnose(dev winNode, ifaces []*winNode) USBProblem {
	if p, ok := problemOf(dev); ok {
		return p
	}
	for _, i := range ifaces {
		if p, ok := problemOf(*i); ok && !isOtherMode(*i) {
			return p
		}
	}
	return USBProblemMode
}

// portProducts maps each COM port's name (upper case) to the USB product
// string of the USB device it belongs to, the first device (not one of
// its interfaces) at or above the port, such as "COM5" → "E550 POS".
// Ports whose device reported no product string are left out.
func portProducts(nodes []winNode) map[string]string {
	byID := make(map[string]*winNode, len(nodes))
	for i := range nodes {
		key := strings.ToUpper(nodes[i].ID)
		if _, dup := byID[key]; !dup {
			byID[key] = &nodes[i]
		}
	}
	out := map[string]string{}
	for i := range nodes {
		n := &nodes[i]
		if !n.Port || n.COM == "" {
			continue
		}
		for depth := 0; n != nil && depth < maxDepth; depth++ {
			if u, ok := parseUSBInstanceID(n.ID); ok && u.Interface == "" {
				if n.Bus != "" {
					out[strings.ToUpper(nodes[i].COM)] = n.Bus
				}
				break
			}
			n = byID[strings.ToUpper(n.Parent)]
		}
	}
	return out
}

// withUSBProducts puts the USB product string of each Windows USB port
// (see portProducts) into its Product, where the enumerator left the
// friendly name (kept in FriendlyName). Classify then reads the maker's
// words as on Linux: a LANDI terminal on the generic gadget ID says
// "LANDI" in its product string, never in "USB Serial Device (COM5)".
func withUSBProducts(ports []PortInfo, products map[string]string) {
	for i, p := range ports {
		if prod, ok := products[strings.ToUpper(p.Name)]; ok && p.IsUSB && p.FriendlyName != "" {
			ports[i].Product = prod
		}
	}
}
