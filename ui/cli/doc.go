// Package cli is POS Doctor's command line: the sub-commands support staff
// and scripts use (version, help, devices, decode, check, diagnose, history,
// export, backup, restore, sim). A terminal is a user interface too, so it
// lives under ui, but it never imports Fyne: every sub-command must work over
// SSH on a machine with no display.
//
// Each sub-command is one row of the commands table and one file named after
// it. Words come from package i18n, like the GUI's. Exit codes: 0 success,
// 1 the command ran and found a problem, 2 bad arguments or bad input.
package cli
