package report

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/wizard"
)

func loadArea(t *testing.T, locale string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(assets.I18n(), locale+"/report.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s/report.json: %v", locale, err)
	}
	return m
}

// TestTranslations: both languages have the same keys, all prefixed
// "report.", none empty, with the same template fields.
func TestTranslations(t *testing.T) {
	zh, en := loadArea(t, "zh-Hans"), loadArea(t, "en")
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(keys(en), keys(zh)); diff != "" {
		t.Errorf("key sets differ (-en +zh-Hans):\n%s", diff)
	}
	field := regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
	for k, v := range en {
		if len(k) < 8 || k[:7] != "report." {
			t.Errorf("key %q is not in the report area", k)
		}
		if v == "" || zh[k] == "" {
			t.Errorf("key %q has an empty text", k)
		}
		fe, fz := field.FindAllStringSubmatch(v, -1), field.FindAllStringSubmatch(zh[k], -1)
		if len(fe) != len(fz) {
			t.Errorf("key %q: en has %d template fields, zh-Hans %d", k, len(fe), len(fz))
		}
	}
}

// TestKeysUsedExist: every "report." key named in this package and in the
// export command, every layer and redaction kind and area has words in both
// languages. (Check titles are CheckID.TitleKey, tested in package wizard.)
func TestKeysUsedExist(t *testing.T) {
	used := map[string]bool{}
	key := regexp.MustCompile(`"(report\.[a-z][a-z0-9.-]*[a-z0-9])"`)
	files, _ := filepath.Glob("*.go")
	files = append(files, filepath.Join("..", "..", "ui", "cli", "export.go"))
	for _, f := range files {
		if filepath.Ext(f) != ".go" || len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	for _, l := range wizard.Layers {
		used["report.layer."+string(l)] = true
	}
	for _, k := range kinds {
		used["report.redacted."+string(k)] = true
	}
	for _, a := range areas {
		used["report.area."+a] = true
	}
	if len(used) < 80 {
		t.Fatalf("found only %d keys in use; the scan is broken", len(used))
	}
	for _, loc := range []string{"zh-Hans", "en"} {
		m := loadArea(t, loc)
		for k := range used {
			if _, ok := m[k]; !ok && k != "report.layer." {
				t.Errorf("%s/report.json lacks %q", loc, k)
			}
		}
	}
}
