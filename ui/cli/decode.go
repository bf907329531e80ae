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
	out := decodedJSON{Decoded: d, Locale: env.Tr.Locale(), Transaction: transaction(env.Tr, d)}
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

// transaction names what the message is: "Sale", "Sale response",
// "Reversal of a Sale".
func transaction(tr *i18n.Translator, d *unionpay.Decoded) string {
	name := tr.T(d.Kind.Key())
	if d.Kind == unionpay.KindReversal && d.Original != "" && d.Original != unionpay.KindUnknown {
		name = tr.T("decode.summary.reversal_of", "original", tr.T(d.Original.Key()))
	}
	if d.Response {
		name = tr.T("decode.summary.response", "kind", name)
	}
	return name
}

// summaryLine is "transaction · result · amount · trace · TID · MID".
func summaryLine(tr *i18n.Translator, d *unionpay.Decoded) string {
	parts := []string{transaction(tr, d)}
	switch {
	case d.Code == "":
		parts = append(parts, tr.T("decode.summary.request"))
	case d.Role == unionpay.RoleReason:
		parts = append(parts, tr.T("decode.summary.reason", "code", d.Code, "meaning", tr.T(d.MeaningKey())))
	default:
		parts = append(parts, tr.T("decode.summary.result", "code", d.Code, "meaning", tr.T(d.MeaningKey())))
	}
	if d.HasAmount {
		parts = append(parts, tr.T("decode.summary.amount", "yuan", d.Yuan()))
	}
	if d.Trace != "" {
		parts = append(parts, tr.T("decode.summary.trace", "trace", d.Trace))
	}
	if d.TID != "" {
		parts = append(parts, tr.T("decode.summary.tid", "tid", d.TID))
	}
	if d.MID != "" {
		parts = append(parts, tr.T("decode.summary.mid", "mid", d.MID))
	}
	return strings.Join(parts, " · ")
}

func printDecoded(w io.Writer, tr *i18n.Translator, d *unionpay.Decoded) {
	fmt.Fprintln(w, summaryLine(tr, d))
	fmt.Fprintln(w)

	l := d.Layers
	var layers []string
	if l.Length {
		layers = append(layers, tr.T("decode.layer.length"))
	}
	if l.TPDU != nil {
		layers = append(layers, tr.T("decode.layer.tpdu"))
	}
	if l.NAC != "" {
		layers = append(layers, tr.T("decode.layer.nac"))
	}
	if l.Header != nil {
		layers = append(layers, tr.T("decode.layer.header"))
	}
	if len(layers) == 0 {
		layers = append(layers, tr.T("decode.layer.bare"))
	}
	fmt.Fprintln(w, tr.T("decode.layers", "layers", strings.Join(layers, " + "), "offset", l.MessageOffset, "size", l.MessageLength))
	if l.TPDU != nil {
		fmt.Fprintln(w, "  "+tr.T("decode.tpdu", "dest", fmt.Sprintf("%04X", l.TPDU.Destination), "src", fmt.Sprintf("%04X", l.TPDU.Source)))
	}
	if l.NAC != "" {
		fmt.Fprintln(w, "  "+tr.T("decode.nac", "hex", l.NAC))
	}
	if h := l.Header; h != nil {
		req := "decode.header.request." + strconv.Itoa(h.Request)
		if !tr.Has(req) {
			req = "decode.header.request.other"
		}
		fmt.Fprintln(w, "  "+strings.Join([]string{
			pair(tr, "decode.header.app_type", h.AppType),
			pair(tr, "decode.header.version", h.Version),
			pair(tr, "decode.header.status", strconv.Itoa(h.Status)),
			pair(tr, "decode.header.request", tr.T("decode.value.with_meaning", "value", h.Request, "meaning", tr.T(req, "n", h.Request))),
		}, " · "))
	}
	if l.Trailing > 0 {
		fmt.Fprintln(w, "  "+tr.T("decode.trailing", "n", l.Trailing))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, pair(tr, "decode.label.mti", d.MTI))
	fmt.Fprintln(w, tr.T("decode.label.fields"))
	for _, f := range d.Fields {
		value := f.Value
		if value == "" && f.Redacted {
			value = tr.T("decode.value.hidden") + " " + tr.T("decode.value.bytes", "n", f.Size)
		}
		fmt.Fprintf(w, "  %2d  %s\n", f.ID, pair(tr, f.NameKey, value))
		for _, s := range f.Subfields {
			v := s.Value
			if v == "" && f.Redacted {
				v = tr.T("decode.value.hidden")
			}
			if s.MeaningKey != "" {
				v = tr.T("decode.value.with_meaning", "value", v, "meaning", tr.T(s.MeaningKey))
			}
			fmt.Fprintf(w, "      %s  %s\n", s.ID, pair(tr, s.NameKey, v))
		}
	}
	if len(d.Redacted) > 0 {
		fmt.Fprintln(w, tr.T("decode.label.redacted", "fields", strings.Join(d.Redacted, ", ")))
	}

	if d.Code != "" {
		fmt.Fprintln(w)
		role := "decode.role.result"
		if d.Role == unionpay.RoleReason {
			role = "decode.role.reason"
		}
		fmt.Fprintln(w, pair(tr, role, d.Code))
		fmt.Fprintln(w, pair(tr, "decode.label.meaning", tr.T(d.MeaningKey())))
		if d.Info != nil && !d.Info.Approved() {
			fmt.Fprintln(w, pair(tr, "decode.label.category", tr.T(d.Info.Category.Key())))
			fmt.Fprintln(w, pair(tr, "decode.label.class", tr.T(d.Info.Class.Key())))
		}
	}
	if d.SignInAgain {
		fmt.Fprintln(w, tr.T("decode.label.signin_again"))
	}
	if k := d.NextKey(); k != "" {
		fmt.Fprintln(w, pair(tr, "decode.label.next", tr.T(k)))
	}
}

// pair writes "label: value" with the language's colon.
func pair(tr *i18n.Translator, labelKey, value string) string {
	return tr.T("decode.pair", "label", tr.T(labelKey), "value", value)
}
