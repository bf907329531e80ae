package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"posdoctor/device/unionpay"
	"posdoctor/ui/i18n"
)

// MaxDecodeInput bounds what `decode` reads for one message (a pasted
// dump, -f FILE, stdin): a frame is at most 64 KB, so 1 MiB of hex text
// with log prefixes is plenty; more is a log (--all) or the wrong file.
const MaxDecodeInput = 1 << 20

// runDecode is `posdoctor decode [HEX | -f FILE | -] [--all] [--json]`: it
// decodes one captured China UnionPay POS message and prints a one-line
// summary, the fields, and the response code's meaning and next step in
// the user's language. With --all it reads a whole log and prints the
// timeline of every message in it. Exit codes: ExitOK decoded, ExitProblem
// (--all) the newest answer in the log is a failure, ExitUsage bad
// arguments or input.
func runDecode(_ context.Context, env *Env, args []string) int {
	var (
		asJSON bool
		all    bool
		file   string
		stdin  bool
		pieces []string
	)
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "--json", "-json":
			asJSON = true
		case "--all", "-all", "-a":
			all = true
		case "-f", "--file", "-file":
			if i+1 >= len(args) {
				fmt.Fprintln(env.Stderr, env.Tr.T("decode.cmd.usage"))
				return ExitUsage
			}
			i++
			file = args[i]
		case "-":
			stdin = true
		case "-h", "--help", "-help":
			fmt.Fprintln(env.Stdout, env.Tr.T("decode.cmd.usage"))
			return ExitOK
		default:
			pieces = append(pieces, a)
		}
	}
	sources := 0
	for _, on := range []bool{file != "", stdin, len(pieces) > 0} {
		if on {
			sources++
		}
	}
	if sources != 1 || all && len(pieces) > 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("decode.cmd.usage"))
		return ExitUsage
	}
	name := "-"
	var in io.Reader = env.Stdin
	if file != "" {
		name = file
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.read", "file", file, "err", err.Error()))
			return ExitUsage
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.read", "file", file, "err", env.Tr.T("decode.err.dir")))
			return ExitUsage
		}
		in = f
	}
	if all {
		return runDecodeLog(env, name, in, asJSON)
	}
	text := strings.Join(pieces, " ")
	if len(pieces) == 0 {
		b, err := io.ReadAll(io.LimitReader(in, MaxDecodeInput+1))
		if err != nil {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.read", "file", name, "err", err.Error()))
			return ExitUsage
		}
		if len(b) > MaxDecodeInput {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.too_large", "file", name, "kb", MaxDecodeInput>>10))
			return ExitUsage
		}
		text = string(b)
	}
	d, err := unionpay.DecodeHex(text)
	if err != nil {
		fmt.Fprintln(env.Stderr, decodeError(env.Tr, err))
		// A log holds several messages: say how to read them all.
		if lg, _ := unionpay.ReadLog(strings.NewReader(text), unionpay.LogLimits{}); len(lg.Entries) > 1 {
			fmt.Fprintln(env.Stderr, env.Tr.T("decode.log.hint_all", "n", len(lg.Entries)))
		}
		return ExitUsage
	}
	if asJSON {
		return printDecodedJSON(env, d)
	}
	printDecoded(env.Stdout, env.Tr, d)
	return ExitOK
}

// decodeError puts a decode error in the user's words, naming the line and
// column of a hex slip or the byte offset and field of a message that does
// not decode.
func decodeError(tr *i18n.Translator, err error) string {
	var he *unionpay.HexError
	var fe *unionpay.FieldError
	switch {
	case errors.Is(err, unionpay.ErrEmpty):
		return tr.T("decode.err.empty")
	case errors.Is(err, unionpay.ErrTooShort):
		return tr.T("decode.err.short")
	case errors.As(err, &he):
		key := "decode.err.nothex"
		if errors.Is(err, unionpay.ErrOddDigits) {
			key = "decode.err.odd"
		}
		return tr.T(key, "line", he.Line, "col", he.Column)
	case errors.As(err, &fe):
		switch fe.Field {
		case unionpay.FieldMTI:
			return tr.T("decode.err.mti", "offset", fe.Offset)
		case unionpay.FieldBitmap:
			return tr.T("decode.err.bitmap", "offset", fe.Offset)
		}
		key := "decode.err.field"
		if errors.Is(err, unionpay.ErrTruncated) {
			key = "decode.err.truncated"
		}
		return tr.T(key, "offset", fe.Offset, "field", fe.Field, "name", tr.T("decode.field."+strconv.Itoa(fe.Field)))
	}
	return tr.T("decode.err.other", "err", err.Error())
}

// decodedJSON is what --json prints: the decoded message (masked, with
// translation keys) plus the texts in the user's language.
type decodedJSON struct {
	*unionpay.Decoded
	Locale      string `json:"locale"`
	Transaction string `json:"transaction_text"`
	Meaning     string `json:"meaning_text,omitempty"`
	Next        string `json:"next_text,omitempty"`
}

func printDecodedJSON(env *Env, d *unionpay.Decoded) int {
	out := decodedJSON{Decoded: d, Locale: env.Tr.Locale(), Transaction: unionpay.TransactionPhrase(d).Text(env.Tr.T)}
	if k := d.MeaningKey(); k != "" {
		out.Meaning = env.Tr.T(k)
	}
	if k := d.NextKey(); k != "" {
		out.Next = env.Tr.T(k)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("decode.err.other", "err", err.Error()))
		return ExitProblem
	}
	return ExitOK
}

// printDecoded writes the description of a decoded message
// (unionpay.Describe) as text, one row a line.
func printDecoded(w io.Writer, tr *i18n.Translator, d *unionpay.Decoded) {
	for _, l := range unionpay.Lines(unionpay.Describe(d), tr.T) {
		fmt.Fprintln(w, l)
	}
}
