package device

import "strings"

// role says what a known USB ID is.
type role int

// Roles of known USB IDs.
const (
	roleTerminal role = iota // a payment terminal or PIN pad
	roleCable                // a USB-serial chip: the device behind it is unknown
	roleGadget               // a generic ID some terminals use; confirm by strings
	roleOther                // a device of a POS set that is not the card terminal
)

// evidence says how sure a row of the ID table is, as the source data does.
type evidence int

// evidence levels.
const (
	verified     evidence = iota // in usb.ids or the Linux kernel
	codeObserved                 // seen in one public code base
	weak                         // claimed, with a reused or unassigned ID
)

// String returns "verified", "code-observed" or "weak".
func (e evidence) String() string {
	switch e {
	case verified:
		return "verified"
	case codeObserved:
		return "code-observed"
	}
	return "weak"
}

// knownID is one row of the table of USB IDs. An empty PID matches every
// product of the vendor; such rows have no Product (the device's own USB
// product string is shown instead). Source names where the row comes from.
type knownID struct {
	VID, PID string // upper-case hex, 4 digits
	Vendor   string
	Product  string
	Role     role
	Evidence evidence
	Source   string
}

// Sources of the ID table, cited by its rows.
const (
	srcUSBIDs    = "usb.ids (github vcrhonek/hwdata, read at d1f6971 of 2026-07-03)"
	srcKernelACM = "Linux drivers/usb/class/cdc-acm.c acm_ids[]"
	srcAndroidUd = "github M0Rf30/android-udev-rules 51-android.rules (read at 35c52f9)"
	srcPinPadVen = "a public C# PinPadVendors table (testUpos; shared/domain/pos_usb_ids.csv)"
	srcPAXCode   = "public integrator code naming USB\\VID_2FB8&PID_… (shared/domain/pos_usb_ids.csv)"
	srcLandiUtil = "github moutainhigh/zry-app-staff LDUtil.java (LIAN_DI_VENDOR_ID / LIAN_E8_…)"
	srcLakalaRE  = "github StevenLang233/lakala-display-re README.md"
	srcLane3600  = "a public GitHub markdown naming Ingenico Lane3600 VID_0B00 PID_00A2"
)

// knownIDs is the table of USB IDs of payment terminals and POS serial
// cables, from shared/domain/pos_usb_ids.csv, checked again against
// usb.ids, the Linux kernel's cdc-acm table and android-udev-rules. Makers
// with no public ID (Lakala-branded, Newland Payment, Centerm, Nexgo,
// Sunmi, Wiseasy) are absent: MakerOf recognises them by their USB
// strings, and the user names such a terminal once (Preference).
var knownIDs = []knownID{
	{"11CA", "", "VeriFone", "", roleTerminal, verified, srcUSBIDs + "; " + srcAndroidUd},
	{"11CA", "0201", "VeriFone", "MX870/MX880", roleTerminal, verified, srcUSBIDs + "; " + srcKernelACM},
	{"11CA", "0207", "VeriFone", "PIN pad VX 810", roleTerminal, verified, srcUSBIDs},
	{"11CA", "0220", "VeriFone", "PIN pad VX 805", roleTerminal, verified, srcUSBIDs},
	{"11CA", "0219", "VeriFone", "PIN pad", roleTerminal, codeObserved, srcPinPadVen},
	{"193A", "1000", "Verifone (claimed)", "PIN pad", roleTerminal, weak, srcPinPadVen + "; 193A is not assigned in usb.ids"},
	{"0B00", "", "Ingenico", "", roleTerminal, verified, srcUSBIDs},
	{"0B00", "00A2", "Ingenico", "Lane/3600", roleTerminal, codeObserved, srcLane3600},
	{"0F14", "0012", "Ingenico", "Vital'Act 3S", roleTerminal, verified, srcUSBIDs},
	{"0F14", "0038", "Ingenico (XIRING)", "Smart card terminal LEO V2", roleTerminal, verified, srcUSBIDs},
	{"079B", "0028", "Ingenico (Sagem)", "PIN pad / terminal", roleTerminal, codeObserved, srcPinPadVen + "; 079B is Sagem in usb.ids"},
	{"0CA6", "", "Castles Technology", "", roleTerminal, verified, srcUSBIDs + "; " + srcAndroidUd},
	{"0CA6", "A050", "Castles Technology", "VEGA3000", roleTerminal, verified, srcKernelACM},
	{"0CA6", "A051", "Castles Technology", "Saturn1000-E", roleTerminal, verified, srcAndroidUd},
	{"2FB8", "", "PAX (百富)", "", roleTerminal, codeObserved, srcPAXCode + "; 2FB8 is not in usb.ids"},
	{"2FB8", "2116", "PAX (百富)", "A920", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "21A6", "PAX (百富)", "A930", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "2205", "PAX (百富)", "A910", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "2466", "PAX (百富)", "A910s", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "246E", "PAX (百富)", "A910s", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "225E", "PAX (百富)", "IM30", roleTerminal, codeObserved, srcPAXCode},
	{"2FB8", "2367", "PAX (百富)", "A35", roleTerminal, codeObserved, srcPAXCode},
	{"1234", "0101", "PAX (claimed)", "older PAX terminal", roleTerminal, weak, srcPinPadVen + "; 1234 belongs to another vendor in usb.ids"},
	{"9908", "9030", "PAX (claimed)", "PAX CDC mode", roleTerminal, weak, srcPinPadVen + "; 9908 is not in usb.ids"},
	{"26F1", "56F0", "LANDI (联迪)", "E8", roleTerminal, codeObserved, srcLandiUtil},
	{"0525", "A4A7", "Linux USB serial gadget", "LANDI E5xx or another board", roleGadget, verified, srcUSBIDs + "; " + srcLandiUtil},
	{"1EAB", "", "Newland (新大陆) scanners", "barcode scanner", roleOther, verified, srcUSBIDs},
	{"1EAB", "0D06", "Newland (新大陆) scanners", "EM2028 barcode scanner", roleOther, verified, srcUSBIDs},
	{"2C7C", "0901", "Quectel", "Lakala customer display / speaker", roleOther, codeObserved, srcLakalaRE},
	{"1A86", "7523", "QinHeng", "CH340", roleCable, verified, srcUSBIDs},
	{"1A86", "5523", "QinHeng", "CH341", roleCable, verified, srcUSBIDs},
	{"067B", "2303", "Prolific", "PL2303", roleCable, verified, srcUSBIDs},
	{"0403", "6001", "FTDI", "FT232", roleCable, verified, srcUSBIDs},
	{"10C4", "EA60", "Silicon Labs", "CP210x", roleCable, verified, srcUSBIDs},
}

// maker is a payment-terminal maker POS Doctor recognises by the USB
// manufacturer and product strings of a device whose ID is not in
// KnownIDs. Words are matched without regard to case: Latin ones as whole
// words (so "pax" is not found in "paxar"), Chinese ones anywhere.
type maker struct {
	Name   string // as shown: "Newland (新大陆)"
	Words  []string
	Source string
}

// makers lists the makers whose terminals Lakala and its agents hand out,
// and the other card-terminal makers sold in China, with the words their
// USB strings carry (maker names from their own publications; "FuJian
// Newland Payment" is how Windows names a Newland payment terminal's port
// in a public ISB POS installer README).
var makers = []maker{
	{"Lakala (拉卡拉)", []string{"lakala", "拉卡拉"}, "maker name"},
	{"Newland Payment (新大陆)", []string{"newland", "新大陆", "nlpay"}, "maker name; \"FuJian Newland Payment USB2UART\" in a public README"},
	{"PAX (百富)", []string{"pax", "paxsz", "百富"}, "maker name"},
	{"Centerm (升腾)", []string{"centerm", "升腾"}, "maker name"},
	{"LANDI (联迪)", []string{"landi", "联迪"}, "maker name"},
	{"Nexgo / Xinguodu (新国都)", []string{"nexgo", "xinguodu", "xgd", "新国都"}, "maker name"},
	{"SUNMI (商米)", []string{"sunmi", "商米"}, "maker name"},
	{"Wiseasy (旺POS)", []string{"wiseasy", "wisepos", "wisecashier", "旺pos", "旺势"}, "maker name"},
	{"Castles (虹堡)", []string{"castles", "虹堡"}, "maker name"},
	{"Verifone (惠尔丰)", []string{"verifone", "惠尔丰"}, "maker name"},
	{"Ingenico", []string{"ingenico"}, "maker name"},
	{"Urovo (优博讯)", []string{"urovo", "优博讯"}, "maker name"},
	{"SZZT (证通)", []string{"szzt", "证通"}, "maker name"},
	{"Spectra (实达)", []string{"spectra technologies", "实达"}, "maker name"},
	{"CodePay Register", []string{"codepay"}, "developer.codepay.us"},
}

// makerOf returns the maker whose words appear in a device's USB
// manufacturer and product strings.
func makerOf(manufacturer, product string) (maker, bool) {
	s := strings.ToLower(manufacturer + " " + product)
	tokens := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7F)
	})
	for _, m := range makers {
		for _, w := range m.Words {
			switch {
			case strings.Contains(w, " "):
				if strings.Contains(s, w) {
					return m, true
				}
			case isASCII(w):
				for _, t := range tokens {
					if t == w {
						return m, true
					}
				}
			case strings.Contains(s, w):
				return m, true
			}
		}
	}
	return maker{}, false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7F {
			return false
		}
	}
	return true
}

// lookupID returns the best row for vid:pid: an exact match, else the
// vendor-wide row. IDs are compared without regard to case.
func lookupID(vid, pid string) (knownID, bool) {
	vid, pid = upperHex(vid), upperHex(pid)
	var vendor *knownID
	for i := range knownIDs {
		k := &knownIDs[i]
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
	return knownID{}, false
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
