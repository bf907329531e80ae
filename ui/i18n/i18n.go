package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/jeandeaual/go-locale"
)

// The locales POS Doctor ships. Chinese is the default: the product is for
// merchants in China.
const (
	Chinese = "zh-Hans"
	English = "en"
	Default = Chinese
)

// ErrDuplicateKey is returned by Load when two files of one locale define
// the same key.
var ErrDuplicateKey = errors.New("i18n: key defined twice")

// Catalog holds every locale's messages. It is immutable after Load.
type Catalog struct {
	msgs map[string]map[string]string // locale → key → text
}

// Load reads <locale>/*.json from fsys for each locale. It returns an error
// naming the file when one does not parse, and ErrDuplicateKey (wrapped, with
// the key and both files) when a key is defined twice within a locale.
func Load(fsys fs.FS, locales []string) (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, loc := range locales {
		files, err := fs.Glob(fsys, loc+"/*.json")
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", loc, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("locale %s: no translation files", loc)
		}
		msgs := map[string]string{}
		origin := map[string]string{}
		for _, f := range files {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f, err)
			}
			var m map[string]string
			if err := json.Unmarshal(data, &m); err != nil {
				return nil, fmt.Errorf("parse %s: %w", f, err)
			}
			for k, v := range m {
				if prev, ok := origin[k]; ok {
					return nil, fmt.Errorf("%q in %s and %s: %w", k, prev, path.Base(f), ErrDuplicateKey)
				}
				origin[k] = path.Base(f)
				msgs[k] = v
			}
		}
		c.msgs[loc] = msgs
	}
	return c, nil
}

// Keys returns the sorted keys of locale.
func (c *Catalog) Keys(locale string) []string {
	keys := make([]string, 0, len(c.msgs[locale]))
	for k := range c.msgs[locale] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Messages returns locale's key → text map. The map is shared: callers must
// not modify it.
func (c *Catalog) Messages(locale string) map[string]string { return c.msgs[locale] }

// Translator looks up words in one locale, falling back to Default, then to
// the key itself (so a missing word is visible, never blank).
func (c *Catalog) Translator(locale string) *Translator {
	if _, ok := c.msgs[locale]; !ok {
		locale = Default
	}
	return &Translator{locale: locale, msgs: c.msgs[locale], fallback: c.msgs[Default]}
}

// Translator translates keys in one language. It is safe for concurrent use.
type Translator struct {
	locale   string
	msgs     map[string]string
	fallback map[string]string
	tmpl     sync.Map // key → *template.Template
}

// Locale returns the translator's locale, such as "zh-Hans".
func (t *Translator) Locale() string { return t.locale }

// Has reports whether the translator's locale defines key.
func (t *Translator) Has(key string) bool { _, ok := t.msgs[key]; return ok }

// T returns the text for key. kv holds template data as alternating names and
// values: T("decode.code", "code", "12"). A key with no text returns the key.
func (t *Translator) T(key string, kv ...any) string {
	text, ok := t.msgs[key]
	if !ok {
		if text, ok = t.fallback[key]; !ok {
			return key
		}
	}
	if !strings.Contains(text, "{{") {
		return text
	}
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	var tp *template.Template
	if v, ok := t.tmpl.Load(key); ok {
		tp = v.(*template.Template)
	} else {
		var err error
		tp, err = template.New(key).Option("missingkey=zero").Parse(text)
		if err != nil {
			return text
		}
		t.tmpl.Store(key, tp)
	}
	var b strings.Builder
	if err := tp.Execute(&b, data); err != nil {
		return text
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
}

// Resolve picks the locale to show. A saved choice ("zh-Hans" or "en") wins;
// otherwise the first system locale that is Chinese or English; otherwise
// Chinese. system is the OS's preference list, as SystemLocales returns.
func Resolve(choice string, system []string) string {
	switch choice {
	case Chinese, English:
		return choice
	}
	for _, l := range system {
		l = strings.ToLower(strings.ReplaceAll(l, "_", "-"))
		switch {
		case strings.HasPrefix(l, "zh"):
			return Chinese
		case l == "en" || strings.HasPrefix(l, "en-"):
			return English
		case l == "c" || l == "posix" || l == "":
			continue
		}
	}
	return Default
}

// SystemLocales returns the user's preferred locales as the OS reports them
// (Linux: LANGUAGE, LC_ALL, LC_MESSAGES, LANG; Windows: the user's UI
// languages). It returns nil when the OS says nothing.
func SystemLocales() []string {
	l, err := locale.GetLocales()
	if err != nil {
		return nil
	}
	return l
}
