package netcheck

import "errors"

// Errors of the measurements.
var (
	// ErrUnsupported is returned by SystemRoutes and SystemNameservers on an
	// operating system where the package cannot read them.
	ErrUnsupported = errors.New("netcheck: not supported on this system")

	// ErrNoEndpoint is returned by MeasureTCP and Echo when the endpoint has
	// no host or port: the acquirer host is not configured.
	ErrNoEndpoint = errors.New("netcheck: acquirer host not configured")

	// ErrBadRouteTable is returned by the route parsers when the input is
	// not a route table they know.
	ErrBadRouteTable = errors.New("netcheck: unrecognised route table")

	// ErrBadTPDU is returned by Endpoint.Validate when the TPDU is not ten
	// hex digits starting with 60.
	ErrBadTPDU = errors.New("netcheck: TPDU must be 10 hex digits starting with 60")
)

// ReplyError is returned by Echo when the host answered, but not as it
// should: a wrong MTI, a TPDU that was not swapped, a reply that does not
// parse. Field names what was wrong ("mti", "tpdu", "decode").
type ReplyError struct {
	Field string
	Got   string
	Want  string
	Err   error // the underlying decode error, if any
}

// Error describes the mismatch.
func (e *ReplyError) Error() string {
	if e.Err != nil {
		return "netcheck: reply " + e.Field + ": " + e.Err.Error()
	}
	return "netcheck: reply " + e.Field + " is " + e.Got + ", want " + e.Want
}

// Unwrap returns the underlying decode error, if any.
func (e *ReplyError) Unwrap() error { return e.Err }
