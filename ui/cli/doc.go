// Package cli is POS Doctor's command line: the sub-commands support staff
// and scripts use (version, help, devices, decode, check, diagnose, history,
// export, backup, restore, sim). A terminal is a user interface too, so it
// lives under ui, but it never imports Fyne: every sub-command must work over
// SSH on a machine with no display.
//
// Each sub-command is one row of the commands table and one file named after
// it. Words come from package i18n, like the GUI's. Exit codes: 0 success,
// 1 the command ran and found a problem, 2 bad arguments or bad input.
//
// The package holds no mutable state: what a command reaches outside the
// process through (the checks' registry, the port lister, the network
// seams, where a diagnosis is saved) is in Env.Deps, left zero by main and
// set by tests. Saving a diagnosis step by step, recording the terminal a
// check or diagnosis read (ui/journal, as the GUI does) and building report
// input from the history are shared with the GUI; describing a decoded
// message is unionpay.Describe, printed here one row a line.
package cli
