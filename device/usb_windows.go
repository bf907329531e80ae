//go:build windows

package device

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// guidPorts is the setup class of COM ports, GUID_DEVCLASS_PORTS.
var guidPorts = windows.GUID{Data1: 0x4d36e978, Data2: 0xe325, Data3: 0x11ce,
	Data4: [8]byte{0xbf, 0xc1, 0x08, 0x00, 0x2b, 0xe1, 0x03, 0x18}}

// devpkeyParent is DEVPKEY_Device_Parent: the parent node's instance ID.
var devpkeyParent = windows.DEVPROPKEY{FmtID: windows.DEVPROPGUID{Data1: 0x4340a6c5, Data2: 0x93fa, Data3: 0x4706,
	Data4: [8]byte{0x97, 0x2c, 0x7b, 0x64, 0x80, 0x08, 0xa5, 0xa7}}, PID: 8}

// devpkeyBusReportedDesc is DEVPKEY_Device_BusReportedDeviceDesc: the
// device's own USB product string.
var devpkeyBusReportedDesc = windows.DEVPROPKEY{FmtID: windows.DEVPROPGUID{Data1: 0x540b947e, Data2: 0x8b40, Data3: 0x45bc,
	Data4: [8]byte{0xa8, 0xa2, 0x6a, 0x0b, 0x89, 0x4c, 0xbd, 0xa2}}, PID: 4}

// scanUSB lists the present USB devices through SetupAPI: every node the
// USB bus enumerated (devices and the interfaces of composite devices, of
// any setup class, with or without a driver) and every COM port (whatever
// bus driver made it, such as FTDIBUS), then groups them
// (usbDevicesFromNodes). root (sysfs) is unused. If SetupAPI cannot list
// devices, it returns an error wrapping errNoSysfs, so Detect still
// reports the ports.
func scanUSB(string) ([]USBDevice, error) {
	usb, err := listNodes(nil, "USB", windows.DIGCF_PRESENT|windows.DIGCF_ALLCLASSES)
	if err != nil {
		return nil, fmt.Errorf("setupapi list usb devices: %v: %w", err, errNoSysfs)
	}
	ports, err := listNodes(&guidPorts, "", windows.DIGCF_PRESENT)
	if err != nil {
		return nil, fmt.Errorf("setupapi list ports: %v: %w", err, errNoSysfs)
	}
	return usbDevicesFromNodes(append(usb, ports...)), nil
}

// listNodes lists the device nodes of one SetupAPI query. Nodes whose
// instance ID cannot be read are skipped; missing properties stay empty.
func listNodes(class *windows.GUID, enumerator string, flags windows.DIGCF) ([]winNode, error) {
	set, err := windows.SetupDiGetClassDevsEx(class, enumerator, 0, flags, 0, "")
	if err != nil {
		return nil, err
	}
	defer set.Close()
	var out []winNode
	for i := 0; ; i++ {
		data, err := set.EnumDeviceInfo(i)
		if errors.Is(err, windows.ERROR_NO_MORE_ITEMS) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("enum device %d: %w", i, err)
		}
		id, err := set.DeviceInstanceID(data)
		if err != nil {
			continue
		}
		n := winNode{ID: id, Port: data.ClassGUID == guidPorts}
		n.Parent = devString(set, data, &devpkeyParent)
		n.Driver = regString(set, data, windows.SPDRP_DRIVER)
		if v, err := set.DeviceRegistryProperty(data, windows.SPDRP_COMPATIBLEIDS); err == nil {
			n.Compat, _ = v.([]string)
		}
		n.Bus = devString(set, data, &devpkeyBusReportedDesc)
		n.Name = n.Bus
		if n.Name == "" {
			n.Name = regString(set, data, windows.SPDRP_FRIENDLYNAME)
		}
		if n.Name == "" {
			n.Name = regString(set, data, windows.SPDRP_DEVICEDESC)
		}
		if n.Port {
			n.COM = portName(set, data)
		}
		var status, problem uint32
		if windows.CM_Get_DevNode_Status(&status, &problem, data.DevInst, 0) == nil && status&windows.DN_HAS_PROBLEM != 0 {
			n.Problem = problem
		}
		out = append(out, n)
	}
	return out, nil
}

// regString reads a string registry property of a node, "" if absent.
func regString(set windows.DevInfo, data *windows.DevInfoData, prop windows.SPDRP) string {
	v, err := set.DeviceRegistryProperty(data, prop)
	if err != nil {
		return ""
	}
	s, _ := v.(string)
	return s
}

// devString reads a string device property of a node, "" if absent.
func devString(set windows.DevInfo, data *windows.DevInfoData, key *windows.DEVPROPKEY) string {
	v, err := windows.SetupDiGetDeviceProperty(set, data, key)
	if err != nil {
		return ""
	}
	s, _ := v.(string)
	return s
}

// portName reads a COM port node's name ("COM5") from its device key.
func portName(set windows.DevInfo, data *windows.DevInfoData) string {
	h, err := set.OpenDevRegKey(data, windows.DICS_FLAG_GLOBAL, 0, windows.DIREG_DEV, windows.KEY_READ)
	if err != nil {
		return ""
	}
	k := registry.Key(h)
	defer k.Close()
	name, _, err := k.GetStringValue("PortName")
	if err != nil {
		return ""
	}
	return name
}

// enrichPorts replaces the friendly name the enumerator gave as Product of
// each USB port with the USB product string of its device, read through
// SetupAPI (withUSBProducts). Ports stay as they are if SetupAPI fails.
func enrichPorts(ports []PortInfo) {
	need := false
	for _, p := range ports {
		need = need || (p.IsUSB && p.FriendlyName != "")
	}
	if !need {
		return
	}
	usb, err := listNodes(nil, "USB", windows.DIGCF_PRESENT|windows.DIGCF_ALLCLASSES)
	if err != nil {
		return
	}
	com, err := listNodes(&guidPorts, "", windows.DIGCF_PRESENT)
	if err != nil {
		return
	}
	withUSBProducts(ports, portProducts(append(com, usb...)))
}
