package ui

// Rehearsals: the real wizard against the simulated terminal, in training
// mode. The result — what the trainee found and named against what the
// rehearsal expects — is a training.RehearsalResult; this file stages the
// simulator, draws the list and the result, and records it.

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net"
	"net/netip"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/ui/checks"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
	"posdoctor/wizard/training"
)

// causeChoices is how many causes a trainee chooses from at a rehearsal's end.
const causeChoices = 4

// rehearsalsView is the list of rehearsals and the result of the last one.
type rehearsalsView struct {
	t      *trainingView
	msg    string // why a rehearsal could not start, or how it went
	ok     bool
	detail string // raw error text, for support

	// The list's widgets.
	start map[string]*widget.Button // by rehearsal ID
	// The result dialog's widgets, while it is shown.
	result *dialog.CustomDialog
	back   *widget.Button // back to the rehearsals, closing the wizard
	stay   *widget.Button // stay on the wizard's last page
	study  *widget.Button // after a miss: the card to study; nil if none
}

func newRehearsalsView(t *trainingView) *rehearsalsView { return &rehearsalsView{t: t} }

// rehearsalSpec is the simulator spec (sim.Start) that stages r.
func rehearsalSpec(r training.Rehearsal) string {
	spec := r.Scenario
	if r.Scenario == "code" {
		spec = "code=" + r.Code
	}
	if r.Host != "" {
		spec += ",host-" + r.Host
	}
	return spec
}

// list lists the rehearsals with each one's result so far.
func (rv *rehearsalsView) list() fyne.CanvasObject {
	t := rv.t
	tr := t.a.tr
	box := container.NewVBox(wrapped(tr.T(training.KeyRehearsalSafe)))
	if t.staff == nil {
		l := wrapped(tr.T("trainingui.rehearsal.needstaff"))
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	if rv.msg != "" {
		l := wrapped(rv.msg)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Importance = widget.DangerImportance
		if rv.ok {
			l.Importance = widget.SuccessImportance
		}
		box.Add(l)
		if rv.detail != "" {
			d := wrapped(rv.detail)
			d.Selectable = true
			box.Add(widget.NewAccordion(widget.NewAccordionItem(tr.T("errors.details"), d)))
		}
	}
	rv.start = map[string]*widget.Button{}
	for _, r := range t.deck.Rehearsals {
		title := widget.NewLabelWithStyle(tr.T(r.TitleKey()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		title.SizeName = theme.SizeNameSubHeadingText
		item := container.NewVBox(title, wrapped(tr.T(r.BriefKey())))
		if c, ok := t.deck.Card(r.Card); ok {
			item.Add(wrapped(tr.T("trainingui.rehearsal.card", "title", tr.T(c.TitleKey()))))
		}
		b := widget.NewButtonWithIcon(tr.T("trainingui.rehearsal.start"), theme.MediaPlayIcon(), func() { rv.run(r) })
		b.Importance = widget.HighImportance
		if t.staff == nil {
			b.Disable()
		}
		rv.start[r.ID] = b
		box.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil,
			container.NewVBox(rv.badge(r), b), item)))
	}
	return container.NewVScroll(box)
}

// badge shows whether the staff member has done the rehearsal.
func (rv *rehearsalsView) badge(r training.Rehearsal) fyne.CanvasObject {
	size := fyne.NewSize(130, 36)
	rec := rv.t.staff.Rehearsal(r.ID)
	switch {
	case rec.Passed():
		return container.NewGridWrap(size, newBadge(rv.t.a.tr.T("trainingui.rehearsal.done"), theme.ColorNameSuccess))
	case rec.Attempts > 0:
		return container.NewGridWrap(size, newBadge(rv.t.a.tr.T("trainingui.rehearsal.missed"), theme.ColorNameWarning))
	}
	return container.NewGridWrap(size, canvas.NewRectangle(color.Transparent)) // not tried: nothing to say
}

// run stages r on the simulator and opens the real wizard on it in
// training mode: no history is written, and the result goes to the staff
// member's training progress when the session ends.
func (rv *rehearsalsView) run(r training.Rehearsal) {
	t := rv.t
	a := t.a
	if t.staff == nil {
		return
	}
	rv.msg, rv.detail, rv.ok = "", "", false
	s, ok := a.newSession(wizard.FlowID(r.Flow))
	if !ok {
		return
	}
	demo, err := t.startDemo(rehearsalSpec(r))
	if err != nil {
		key := "trainingui.rehearsal.nosim"
		if runtime.GOOS == "windows" {
			key = "trainingui.rehearsal.nosim.windows"
		}
		rv.msg, rv.detail = a.tr.T(key), err.Error()
		t.refresh()
		return
	}
	cfg := rehearsalConfig(demo.Port(), a.checkTimeout())
	if a.opts.tuneChecks != nil {
		a.opts.tuneChecks(&cfg)
	}
	reg, closeReg := checks.Registry(a.ctx, cfg)
	closeAll := func() error { // runs off the main goroutine when the wizard stops
		err := closeReg()
		demo.Close()
		return err
	}
	name := t.staff.Staff
	wv := a.openWizard(s, reg, closeAll, nil, true)
	wv.onEnd = func(s *wizard.Session) {
		wv.causes = training.CauseChoices(r, t.deck.Rehearsals, causeChoices)
		wv.onCause = func(named string) {
			var found []string
			for _, id := range s.Summary().Findings {
				found = append(found, string(id))
			}
			rv.judged(r, r.Judge(found, named), name, wv)
		}
	}
}

// judged records the result of rehearsal r for name, who rehearsed, and
// says how it went; after a miss, the right cause and the card to study.
func (rv *rehearsalsView) judged(r training.Rehearsal, res training.RehearsalResult, name string, wv *wizardView) {
	t := rv.t
	a := t.a
	p := t.staff
	if p == nil || p.Staff != name { // switched meanwhile: record for who rehearsed
		p = nil
		if db := a.opts.DB; db != nil {
			if st, err := db.Staff(name); err == nil {
				p = journal.ProgressFromStore(st)
			}
		}
	}
	if p != nil {
		_ = p.RecordRehearsal(res, t.now()) // the result names its rehearsal
		t.save(p)
	}
	ok := res.Passed()
	key := training.KeyRehearsalMiss
	if ok {
		key = training.KeyRehearsalOK
	}
	rv.msg = a.tr.T("trainingui.rehearsal.outcome", "title", a.tr.T(r.TitleKey()), "result", a.tr.T(key))
	rv.ok, rv.detail = ok, ""
	t.tab, t.page = tabRehearsals, pageTabs
	a.do(func() { // after the wizard has drawn its last page
		if a.wizard == wv {
			rv.showResult(res, key, wv)
		}
	})
}

// showResult is the dialog over the wizard's last page: the result, after
// a miss the right cause and the card to study, and the way back.
func (rv *rehearsalsView) showResult(res training.RehearsalResult, key string, wv *wizardView) {
	t := rv.t
	a := t.a
	tr := a.tr
	msg := wrapped(tr.T(key))
	msg.TextStyle = fyne.TextStyle{Bold: true}
	content := container.NewVBox(msg)
	if res.Passed() {
		msg.Importance = widget.SuccessImportance
	} else {
		msg.Importance = widget.WarningImportance
		content.Add(wrapped(tr.T("trainingui.rehearsal.right", "cause", a.findingTitle(res.Expected))))
	}
	d := dialog.NewCustomWithoutButtons(tr.T("trainingui.rehearsal.result"), content, a.win)
	leave := func() {
		d.Hide()
		rv.result, rv.back, rv.stay, rv.study = nil, nil, nil, nil
		if a.wizard == wv {
			wv.close()
		}
	}
	rv.study = nil
	if c, has := t.deck.Card(res.Card); has && !res.Passed() {
		rv.study = widget.NewButtonWithIcon(tr.T("trainingui.rehearsal.study", "title", tr.T(c.TitleKey())), theme.DocumentIcon(), func() {
			leave()
			a.show("training")
			t.cards.show([]training.CardID{c.ID}, 0)
		})
		content.Add(rv.study)
	}
	rv.stay = widget.NewButtonWithIcon(tr.T("trainingui.rehearsal.stay"), theme.CancelIcon(), func() {
		d.Hide()
		rv.result, rv.back, rv.stay, rv.study = nil, nil, nil, nil
	})
	rv.back = widget.NewButtonWithIcon(tr.T("trainingui.rehearsal.back"), theme.ConfirmIcon(), func() {
		wasOn := a.wizard == wv
		leave()
		if wasOn {
			a.show("training")
		}
	})
	rv.back.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{rv.stay, rv.back})
	rv.result = d
	d.Show()
}

// errNoRealPorts is what a rehearsal's port lister answers: a rehearsal
// never looks for a real terminal.
var errNoRealPorts = errors.New("ui: a rehearsal does not list real ports")

// noRealPorts is the port lister of rehearsals.
type noRealPorts struct{}

func (noRealPorts) Ports() ([]device.PortInfo, error) { return nil, errNoRealPorts }

// loopbackOnly dials 127.0.0.1 and ::1 only: the simulated host and the
// simulated shop's gateway.
type loopbackOnly struct{ d net.Dialer }

func (l *loopbackOnly) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("dial %s: %w", address, errNotLoopback)
	}
	return l.d.DialContext(ctx, network, address)
}

// errNotLoopback is returned by a rehearsal's dialer for any address not on
// this computer.
var errNotLoopback = errors.New("ui: a rehearsal only connects to the simulator")

// noLookups is a rehearsal's resolver: the simulated host is an address.
type noLookups struct{}

func (noLookups) LookupHost(_ context.Context, host string) ([]string, error) {
	return nil, fmt.Errorf("look up %s: %w", host, errNotLoopback)
}

// rehearsalConfig points the checks at the simulated terminal on port and
// a simulated shop network (a wired link, a gateway and a resolver on this
// computer), so a rehearsal ends the same way on every PC and touches no
// real port or network.
func rehearsalConfig(port string, timeout time.Duration) checks.Config {
	return checks.Config{
		Port:     port,
		Lister:   noRealPorts{},
		Timeout:  timeout,
		Dialer:   &loopbackOnly{},
		Resolver: noLookups{},
		Interfaces: func(string) ([]netcheck.Interface, error) {
			return []netcheck.Interface{{Name: "eth0", Up: true, Medium: netcheck.MediumWired,
				Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.10/24")}}}, nil
		},
		Routes: func(context.Context) ([]netcheck.Route, error) {
			return []netcheck.Route{{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"),
				Gateway: netip.MustParseAddr("127.0.0.1")}}, nil
		},
		Nameservers: func() ([]string, error) { return []string{"127.0.0.1"}, nil },
	}
}
