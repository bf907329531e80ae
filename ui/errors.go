package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"posdoctor/device"
	"posdoctor/device/unionpay"
	"posdoctor/store"
	"posdoctor/wizard"
)

// errorMessage is the one place that turns an error into words for the
// user, in their language. Raw error text never appears here; it goes to
// the details area (showError) and the log.
func (a *App) errorMessage(err error) string {
	tr := a.tr
	var (
		pe *device.PortError
		he *unionpay.HexError
		fe *unionpay.FieldError
		ie *wizard.InputError
		ce *store.CorruptError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &pe):
		return tr.T(pe.Kind.MessageKey(), argsKV(pe.Args())...) + " " + tr.T(pe.Kind.FixKey(), argsKV(pe.Args())...)
	case errors.Is(err, device.ErrNoTerminal):
		return tr.T("errors.noterminal")
	case errors.Is(err, store.ErrInUse):
		return tr.T("errors.inuse")
	case errors.Is(err, store.ErrReadOnly):
		return tr.T("storebranch.readonly.save")
	case errors.Is(err, store.ErrDamagedRecord):
		return tr.T("storebranch.damaged.record")
	case errors.Is(err, store.ErrProtectedPath):
		return tr.T("storebranch.gui.protected")
	case errors.As(err, &ce):
		return tr.T("errors.corrupt")
	case errors.As(err, &he):
		return tr.T("errors.hex", "line", he.Line, "offset", he.Offset)
	case errors.As(err, &fe):
		return tr.T("errors.field", "field", fe.Field, "offset", fe.Offset)
	case errors.Is(err, unionpay.ErrEmpty):
		return tr.T("errors.hex.empty")
	case errors.Is(err, unionpay.ErrTooShort):
		return tr.T("errors.hex.short")
	case errors.As(err, &ie):
		return tr.T(ie.Reason)
	}
	return tr.T("errors.unexpected")
}

// showError tells the user what went wrong in their language, with the raw
// detail behind a toggle for support.
func (a *App) showError(err error) {
	if err == nil {
		return
	}
	fyne.LogError("shown to the user", err)
	msg := widget.NewLabel(a.errorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(err.Error())
	detail.Wrapping = fyne.TextWrapWord
	detail.Selectable = true
	content := container.NewVBox(msg, widget.NewAccordion(widget.NewAccordionItem(a.tr.T("errors.details"), detail)))
	d := dialog.NewCustom(a.tr.T("Error"), a.tr.T("OK"), content, a.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}
