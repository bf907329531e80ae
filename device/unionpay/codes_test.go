package unionpay

import (
	"encoding/json"
	"io/fs"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/wizard/respcode"
)

// TestTranslations checks that decode.json has the same keys in every
// locale, no empty text, and every key this package hands out.
func TestTranslations(t *testing.T) {
	sets := map[string]map[string]string{}
	for _, loc := range assets.Locales {
		data, err := fs.ReadFile(assets.I18n(), loc+"/decode.json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s/decode.json: %v", loc, err)
		}
		for k, v := range m {
			if v == "" {
				t.Errorf("%s: %s is empty", loc, k)
			}
		}
		sets[loc] = m
	}
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(keys(sets["zh-Hans"]), keys(sets["en"])); diff != "" {
		t.Errorf("key sets differ (-zh-Hans +en):\n%s", diff)
	}
	need := []string{respcode.UnknownMeaningKey, respcode.UnknownNextKey, "decode.next.signin", "decode.next.reason", "decode.next.admin_ok", respcode.ClassNone.Key()}
	for _, c := range respcode.Codes() {
		need = append(need, c.MeaningKey(), c.NextKey(), c.Category.Key(), c.Class.Key())
	}
	for _, k := range Kinds {
		need = append(need, k.Key())
	}
	for id := 2; id <= 64; id++ {
		need = append(need, fieldKey(id))
	}
	for id, parts := range subfieldLayouts {
		for _, p := range parts {
			need = append(need, "decode.field."+strconv.Itoa(id)+"."+p.id)
		}
	}
	need = append(need, "decode.field.55.tag")
	for id, vals := range subfieldValues {
		for _, v := range vals {
			need = append(need, valueKey(id, v))
		}
	}
	for _, loc := range assets.Locales {
		for _, k := range need {
			if _, ok := sets[loc][k]; !ok {
				t.Errorf("%s/decode.json lacks %s", loc, k)
			}
		}
	}
}
