package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"posdoctor/assets"
	"posdoctor/store"
)

// licences lists what POS Doctor ships and under which licence.
var licences = []struct{ name, licence string }{
	{"POS Doctor", "MIT"},
	{"Fyne (fyne.io/fyne/v2)", "BSD-3-Clause"},
	{"go.bug.st/serial", "BSD-3-Clause"},
	{"github.com/moov-io/iso8583", "Apache-2.0"},
	{"go.etcd.io/bbolt", "MIT"},
	{"github.com/creack/pty", "MIT"},
	{"codeberg.org/go-pdf/fpdf", "MIT"},
	{"WenQuanYi Micro Hei 文泉驿微米黑", "Apache-2.0"},
}

// aboutScreen shows the version, the build and the licences, the font's in full.
type aboutScreen struct {
	a           *App
	version     *widget.Label
	fontLicence *widget.Accordion
}

func newAboutScreen(a *App) *aboutScreen { return &aboutScreen{a: a} }

func (s *aboutScreen) build() fyne.CanvasObject {
	a := s.a
	s.version = widget.NewLabel(a.tr.T("about.version", "version", a.opts.Version, "commit", a.opts.Commit))
	s.version.Selectable = true
	list := widget.NewForm()
	for _, l := range licences {
		list.Append(l.name, widget.NewLabel(l.licence))
	}
	fontText := widget.NewLabel(assets.FontLicense())
	fontText.Wrapping = fyne.TextWrapWord
	fontText.Selectable = true
	s.fontLicence = widget.NewAccordion(widget.NewAccordionItem(a.tr.T("about.fontlicence"), fontText))
	return container.NewVScroll(container.NewVBox(
		heading(a.tr.T("app.title")),
		widget.NewLabel(a.tr.T("about.tagline")),
		s.version,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(a.tr.T("about.licences"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		list,
		s.fontLicence,
	))
}

// dataDir is where the local history lives, for Settings.
func (a *App) dataDir() string {
	if a.opts.DB != nil {
		return filepath.Dir(a.opts.DB.Path())
	}
	dir, err := store.DefaultDir()
	if err != nil {
		return a.tr.T("settings.datadir.unknown")
	}
	return dir
}

// listableDir turns a folder path into a location for file dialogs.
func listableDir(dir string) (fyne.ListableURI, error) {
	return storage.ListerForURI(storage.NewFileURI(dir))
}
