package device

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// errNoSysfs means there is no sysfs to scan (not Linux, or not mounted).
var errNoSysfs = errors.New("device: no sysfs")

// scanSysfs lists USB devices under root/bus/usb/devices. A device dir is
// named like "1-2" or "1-2.3" (root hubs "usbN" and interfaces "1-2:1.0"
// are skipped). It has a tty when one of its interface dirs holds a "tty"
// dir (ttyACM) or a "ttyUSB*" entry (usb-serial).
func scanSysfs(root string) ([]USBDevice, error) {
	dir := filepath.Join(root, "bus", "usb", "devices")
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errNoSysfs
		}
		return nil, err
	}
	var out []USBDevice
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "usb") || strings.Contains(name, ":") {
			continue
		}
		p := filepath.Join(dir, name)
		vid := readAttr(p, "idVendor")
		if vid == "" {
			continue
		}
		d := USBDevice{Path: p, VID: upperHex(vid), PID: upperHex(readAttr(p, "idProduct")),
			Serial: readAttr(p, "serial"), Manufacturer: readAttr(p, "manufacturer"), Product: readAttr(p, "product")}
		d.HasTTY = hasTTY(dir, name)
		out = append(out, d)
	}
	return out, nil
}

func hasTTY(dir, dev string) bool {
	ifaces, _ := filepath.Glob(filepath.Join(dir, dev+":*"))
	for _, i := range ifaces {
		if _, err := os.Stat(filepath.Join(i, "tty")); err == nil {
			return true
		}
		if m, _ := filepath.Glob(filepath.Join(i, "ttyUSB*")); len(m) > 0 {
			return true
		}
	}
	return false
}

func readAttr(dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
