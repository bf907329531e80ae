// Command posdoctor finds why a card sale failed on a POS terminal.
package main

import (
	"context"
	"os"
	"os/signal"

	"posdoctor/assets"
	"posdoctor/ui/cli"
	"posdoctor/ui/i18n"
)

// Stamped at build time: -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "0.1.0-dev"
	commit  = "unknown"
)

func main() {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		panic(err) // embedded at build time; tests keep it valid
	}
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		tr := cat.Translator(i18n.Resolve(os.Getenv("POSDOCTOR_LANG"), i18n.SystemLocales()))
		i18n.Use(tr)
		env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Tr: tr, Version: version, Commit: commit}
		code := cli.Run(ctx, env, args)
		stop()
		os.Exit(code)
	}
	os.Exit(cli.Run(context.Background(), &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Tr: cat.Translator(i18n.Default), Version: version, Commit: commit}, args))
}
