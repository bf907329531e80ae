//go:build !unix && !windows

package netcheck

// SystemNameservers returns ErrUnsupported: on this system the resolvers
// are not read; the lookup itself still tells whether DNS works.
func SystemNameservers() ([]string, error) { return nil, ErrUnsupported }
