//go:build tools

// Package main pins modules that packages under construction will import;
// this file goes once they do.
package main

import (
	_ "codeberg.org/go-pdf/fpdf"
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/container"
	_ "fyne.io/fyne/v2/lang"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/creack/pty"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/moov-io/iso8583"
	_ "github.com/moov-io/iso8583/encoding"
	_ "github.com/moov-io/iso8583/network"
	_ "go.bug.st/serial"
	_ "go.bug.st/serial/enumerator"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/sys/windows"
)
