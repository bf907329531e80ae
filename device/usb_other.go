//go:build !windows

package device

// scanUSB lists USB devices from sysfs under root (Linux; elsewhere there
// is no sysfs and it returns errNoSysfs, which Detect ignores).
func scanUSB(root string) ([]USBDevice, error) { return scanSysfs(root) }

// enrichPorts adds what the enumerator left out of ports (Windows only).
func enrichPorts([]PortInfo) {}
