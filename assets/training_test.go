package assets_test

import (
	"io/fs"
	"testing"

	"posdoctor/assets"
)

func TestTraining(t *testing.T) {
	for _, name := range []string{"cards.json", "rehearsals.json"} {
		data, err := fs.ReadFile(assets.Training(), name)
		if err != nil {
			t.Errorf("ReadFile(Training(), %q) error: %v", name, err)
			continue
		}
		if len(data) == 0 {
			t.Errorf("ReadFile(Training(), %q) is empty", name)
		}
	}
}
