//go:build !linux

package sim

import "os"

// openPTY reports that this system has no simulator support.
func openPTY() (*os.File, string, error) { return nil, "", ErrUnsupported }
