//go:build windows

package netcheck

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
)

// SystemRoutes returns the PC's IPv4 routes. On Windows it runs
// `route print -4` (killed when ctx is done) and parses its output.
func SystemRoutes(ctx context.Context) ([]Route, error) {
	out, err := exec.CommandContext(ctx, "route", "print", "-4").Output()
	if err != nil {
		return nil, fmt.Errorf("route print: %w", err)
	}
	return ParseRoutePrint(bytes.NewReader(out))
}
