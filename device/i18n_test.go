package device_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/device/sim"
)

// areaFiles are the translation files of package device: device.json and
// devicelink.json (probing, the ECR Hub, the simulator's faults).
var areaFiles = []string{"device.json", "devicelink.json"}

func loadArea(t *testing.T, locale string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, f := range areaFiles {
		b, err := fs.ReadFile(assets.I18n(), locale+"/"+f)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]string
		if err := json.Unmarshal(b, &part); err != nil {
			t.Fatalf("%s/%s: %v", locale, f, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("%s: key %q defined twice", locale, k)
			}
			m[k] = v
		}
	}
	return m
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// usedKeys lists every translation key the device code can produce: the
// full "device.…" literals in its source and in its CLI commands, and the
// keys built from enums.
func usedKeys(t *testing.T) []string {
	t.Helper()
	lit := regexp.MustCompile(`"(device\.[a-z0-9.\-]+[a-z0-9])"`)
	var files []string
	for _, pattern := range []string{"*.go", "sim/*.go", "../ui/cli/devices.go", "../ui/cli/sim.go"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	set := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			set[m[1]] = true
		}
	}
	for k := device.PortOther; k <= device.PortUnplugged; k++ {
		set[k.MessageKey()] = true
		for _, goos := range []string{"linux", "windows", "darwin"} {
			set[k.FixKeyFor(goos)] = true
		}
	}
	for _, s := range sim.Scenarios() {
		set[s.Key] = true
	}
	for _, f := range sim.Faults() {
		set[f.Key] = true
	}
	for h := device.HeardNothing; h <= device.HeardNoise; h++ {
		set["device.heard."+h.String()] = true
	}
	for st := device.StateReadable; st <= device.StateAbsent; st++ {
		set["device.state."+st.String()] = true
	}
	for c := device.CommType(0); c <= 5; c++ {
		set["device.comm."+c.String()] = true
	}
	for l := device.LocalResult(0); l <= 6; l++ {
		set["device.local."+l.String()] = true
	}
	for x := device.TxnType(0); x <= 7; x++ {
		set["device.txn."+x.String()] = true
	}
	for _, p := range []string{"keypad", "screen", "reader", "printer"} {
		set["device.part."+p] = true
	}
	for k := device.KindChosen; k <= device.KindNoDriver; k++ {
		set["device.kind."+k.String()] = true
	}
	for _, f := range (device.Status{}).Facts() {
		set[f.Key] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestTranslations(t *testing.T) {
	zh, en := loadArea(t, "zh-Hans"), loadArea(t, "en")
	if diff := cmp.Diff(sortedKeys(en), sortedKeys(zh)); diff != "" {
		t.Errorf("key sets differ (-en +zh):\n%s", diff)
	}
	for _, m := range []map[string]string{zh, en} {
		for k, v := range m {
			if !strings.HasPrefix(k, "device.") || strings.TrimSpace(v) == "" {
				t.Errorf("key %q: must start with device. and have text, has %q", k, v)
			}
		}
	}
	for _, k := range usedKeys(t) {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is used but missing from the device area files", k)
		}
	}
	for k, v := range zh {
		if strings.Count(v, "{{") != strings.Count(en[k], "{{") {
			t.Errorf("key %q: the languages use different templates:\n zh %s\n en %s", k, v, en[k])
		}
	}
}
