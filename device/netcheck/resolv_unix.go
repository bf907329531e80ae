//go:build unix

package netcheck

import (
	"fmt"
	"os"
)

// resolvConf is the resolver configuration SystemNameservers reads.
const resolvConf = "/etc/resolv.conf"

// SystemNameservers returns the configured DNS servers from
// /etc/resolv.conf.
func SystemNameservers() ([]string, error) {
	f, err := os.Open(resolvConf)
	if err != nil {
		return nil, fmt.Errorf("open resolver config: %w", err)
	}
	defer f.Close()
	return parseResolvConf(f), nil
}
