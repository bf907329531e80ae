package assets

import _ "embed"

//go:embed report.schema.json
var reportSchema []byte

// ReportSchema returns the JSON Schema (draft 2020-12) of the support
// report's JSON document, schema version 1 (package wizard/report). Callers
// must not modify the returned slice.
func ReportSchema() []byte { return reportSchema }
