package unionpay

import (
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
)

// TestCodesMatchCSV checks the generated table against its source, row by
// row (run go generate after changing the CSV).
func TestCodesMatchCSV(t *testing.T) {
	f, err := os.Open("testdata/cup_response_codes.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(Codes()), len(rows)-1; got != want || got != 103 {
		t.Fatalf("len(Codes()) = %d; want %d rows (103)", got, want)
	}
	for i, r := range rows[1:] {
		c := Codes()[i]
		got := []string{c.Code, c.ZH, c.EN, c.Actor, string(c.Category), string(c.Class)}
		want := []string{r[0], r[1], r[2], r[3], r[4], r[7]}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("row %d (-csv +table):\n%s", i+1, diff)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		in        string
		wantKnown bool
		wantCode  string
		wantCat   Category
		wantClass Class
	}{
		{"12", true, "12", CategoryOperator, ClassC},
		{"a0", true, "A0", CategoryTerminalSoftware, ClassB},
		{"55", true, "55", CategoryOperator, ClassC},
		{"51", true, "51", CategoryCard, ClassC},
		{"96", true, "96", CategoryBankSystem, ClassC},
		{"98", true, "98", CategoryNetwork, ClassE},
		{"00", true, "00", CategoryOther, ClassA},
		{"Q7", false, "Q7", CategoryOther, ClassNone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, ok := Lookup(tt.in)
			if ok != tt.wantKnown || c.Code != tt.wantCode || c.Category != tt.wantCat || c.Class != tt.wantClass {
				t.Errorf("Lookup(%q) = %s %s %q, %v; want %s %s %q, %v", tt.in, c.Code, c.Category, c.Class, ok,
					tt.wantCode, tt.wantCat, tt.wantClass, tt.wantKnown)
			}
		})
	}
}

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
	need := []string{UnknownMeaningKey, UnknownNextKey, "decode.next.signin", "decode.next.reason", "decode.next.admin_ok", ClassNone.Key()}
	for _, c := range Codes() {
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
