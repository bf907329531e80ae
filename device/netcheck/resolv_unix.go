//go:build unix

package netcheck

import (
	"fmt"
	"os"
)

// ResolvConf is the resolver configuration SystemNameservers reads.
const ResolvConf = "/etc/resolv.conf"

// SystemNameservers returns the configured DNS servers from
// /etc/resolv.conf.
func SystemNameservers() ([]string, error) {
	f, err := os.Open(ResolvConf)
	if err != nil {
		return nil, fmt.Errorf("open resolver config: %w", err)
	}
	defer f.Close()
	return ParseResolvConf(f), nil
}
