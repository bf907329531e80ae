package assets

import (
	"embed"
	"io/fs"
)

//go:embed training
var trainingFS embed.FS

// Training returns the training content tree: cards.json (the structure of
// every training card and its quiz) and rehearsals.json (practice runs of
// the wizard against the simulated terminal). The words are in the
// "training" translation area under i18n. Package wizard/training parses
// it. The FS is read-only and safe to share.
func Training() fs.FS {
	sub, err := fs.Sub(trainingFS, "training")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
