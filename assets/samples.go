package assets

import (
	"embed"
	"io/fs"
)

//go:embed samples/*.hex
var samplesFS embed.FS

// Samples returns the sample captures for the decoder's "try an example":
// hex dumps of China UnionPay POS messages (file name = what it shows),
// with test card numbers only. The FS is read-only and safe to share.
func Samples() fs.FS {
	sub, err := fs.Sub(samplesFS, "samples")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
