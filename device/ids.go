package device

// Role says what a known USB ID is.
type Role int

// Roles of known USB IDs.
const (
	RoleTerminal Role = iota // a payment terminal or PIN pad
	RoleCable                // a USB-serial chip: the device behind it is unknown
	RoleGadget               // a generic ID some terminals use; confirm by strings
	RoleOther                // a device of a POS set that is not the card terminal
)

// Evidence says how sure a row of the ID table is, as the source data does.
type Evidence int

// Evidence levels.
const (
	Verified     Evidence = iota // in usb.ids or the Linux kernel
	CodeObserved                 // seen in one public code base
	Weak                         // claimed, with a reused or unassigned ID
)

// String returns "verified", "code-observed" or "weak".
func (e Evidence) String() string {
	switch e {
	case Verified:
		return "verified"
	case CodeObserved:
		return "code-observed"
	}
	return "weak"
}

// KnownID is one row of the table of USB IDs. An empty PID matches every
// product of the vendor; such rows have no Product (the device's own USB
// product string is shown instead).
type KnownID struct {
	VID, PID string // upper-case hex, 4 digits
	Vendor   string
	Product  string
	Role     Role
	Evidence Evidence
}

// KnownIDs is the table of USB IDs of payment terminals and POS serial
// cables, from shared/domain/pos_usb_ids.csv. Makers with no public ID
// (Lakala-branded, Newland Payment, Centerm, Nexgo, Sunmi) are absent: the
// user names such a terminal once (Preference).
var KnownIDs = []KnownID{
	{"11CA", "", "VeriFone", "", RoleTerminal, Verified},
	{"11CA", "0201", "VeriFone", "MX870/MX880", RoleTerminal, Verified},
	{"11CA", "0207", "VeriFone", "PIN pad VX 810", RoleTerminal, Verified},
	{"11CA", "0220", "VeriFone", "PIN pad VX 805", RoleTerminal, Verified},
	{"11CA", "0219", "VeriFone", "PIN pad", RoleTerminal, CodeObserved},
	{"193A", "1000", "Verifone (claimed)", "PIN pad", RoleTerminal, Weak},
	{"0B00", "", "Ingenico", "", RoleTerminal, Verified},
	{"0B00", "00A2", "Ingenico", "Lane/3600", RoleTerminal, CodeObserved},
	{"0F14", "0012", "Ingenico", "Vital'Act 3S", RoleTerminal, Verified},
	{"0F14", "0038", "Ingenico (XIRING)", "Smart card terminal LEO V2", RoleTerminal, Verified},
	{"079B", "0028", "Ingenico (Sagem)", "PIN pad / terminal", RoleTerminal, CodeObserved},
	{"0CA6", "", "Castles Technology", "", RoleTerminal, Verified},
	{"0CA6", "A050", "Castles Technology", "VEGA3000", RoleTerminal, Verified},
	{"0CA6", "A051", "Castles Technology", "Saturn1000-E", RoleTerminal, Verified},
	{"2FB8", "", "PAX (百富)", "", RoleTerminal, CodeObserved},
	{"2FB8", "2116", "PAX (百富)", "A920", RoleTerminal, CodeObserved},
	{"2FB8", "21A6", "PAX (百富)", "A930", RoleTerminal, CodeObserved},
	{"2FB8", "2205", "PAX (百富)", "A910", RoleTerminal, CodeObserved},
	{"2FB8", "2466", "PAX (百富)", "A910s", RoleTerminal, CodeObserved},
	{"2FB8", "246E", "PAX (百富)", "A910s", RoleTerminal, CodeObserved},
	{"2FB8", "225E", "PAX (百富)", "IM30", RoleTerminal, CodeObserved},
	{"2FB8", "2367", "PAX (百富)", "A35", RoleTerminal, CodeObserved},
	{"1234", "0101", "PAX (claimed)", "older PAX terminal", RoleTerminal, Weak},
	{"9908", "9030", "PAX (claimed)", "PAX CDC mode", RoleTerminal, Weak},
	{"26F1", "56F0", "LANDI (联迪)", "E8", RoleTerminal, CodeObserved},
	{"0525", "A4A7", "Linux USB serial gadget", "LANDI E5xx or another board", RoleGadget, Verified},
	{"1EAB", "", "Newland (新大陆) scanners", "barcode scanner", RoleOther, Verified},
	{"1EAB", "0D06", "Newland (新大陆) scanners", "EM2028 barcode scanner", RoleOther, Verified},
	{"2C7C", "0901", "Quectel", "Lakala customer display / speaker", RoleOther, CodeObserved},
	{"1A86", "7523", "QinHeng", "CH340", RoleCable, Verified},
	{"1A86", "5523", "QinHeng", "CH341", RoleCable, Verified},
	{"067B", "2303", "Prolific", "PL2303", RoleCable, Verified},
	{"0403", "6001", "FTDI", "FT232", RoleCable, Verified},
	{"10C4", "EA60", "Silicon Labs", "CP210x", RoleCable, Verified},
}

// LookupID returns the best row for vid:pid: an exact match, else the
// vendor-wide row. IDs are compared without regard to case.
func LookupID(vid, pid string) (KnownID, bool) {
	vid, pid = upperHex(vid), upperHex(pid)
	var vendor *KnownID
	for i := range KnownIDs {
		k := &KnownIDs[i]
		if k.VID != vid {
			continue
		}
		if k.PID == pid {
			return *k, true
		}
		if k.PID == "" {
			vendor = k
		}
	}
	if vendor != nil {
		return *vendor, true
	}
	return KnownID{}, false
}

func upperHex(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
