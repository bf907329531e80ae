package assets_test

import (
	"encoding/json"
	"testing"

	"posdoctor/assets"
)

// TestReportSchema: the embedded schema is JSON Schema for document
// version 1. (wizard/report validates its output against it.)
func TestReportSchema(t *testing.T) {
	var s struct {
		Schema     string                     `json:"$schema"`
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(assets.ReportSchema(), &s); err != nil {
		t.Fatalf("ReportSchema() does not parse: %v", err)
	}
	if s.Schema == "" || len(s.Defs) == 0 {
		t.Errorf("ReportSchema() $schema = %q, %d $defs; want a JSON Schema with definitions", s.Schema, len(s.Defs))
	}
	var version struct {
		Const int `json:"const"`
	}
	if err := json.Unmarshal(s.Properties["schema"], &version); err != nil || version.Const != 1 {
		t.Errorf("ReportSchema() schema version = %d (%v); want 1", version.Const, err)
	}
}
