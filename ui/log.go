package ui

import (
	"io"
	"log"
	"os"
	"path/filepath"
)

// maxLogSize is where the log starts over: the previous one is kept as
// posdoctor.log.1, so support sees recent history and the disk never fills.
const maxLogSize = 1 << 20

// LogFileName is the app's log file in the data folder.
const LogFileName = "posdoctor.log"

// StartLog sends the standard logger (and so Fyne's error log) to stderr and
// to dir/posdoctor.log as well. It returns the log's path and a function that
// closes it. On failure the log stays on stderr only and the path is "".
func StartLog(dir string) (string, func()) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", func() {}
	}
	path := filepath.Join(dir, LogFileName)
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return "", func() {}
	}
	log.SetOutput(io.MultiWriter(os.Stderr, f))
	return path, func() {
		log.SetOutput(os.Stderr)
		_ = f.Close()
	}
}
