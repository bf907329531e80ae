package i18n_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
)

func TestShippedLocalesHaveTheSameKeysAndNoEmptyText(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatalf("Load(shipped) = %v", err)
	}
	ref := assets.Locales[0]
	want := map[string]bool{}
	for _, k := range cat.Keys(ref) {
		want[k] = true
	}
	for _, loc := range assets.Locales {
		got := map[string]bool{}
		for k, v := range cat.Messages(loc) {
			got[k] = true
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q is empty", loc, k)
			}
			if !want[k] {
				t.Errorf("%s has %q, %s lacks it", loc, k, ref)
			}
		}
		for k := range want {
			if !got[k] {
				t.Errorf("%s lacks %q", loc, k)
			}
		}
	}
}

func TestShippedTemplatesUseTheSameFields(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	zh, en := cat.Messages(i18n.Chinese), cat.Messages(i18n.English)
	for k, z := range zh {
		if a, b := fields(z), fields(en[k]); a != b {
			t.Errorf("%q: zh-Hans uses %q, en uses %q", k, a, b)
		}
	}
}

// fields returns the sorted template actions of s, joined.
func fields(s string) string {
	var out []string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+2])
		s = s[i+j+2:]
	}
	sortStrings(out)
	return strings.Join(out, " ")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestLoadRejectsDuplicateKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"en/a.json": {Data: []byte(`{"x.one": "1"}`)},
		"en/b.json": {Data: []byte(`{"x.one": "again"}`)},
	}
	_, err := i18n.Load(fsys, []string{"en"})
	if !errors.Is(err, i18n.ErrDuplicateKey) {
		t.Fatalf("Load = %v, want ErrDuplicateKey", err)
	}
	if !strings.Contains(err.Error(), "a.json") || !strings.Contains(err.Error(), "b.json") {
		t.Errorf("error %q does not name both files", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"no files", fstest.MapFS{"zh-Hans/a.json": {Data: []byte(`{}`)}}},
		{"bad json", fstest.MapFS{"en/a.json": {Data: []byte(`{"x": `)}}},
		{"not strings", fstest.MapFS{"en/a.json": {Data: []byte(`{"x": {"other": "y"}}`)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := i18n.Load(tt.fsys, []string{"en"}); err == nil {
				t.Error("Load succeeded, want an error")
			}
		})
	}
}

func TestTranslator(t *testing.T) {
	fsys := fstest.MapFS{
		"zh-Hans/a.json": {Data: []byte(`{"greet": "你好，{{.name}}", "only.zh": "仅中文", "plain": "无"}`)},
		"en/a.json":      {Data: []byte(`{"greet": "Hello, {{.name}}", "plain": "none"}`)},
	}
	cat, err := i18n.Load(fsys, []string{"zh-Hans", "en"})
	if err != nil {
		t.Fatal(err)
	}
	en, zh := cat.Translator("en"), cat.Translator("fr")
	tests := []struct {
		name string
		tr   *i18n.Translator
		key  string
		kv   []any
		want string
	}{
		{"template", en, "greet", []any{"name", "Li"}, "Hello, Li"},
		{"template zh", zh, "greet", []any{"name", "李"}, "你好，李"},
		{"missing arg is blank", en, "greet", nil, "Hello, "},
		{"missing arg with other args", en, "greet", []any{"x", 1}, "Hello, "},
		{"falls back to Chinese", en, "only.zh", nil, "仅中文"},
		{"missing key shows key", en, "no.such", nil, "no.such"},
		{"unknown locale is Chinese", zh, "plain", nil, "无"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tr.T(tt.key, tt.kv...); got != tt.want {
				t.Errorf("T(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		choice string
		system []string
		want   string
	}{
		{"en", []string{"zh-CN"}, "en"},
		{"zh-Hans", []string{"en-US"}, "zh-Hans"},
		{"", []string{"en-US"}, "en"},
		{"", []string{"en_GB"}, "en"},
		{"", []string{"zh-TW", "en"}, "zh-Hans"},
		{"", []string{"zh_CN.UTF-8"}, "zh-Hans"},
		{"", []string{"C", "en-US"}, "en"},
		{"", []string{"fr-FR"}, "zh-Hans"},
		{"", nil, "zh-Hans"},
		{"klingon", []string{"en"}, "en"},
	}
	for _, tt := range tests {
		if got := i18n.Resolve(tt.choice, tt.system); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.choice, tt.system, got, tt.want)
		}
	}
}
