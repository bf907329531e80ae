//go:build !unix

package netcheck

// SystemNameservers returns ErrUnsupported: on this system the resolvers
// are not read (Windows keeps them per adapter); the lookup itself still
// tells whether DNS works.
func SystemNameservers() ([]string, error) { return nil, ErrUnsupported }
