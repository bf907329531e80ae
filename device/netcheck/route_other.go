//go:build !linux && !windows

package netcheck

import "context"

// SystemRoutes returns ErrUnsupported: this system's route table is not read.
func SystemRoutes(_ context.Context) ([]Route, error) { return nil, ErrUnsupported }
