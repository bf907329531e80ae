package device

import (
	"context"
	"errors"
	"sort"
	"strings"

	"go.bug.st/serial"
	"go.bug.st/serial/enumerator"
)

// PortInfo is one serial port as the system lists it. USB fields are empty
// for ports that are not USB.
type PortInfo struct {
	Name         string `json:"name"`
	IsUSB        bool   `json:"usb"`
	VID          string `json:"vid,omitempty"`
	PID          string `json:"pid,omitempty"`
	Serial       string `json:"serial,omitempty"`
	Manufacturer string `json:"manufacturer,omitempty"`
	Product      string `json:"product,omitempty"`
	// FriendlyName is the name Windows shows for the port, "USB Serial
	// Device (COM5)"; empty elsewhere. Display returns it or Name.
	FriendlyName string `json:"friendly_name,omitempty"`
}

// Lister lists serial ports. SystemLister is the real one; tests inject
// fakes.
type Lister interface {
	Ports() ([]PortInfo, error)
}

// USBDevice is a USB device found without looking at serial ports (Linux
// sysfs, Windows SetupAPI), with whether any tty or COM port belongs to it.
type USBDevice struct {
	Path                  string // sysfs directory (/sys/bus/usb/devices/1-2) or Windows instance ID
	VID, PID, Serial      string
	Manufacturer, Product string
	HasTTY                bool
	// Problem is why there is no port, when the system tells (Windows).
	Problem USBProblem
}

// USBScanner lists USB devices whether or not they have a serial port. A
// Lister that also implements it lets Detect report terminals whose driver
// is missing.
type USBScanner interface {
	USBDevices() ([]USBDevice, error)
}

// SystemLister lists the machine's serial ports with go.bug.st/serial's
// enumerator. On Linux it also scans SysfsRoot (default "/sys") for USB
// devices without a tty; on Windows it asks SetupAPI (SysfsRoot unused).
type SystemLister struct {
	SysfsRoot string
}

var _ USBScanner = SystemLister{}

// Ports lists the serial ports. It opens no port except what the
// enumerator itself probes (Linux: ttyS* placeholders).
func (SystemLister) Ports() ([]PortInfo, error) {
	details, err := enumerator.GetDetailedPortsList()
	if err != nil {
		return nil, err
	}
	out := make([]PortInfo, 0, len(details))
	seen := map[string]bool{}
	for _, d := range details {
		if d.Name == "" { // the Linux enumerator drops the name of ports without sysfs data
			continue
		}
		seen[d.Name] = true
		out = append(out, withFriendlyName(PortInfo{Name: d.Name, IsUSB: d.IsUSB, VID: upperHex(d.VID), PID: upperHex(d.PID),
			Serial: d.SerialNumber, Manufacturer: d.Manufacturer, Product: d.Product}))
	}
	enrichPorts(out)
	if names, err := serial.GetPortsList(); err == nil {
		for _, n := range names {
			if !seen[n] {
				out = append(out, PortInfo{Name: n})
			}
		}
	}
	return out, nil
}

// USBDevices scans SysfsRoot/bus/usb/devices on Linux, and the present
// USB devices SetupAPI lists on Windows (usb_windows.go).
func (s SystemLister) USBDevices() ([]USBDevice, error) {
	root := s.SysfsRoot
	if root == "" {
		root = "/sys"
	}
	return scanUSB(root)
}

// Kind is detection's verdict on one port or USB device.
type Kind int

// Verdicts, best first.
const (
	KindChosen   Kind = iota // the port the user named as their terminal
	KindTerminal             // a known payment-terminal USB ID
	KindGadget               // the generic Linux serial gadget, not confirmed by its strings
	KindCable                // a USB-serial cable chip: what is behind it is unknown
	KindUnknown              // some other USB serial device
	KindOther                // a known device that is not the card terminal
	KindBuiltIn              // a serial port of the PC itself, never opened unless picked
	KindNoDriver             // a terminal on USB with no serial port: driver missing or wrong USB mode
)

var kindNames = [...]string{"chosen", "terminal", "gadget", "cable", "unknown", "other", "builtin", "nodriver"}

// String returns the verdict's stable name, also the last part of its
// translation key "device.kind.<name>".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Candidate is one port (or USB device) with detection's verdict.
// VerdictKey is the translation key of a one-line verdict; Args fills it
// ({{.vendor}}, {{.product}}, {{.port}}, {{.evidence}}).
type Candidate struct {
	Port       PortInfo          `json:"port"`
	Kind       Kind              `json:"kind"`
	Evidence   string            `json:"evidence,omitempty"`
	VerdictKey string            `json:"verdict_key"`
	Args       map[string]string `json:"args,omitempty"`
	// Moved is the path the chosen terminal had before, when it now shows
	// under another name ("same terminal, new port").
	Moved string `json:"moved_from,omitempty"`
	// Driver is the protocol a chosen terminal answered last time (from
	// its Preference), "" when not known.
	Driver string `json:"driver,omitempty"`
}

// IsTerminal reports whether the candidate is worth talking to without
// asking: chosen by the user, or a known terminal.
func (c Candidate) IsTerminal() bool { return c.Kind == KindChosen || c.Kind == KindTerminal }

// evidenceStrings is a Candidate's Evidence when only its USB
// manufacturer and product strings name a terminal maker (MakerOf).
const evidenceStrings = "usb-strings"

// gadgetWords confirm that a generic-gadget device is a payment terminal.
var gadgetWords = []string{"landi", "联迪", "pos", "lakala", "拉卡拉", "pax", "newland", "新大陆", "centerm", "nexgo", "sunmi", "verifone", "ingenico", "payment"}

// Detect lists l's ports and names each. chosen are the user's remembered
// picks (see Preference): a port matching one is KindChosen. If l is also a
// USBScanner, terminals and cables on USB with no serial port are added as
// KindNoDriver. The result is sorted best first (chosen, terminals, ...),
// then by port name. It returns l's error, or ctx's if ctx is done.
func Detect(ctx context.Context, l Lister, chosen ...Preference) ([]Candidate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ports, err := l.Ports()
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(ports))
	for _, p := range ports {
		out = append(out, Classify(p, chosen...))
	}
	if sc, ok := l.(USBScanner); ok {
		devs, err := sc.USBDevices()
		if err != nil && !errors.Is(err, errNoSysfs) {
			return out, err
		}
		out = append(out, noDriver(devs, ports)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Port.Name < out[j].Port.Name
	})
	return out, ctx.Err()
}

// Classify names one port.
func Classify(p PortInfo, chosen ...Preference) Candidate {
	c := Candidate{Port: p, Args: map[string]string{"port": p.Display()}}
	for _, pref := range chosen {
		if pref.Matches(p) {
			c.Kind, c.VerdictKey = KindChosen, "device.kind.chosen"
			c.Args["name"] = pref.Label
			c.Driver = pref.Driver
			if pref.Path != "" && pref.Path != p.Name {
				c.Moved = pref.Path
				c.Args["old"] = pref.Path
				c.VerdictKey = "device.kind.chosen.moved"
			}
			return c
		}
	}
	if !p.IsUSB {
		c.Kind, c.VerdictKey = KindBuiltIn, "device.kind.builtin"
		return c
	}
	id, ok := lookupID(p.VID, p.PID)
	if !ok {
		if m, ok := makerOf(p.Manufacturer, p.Product); ok {
			// Not in the table, but its USB strings name a terminal maker.
			c.Kind, c.VerdictKey, c.Evidence = KindTerminal, "device.kind.terminal.probable", evidenceStrings
			c.Args["vendor"], c.Args["product"] = m.Name, strings.TrimSpace(p.Manufacturer+" "+p.Product)
			c.Args["vid"], c.Args["pid"] = p.VID, p.PID
			return c
		}
		c.Kind, c.VerdictKey = KindUnknown, "device.kind.unknown"
		c.Args["vid"], c.Args["pid"] = p.VID, p.PID
		c.Args["product"] = p.Manufacturer + " " + p.Product
		return c
	}
	c.Evidence = id.Evidence.String()
	c.Args["vendor"], c.Args["product"], c.Args["evidence"] = id.Vendor, id.Product, id.Evidence.String()
	if id.Product == "" {
		c.Args["product"] = p.Product
	}
	switch id.Role {
	case roleTerminal:
		c.Kind, c.VerdictKey = KindTerminal, "device.kind.terminal"
		if id.Evidence != verified {
			c.VerdictKey = "device.kind.terminal.likely"
		}
	case roleCable:
		c.Kind, c.VerdictKey = KindCable, "device.kind.cable"
	case roleOther:
		c.Kind, c.VerdictKey = KindOther, "device.kind.other"
	case roleGadget:
		strs := strings.ToLower(p.Manufacturer + " " + p.Product)
		c.Kind, c.VerdictKey = KindGadget, "device.kind.gadget"
		if strings.Contains(strs, "quectel") {
			c.Kind, c.VerdictKey = KindOther, "device.kind.other"
			c.Args["product"] = "Lakala customer display (download mode)"
			break
		}
		for _, w := range gadgetWords {
			if strings.Contains(strs, w) {
				c.Kind, c.VerdictKey = KindTerminal, "device.kind.terminal.likely"
				c.Args["vendor"], c.Args["product"] = p.Manufacturer, p.Product
				break
			}
		}
	}
	return c
}

// noDriver returns a KindNoDriver candidate for each USB device that is a
// known terminal, gadget or cable but has no tty, and no listed port shares
// its VID:PID.
func noDriver(devs []USBDevice, ports []PortInfo) []Candidate {
	var out []Candidate
	for _, d := range devs {
		if d.HasTTY {
			continue
		}
		id, ok := lookupID(d.VID, d.PID)
		evidence := id.Evidence.String()
		if !ok {
			m, byName := makerOf(d.Manufacturer, d.Product)
			if !byName {
				continue
			}
			id = knownID{VID: upperHex(d.VID), PID: upperHex(d.PID), Vendor: m.Name, Role: roleTerminal, Source: m.Source}
			evidence = evidenceStrings
		}
		if id.Role == roleOther {
			continue
		}
		listed := false
		for _, p := range ports {
			if p.IsUSB && strings.EqualFold(p.VID, d.VID) && strings.EqualFold(p.PID, d.PID) && p.Serial == d.Serial {
				listed = true
			}
		}
		if listed {
			continue
		}
		product := id.Product
		if product == "" {
			product = d.Product
		}
		out = append(out, Candidate{
			Port:       PortInfo{IsUSB: true, VID: upperHex(d.VID), PID: upperHex(d.PID), Serial: d.Serial, Manufacturer: d.Manufacturer, Product: d.Product},
			Kind:       KindNoDriver,
			Evidence:   evidence,
			VerdictKey: d.Problem.VerdictKey(),
			Args:       map[string]string{"vendor": id.Vendor, "product": product, "vid": upperHex(d.VID), "pid": upperHex(d.PID), "evidence": evidence},
		})
	}
	return out
}

// Pick returns the best candidate to talk to: the first chosen or known
// terminal. It returns ErrNoTerminal if there is none (callers then offer
// the other candidates for the user to name).
func Pick(cands []Candidate) (Candidate, error) {
	for _, c := range cands {
		if c.IsTerminal() && c.Port.Name != "" {
			return c, nil
		}
	}
	return Candidate{}, ErrNoTerminal
}

// Preference is a port the user named as their terminal. The caller
// persists it (the GUI in Fyne preferences) and passes it back to Detect.
// A USB port is matched by VID:PID and serial number, never by its
// COM/tty name, which can change; a port that is not USB, or has no USB
// identity, is matched by its path.
type Preference struct {
	VID    string `json:"vid,omitempty"`
	PID    string `json:"pid,omitempty"`
	Serial string `json:"serial,omitempty"`
	// Path is where the terminal was last seen, to report a new name.
	Path string `json:"path"`
	// Label is what the user called it ("front counter").
	Label string `json:"label,omitempty"`
	// Driver names the protocol the terminal answered last time
	// ("generic", "ecrhub"), so the next probe tries it first.
	Driver string `json:"driver,omitempty"`
}

// Choose returns the Preference that remembers p.
func Choose(p PortInfo, label string) Preference {
	pref := Preference{Path: p.Name, Label: label}
	if p.IsUSB && p.VID != "" {
		pref.VID, pref.PID, pref.Serial = upperHex(p.VID), upperHex(p.PID), p.Serial
	}
	return pref
}

// Matches reports whether p is the remembered port.
func (pref Preference) Matches(p PortInfo) bool {
	if pref.VID == "" {
		return p.Name != "" && p.Name == pref.Path
	}
	return p.IsUSB && strings.EqualFold(p.VID, pref.VID) && strings.EqualFold(p.PID, pref.PID) && p.Serial == pref.Serial
}

// Seen returns pref with Path updated to where c shows now, so the caller
// can persist it; moved reports whether the path changed.
func (pref Preference) Seen(c Candidate) (updated Preference, moved bool) {
	moved = pref.Path != "" && c.Port.Name != "" && pref.Path != c.Port.Name
	if c.Port.Name != "" {
		pref.Path = c.Port.Name
	}
	return pref, moved
}
