package assets

import _ "embed"

// Support is support.json: Lakala's customer-service number with where it
// comes from and whether that source was verified, and the dated table of
// minimum terminal software versions (empty where no published minimum
// is known). Parsed by its users.
//
//go:embed support.json
var Support []byte
