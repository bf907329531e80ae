package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a flag set that reports nothing itself: parseArgs
// does, in the user's language.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses args with fs, flags before, between or after the
// positional arguments, and returns the positional ones. Every word that
// starts with "-" is a flag: an unknown one is an error with the usage
// (never a file name, so "backup --help" cannot write a file called
// --help); a file whose name starts with "-" can follow "--". -h, -help
// and --help print the usage to Stdout. When it returns ok false, the
// caller exits with code.
func parseArgs(env *Env, fs *flag.FlagSet, args []string, usageKey string) (pos []string, code int, ok bool) {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(env.Stdout, env.Tr.T(usageKey))
			return nil, ExitOK, false
		}
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.cli.badflag", "err", err.Error()))
			return nil, usageError(env, usageKey), false
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), ExitOK, true
		}
		if len(rest) == 0 {
			return pos, ExitOK, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError prints the usage to Stderr and returns ExitUsage.
func usageError(env *Env, usageKey string) int {
	fmt.Fprintln(env.Stderr, env.Tr.T(usageKey))
	return ExitUsage
}

// parseOptions parses a command that takes options only, each described in
// the user's language: -h prints usageKey's text and the options to Stderr
// and exits 0; a bad option (said in the user's language, not the flag
// package's English) or a positional argument exits 2 after the same. When
// it returns ok false, the caller exits with code.
func parseOptions(env *Env, fs *flag.FlagSet, args []string, usageKey string) (code int, ok bool) {
	usage := func() {
		fmt.Fprintln(env.Stderr, env.Tr.T(usageKey))
		fs.SetOutput(env.Stderr)
		fs.PrintDefaults()
	}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage()
		return ExitOK, false
	case err != nil:
		fmt.Fprintln(env.Stderr, env.Tr.T("storebranch.cli.badflag", "err", err.Error()))
		usage()
		return ExitUsage, false
	case fs.NArg() > 0:
		usage()
		return ExitUsage, false
	}
	return ExitOK, true
}
