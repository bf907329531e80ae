// Package clocale keeps the "C" and "POSIX" locales from reaching Fyne.
//
// Fyne's lang package parses the user's locale while it initialises, before
// main runs. Under LANG=C.UTF-8 (common in containers, over SSH and in
// service units) it cannot parse "C" and prints three "Fyne error: Error
// parsing user locale C" lines on every start, CLI commands included. These
// locales carry no language preference, so this package maps them to the
// app's default language (Simplified Chinese) through LANGUAGE, the variable
// that names a language without touching the C library's character set or
// formats.
//
// Package ui imports it for its side effect, so every binary with Fyne in it
// (the app, the ui tests) has it. Its init runs before
// Fyne's lang package initialises: Go initialises packages in import-path
// order as soon as their imports are ready, this package needs only "os" and
// "strings", and lang waits for text/template, which sorts after
// "posdoctor/…". TestNoFyneLocaleNoise starts the binary under C locales and fails on
// any "Fyne error" line, so a change in that order cannot go unnoticed.
package clocale

import (
	"os"
	"strings"
)

// Default is the locale used when the system names none.
const Default = "zh_CN"

func init() { Apply(os.Getenv, os.Setenv) }

// Apply sets LANGUAGE to Default when the locale in force (the first of
// LC_ALL, LC_MESSAGES and LANG that is set, as gettext reads them) is C or
// POSIX, with or without a character set, and LANGUAGE is empty. It reports
// whether it changed anything.
func Apply(getenv func(string) string, setenv func(string, string) error) bool {
	if getenv("LANGUAGE") != "" {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if !IsNeutral(v) {
			return false
		}
		return setenv("LANGUAGE", Default) == nil
	}
	return false
}

// IsNeutral reports whether a POSIX locale name is C or POSIX, which say
// nothing about language: "C", "C.UTF-8", "C.utf8", "POSIX", "POSIX@x".
func IsNeutral(v string) bool {
	name, _, _ := strings.Cut(v, ".")
	name, _, _ = strings.Cut(name, "@")
	return name == "C" || name == "POSIX"
}
