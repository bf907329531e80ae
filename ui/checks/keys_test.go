package checks

import (
	"context"
	"strings"
	"testing"
	"time"

	"posdoctor/assets"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// TestKeysTranslated runs the checks in several worlds and asserts that
// every summary and evidence key they produce (and every evidence value or
// argument that is itself a key, such as a response code's meaning) has
// words in both locales.
func TestKeysTranslated(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatalf("load translations: %v", err)
	}
	seen := map[string]bool{}
	collect := func(res map[wizard.CheckID]wizard.Result) {
		for id, r := range res {
			seen[r.Summary] = true
			seen["check.title."+string(id)] = true
			for _, f := range r.Evidence {
				seen[f.Key] = true
				if strings.HasPrefix(f.Value, "evidence.") || strings.HasPrefix(f.Value, "decode.") {
					seen[f.Value] = true
				}
			}
			for _, v := range r.Args {
				if strings.HasPrefix(v, "decode.") {
					seen[v] = true
				}
			}
		}
	}
	worlds := []struct {
		scenario string
		host     sim.HostConfig
	}{
		{sim.ScenarioHealthy, sim.HostConfig{}},
		{sim.ScenarioClockOff, sim.HostConfig{Fault: sim.HostGarbage}},
		{sim.ScenarioNoPaper, sim.HostConfig{Fault: sim.HostWrongMTI}},
		{sim.ScenarioHealthy, sim.HostConfig{EchoCode: "96", ClockOffset: time.Hour}},
		{sim.ScenarioHealthy, sim.HostConfig{Fault: sim.HostRefuse}},
		{sim.ScenarioSilent, sim.HostConfig{}},
		{sim.ScenarioECRHub, sim.HostConfig{}},
		{sim.ScenarioUnknownFraming, sim.HostConfig{}},
	}
	for _, w := range worlds {
		wd := startWorld(t, w.scenario, "", w.host)
		r := registry(t, loopbackNet(Config{Port: wd.term.Path(), Timeout: 3 * time.Second}))
		collect(r.RunAll(context.Background(), AutoChecks, 3*time.Second, nil))
	}
	r := registry(t, loopbackNet(Config{Port: "/nonexistent/tty", Settings: netcheck.Endpoint{Host: "nope.example.cn", Port: 1}}))
	collect(r.RunAll(context.Background(), AutoChecks, time.Second, nil))
	r = registry(t, loopbackNet(Config{}))
	collect(r.RunAll(context.Background(), AutoChecks, time.Second, nil))

	for _, loc := range assets.Locales {
		tr := cat.Translator(loc)
		for key := range seen {
			// device.* keys belong to package device's translation area.
			if strings.HasPrefix(key, "device.") {
				continue
			}
			if !tr.Has(key) {
				t.Errorf("%s: no words for %q", loc, key)
			}
		}
	}
}

// TestNetKeySetsMatch asserts that the two locales of this area have the
// same keys and no empty text.
func TestNetKeySetsMatch(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatalf("load translations: %v", err)
	}
	zh, en := cat.Messages(i18n.Chinese), cat.Messages(i18n.English)
	for _, prefix := range []string{"check.net.", "check.host.", "check.terminal.", "check.title.", "evidence.", "cli.check."} {
		for k, v := range zh {
			if !strings.HasPrefix(k, prefix) {
				continue
			}
			if v == "" {
				t.Errorf("zh-Hans %q is empty", k)
			}
			if en[k] == "" {
				t.Errorf("en lacks %q", k)
			}
		}
		for k := range en {
			if strings.HasPrefix(k, prefix) && zh[k] == "" {
				t.Errorf("zh-Hans lacks %q", k)
			}
		}
	}
}
