//go:build linux

package netcheck

import (
	"context"
	"fmt"
	"os"
)

// ProcNetRoute is the Linux route table SystemRoutes reads.
const ProcNetRoute = "/proc/net/route"

// SystemRoutes returns the PC's IPv4 routes. On Linux it reads
// /proc/net/route; ctx is unused because the read never blocks.
func SystemRoutes(_ context.Context) ([]Route, error) {
	f, err := os.Open(ProcNetRoute)
	if err != nil {
		return nil, fmt.Errorf("open route table: %w", err)
	}
	defer f.Close()
	return ParseProcNetRoute(f)
}
