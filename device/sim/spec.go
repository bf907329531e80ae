package sim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"posdoctor/device"
)

// ErrUnknownFault is returned by ParseSpec for a part it does not know, or
// a parameter it cannot read.
var ErrUnknownFault = errors.New("sim: unknown simulation fault")

// defaultHostSlow is how long "host-slow" waits before answering: past the
// echo's "slow" mark, inside the default 3 s check deadline. host-delay=S
// sets any other delay, longer than the deadline too.
const defaultHostSlow = 2200 * time.Millisecond

// busyHolder is the program the "port-busy" world says holds the port.
const busyHolder = "SimCashier (pid 4242)"

// Spec is a simulated world: a terminal (or none), how its port behaves,
// and an acquirer host.
type Spec struct {
	Terminal TerminalConfig
	Host     HostConfig
	// NoDevice: no terminal at all; detection finds nothing on USB.
	NoDevice bool
	// PortBusy: the terminal is there, but another program holds its port.
	PortBusy bool
}

// FaultGroup says what part of the world a fault is about.
type FaultGroup int

// Fault groups, in the order Faults lists them.
const (
	GroupWorld    FaultGroup = iota // the USB device and its port
	GroupTerminal                   // the terminal's behaviour (a scenario)
	GroupParam                      // a scenario with a parameter (NAME=VALUE)
	GroupHost                       // the acquirer host (host-NAME)
)

// Fault is one thing a spec can name: Name as written in a spec ("code=NN"
// for the parametrised forms), Key the translation key of its description.
type Fault struct {
	Name  string
	Key   string
	Group FaultGroup
}

// Faults lists every part ParseSpec accepts, world faults first, then the
// terminal scenarios, the parametrised forms and the host faults.
func Faults() []Fault {
	out := []Fault{
		{"no-device", "device.sim.no-device", GroupWorld},
		{"port-busy", "device.sim.port-busy", GroupWorld},
	}
	for _, s := range Scenarios() {
		out = append(out, Fault{s.Name, s.Key, GroupTerminal})
	}
	out = append(out,
		Fault{"code=NN", "device.sim.param.code", GroupParam},
		Fault{"clock-off=MIN", "device.sim.param.clock-off", GroupParam},
		Fault{"firmware=VERSION", "device.sim.param.firmware", GroupParam},
		Fault{"host-delay=SECONDS", "device.sim.param.host-delay", GroupParam},
	)
	for f := HostHealthy + 1; f <= HostCloseAfter; f++ {
		out = append(out, Fault{"host-" + f.String(), "device.sim.host." + f.String(), GroupHost})
	}
	return out
}

// ParseSpec reads a world spec: comma-separated parts, each a world fault
// ("no-device", "port-busy"), a terminal scenario ("silent", "ecrhub", …),
// a parametrised form ("code=55", "clock-off=-30", "firmware=V1.0.3",
// "host-delay=8"), or a host fault ("host-refuse"). An empty spec is a
// healthy world. It returns ErrUnknownFault (wrapped, naming the part)
// for anything else.
func ParseSpec(spec string) (Spec, error) {
	s := Spec{Terminal: TerminalConfig{Scenario: ScenarioHealthy}}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		name, value, hasValue := strings.Cut(part, "=")
		bad := fmt.Errorf("%q: %w", part, ErrUnknownFault)
		switch {
		case part == "":
		case part == "no-device":
			s.NoDevice = true
		case part == "port-busy":
			s.PortBusy = true
		case hasValue && name == "code":
			if len(value) != 2 {
				return Spec{}, fmt.Errorf("%q: %w", part, ErrBadCode)
			}
			s.Terminal.Scenario, s.Terminal.Code = ScenarioCode, value
		case hasValue && name == "clock-off":
			min, err := strconv.ParseFloat(value, 64)
			if err != nil || min == 0 || min > 60*24*366 || min < -60*24*366 {
				return Spec{}, bad
			}
			s.Terminal.Scenario, s.Terminal.ClockOffset = ScenarioClockOff, time.Duration(min*float64(time.Minute))
		case hasValue && name == "firmware":
			if value == "" {
				return Spec{}, bad
			}
			s.Terminal.Scenario, s.Terminal.Firmware = ScenarioOldFirmware, value
		case hasValue && name == "host-delay":
			sec, err := strconv.ParseFloat(value, 64)
			if err != nil || sec < 0 || sec > 600 {
				return Spec{}, bad
			}
			s.Host.Fault, s.Host.Delay = HostSlow, time.Duration(sec*float64(time.Second))
		case strings.HasPrefix(part, "host-") && !hasValue:
			f, err := parseHostFault(strings.TrimPrefix(part, "host-"))
			if err != nil {
				return Spec{}, bad
			}
			s.Host.Fault = f
			if s.Host.Delay == 0 {
				s.Host.Delay = defaultHostSlow
			}
			s.Host.CloseAfter = 1
		case !hasValue && isScenario(part):
			s.Terminal.Scenario = part
		default:
			return Spec{}, bad
		}
	}
	return s, nil
}

func isScenario(name string) bool {
	for _, s := range scenarios {
		if s == name {
			return true
		}
	}
	return false
}

// EmptyLister lists no serial port and no USB device: the "no-device"
// world.
type EmptyLister struct{}

var _ device.USBScanner = EmptyLister{}

// Ports returns no port.
func (EmptyLister) Ports() ([]device.PortInfo, error) { return nil, nil }

// USBDevices returns no device.
func (EmptyLister) USBDevices() ([]device.USBDevice, error) { return nil, nil }

// BusyOpener returns an opener (device.LinkOptions.Opener) that fails to
// open path exactly as device.OpenPort does when another program holds a
// port (*device.PortError of kind PortBusy, naming busyHolder) and opens
// every other path with device.OpenPort. An in-process simulator cannot
// make a real second holder: as root a second open of a tty succeeds, and
// device.Holders leaves out this process.
func BusyOpener(path string) func(string, int) (device.Port, error) {
	return func(p string, baud int) (device.Port, error) {
		if p == path {
			return nil, &device.PortError{Kind: device.PortBusy, Port: p, Holder: busyHolder}
		}
		return device.OpenPort(p, baud)
	}
}
