package assets

import _ "embed"

//go:embed network/lakala.json
var lakalaServices []byte

// LakalaServices returns network/lakala.json: Lakala's public addresses
// (name, host, port and the source each was found in) that the network
// check connects to when no acquirer payment host is configured. Parse it
// with netcheck.ParseServices. The slice is shared: do not modify it.
func LakalaServices() []byte { return lakalaServices }
