package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"posdoctor/assets"
)

// schemaNode is a JSON Schema (the subset report.schema.json uses).
type schemaNode map[string]any

type schemaDoc struct{ root schemaNode }

func loadSchema(t *testing.T) schemaDoc {
	t.Helper()
	var root schemaNode
	if err := json.Unmarshal(assets.ReportSchema(), &root); err != nil {
		t.Fatalf("report.schema.json: %v", err)
	}
	return schemaDoc{root: root}
}

// validate returns every way v breaks the schema.
func (d schemaDoc) validate(v any) []string { return d.check(d.root, v, "$") }

func (d schemaDoc) resolve(s schemaNode) schemaNode {
	ref, ok := s["$ref"].(string)
	if !ok {
		return s
	}
	name := strings.TrimPrefix(ref, "#/$defs/")
	def, _ := d.root["$defs"].(map[string]any)[name].(map[string]any)
	return d.resolve(def)
}

func (d schemaDoc) check(s schemaNode, v any, path string) []string {
	s = d.resolve(s)
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, d.check(sub.(map[string]any), v, path)...)
		}
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(v) {
		fail("%v; want const %v", v, c)
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || fmt.Sprint(e) == fmt.Sprint(v)
		}
		if !found {
			fail("%v not in %v", v, enum)
		}
	}
	switch typ, _ := s["type"].(string); typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			fail("not an object")
			return errs
		}
		props, _ := s["properties"].(map[string]any)
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				fail("lacks required %q", r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, ok := props[k].(map[string]any)
			if !ok {
				fail("field %q is not in the schema", k)
				continue
			}
			errs = append(errs, d.check(ps, obj[k], path+"."+k)...)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			fail("not an array")
			return errs
		}
		if m, ok := s["minItems"].(float64); ok && float64(len(arr)) < m {
			fail("%d items; want at least %v", len(arr), m)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range arr {
				errs = append(errs, d.check(items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			fail("not a string")
			return errs
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	case "integer":
		if n, ok := v.(float64); !ok || n != float64(int64(n)) {
			fail("not an integer")
		} else if m, ok := s["minimum"].(float64); ok && n < m {
			fail("%v below %v", n, m)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			fail("not a boolean")
		}
	}
	return errs
}
