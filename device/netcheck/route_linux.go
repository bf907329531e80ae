//go:build linux

package netcheck

import (
	"context"
	"fmt"
	"os"
)

// procNetRoute is the Linux route table SystemRoutes reads.
const procNetRoute = "/proc/net/route"

// SystemRoutes returns the PC's IPv4 routes. On Linux it reads
// /proc/net/route; ctx is unused because the read never blocks.
func SystemRoutes(_ context.Context) ([]Route, error) {
	f, err := os.Open(procNetRoute)
	if err != nil {
		return nil, fmt.Errorf("open route table: %w", err)
	}
	defer f.Close()
	return ParseProcNetRoute(f)
}
