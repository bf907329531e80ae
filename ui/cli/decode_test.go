package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
)

var updateDecode = flag.Bool("update-decode", false, "rewrite testdata/decode_*.golden")

// decodeEnv is an Env with buffers and the words of locale.
func decodeEnv(t *testing.T, locale string, stdin string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Tr: cat.Translator(locale)}, &out, &errb
}

func sampleText(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(assets.Samples(), name+".hex")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDecodeGolden prints every shipped sample in both languages and
// compares with testdata/decode_<sample>.<locale>.golden.
func TestDecodeCommandGolden(t *testing.T) {
	names, err := fs.Glob(assets.Samples(), "*.hex")
	if err != nil || len(names) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, n := range names {
		n = strings.TrimSuffix(n, ".hex")
		for _, loc := range assets.Locales {
			t.Run(n+"/"+loc, func(t *testing.T) {
				env, out, errb := decodeEnv(t, loc, sampleText(t, n))
				if code := Run(context.Background(), env, []string{"decode", "-"}); code != ExitOK {
					t.Fatalf("decode - = exit %d (%s); want %d", code, errb, ExitOK)
				}
				if strings.Contains(out.String(), "6222021234567890128") {
					t.Errorf("output holds the full card number:\n%s", out)
				}
				path := filepath.Join("testdata", "decode_"+n+"."+loc+".golden")
				if *updateDecode {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(string(want), out.String()); diff != "" {
					t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
				}
			})
		}
	}
}

func TestDecodeCommandSummary(t *testing.T) {
	tests := []struct {
		name, locale, sample, want string
	}{
		{"declined sale, Chinese", "zh-Hans", "sale_response_12",
			"消费应答 · 应答码 12：无效交易：与原交易对不上（如撤销未成功的交易、隔天撤销），或发卡行不支持这种交易 · 128.00 元 · 流水号 000123 · 终端号 12345678 · 商户号 898310048161234"},
		{"declined sale, English", "en", "sale_response_12",
			"Sale response · response 12: Invalid transaction: it does not match its original (e.g. voiding a sale that failed, or a void after the day's cut-off), or the card's bank does not support it · CNY 128.00 · trace 000123 · TID 12345678 · MID 898310048161234"},
		{"echo request", "en", "echo_request", "Host echo test · request (no result yet) · trace 000077 · TID 12345678 · MID 898310048161234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := decodeEnv(t, tt.locale, "")
			if code := Run(context.Background(), env, []string{"decode", sampleText(t, tt.sample)}); code != ExitOK {
				t.Fatalf("exit %d (%s); want %d", code, errb, ExitOK)
			}
			got, _, _ := strings.Cut(out.String(), "\n")
			if got != tt.want {
				t.Errorf("summary = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeCommandJSON(t *testing.T) {
	env, out, errb := decodeEnv(t, "en", "")
	file := filepath.Join(t.TempDir(), "capture.txt")
	if err := os.WriteFile(file, []byte(sampleText(t, "sale_response_a0")), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := Run(context.Background(), env, []string{"decode", "--json", "-f", file}); code != ExitOK {
		t.Fatalf("exit %d (%s); want %d", code, errb, ExitOK)
	}
	var got struct {
		Kind        string   `json:"kind"`
		Code        string   `json:"code"`
		SignInAgain bool     `json:"sign_in_again"`
		Card        string   `json:"card"`
		Redacted    []string `json:"redacted"`
		Next        string   `json:"next_text"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	want := struct {
		Kind        string   `json:"kind"`
		Code        string   `json:"code"`
		SignInAgain bool     `json:"sign_in_again"`
		Card        string   `json:"card"`
		Redacted    []string `json:"redacted"`
		Next        string   `json:"next_text"`
	}{"sale", "A0", true, "622202*********0128", []string{"2"},
		"The host asks the terminal to sign in again. Run “sign in” on the terminal, then redo the transaction."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func TestDecodeCommandErrors(t *testing.T) {
	full := strings.Fields(sampleText(t, "sale_request"))
	tests := []struct {
		name, locale string
		args         []string
		wantErr      string
	}{
		{"no input", "en", []string{"decode"}, "Usage: posdoctor decode"},
		{"two inputs", "en", []string{"decode", "-", "0200"}, "Usage: posdoctor decode"},
		{"not hex", "en", []string{"decode", "hello"}, "No hex data found."},
		{"odd digits, Chinese", "zh-Hans", []string{"decode", "00 51 6 00"}, "第 1 行第 7 个字符附近：十六进制数字个数是单数"},
		{"cut short", "en", []string{"decode", strings.Join(full[:60], " ")}, "The message ends inside field 35 (Track 2 data) at byte 52"},
		{"cut short, Chinese", "zh-Hans", []string{"decode", strings.Join(full[:60], " ")}, "报文在第 52 字节处的第 35 域（第二磁道数据）中间就结束了"},
		{"missing file", "en", []string{"decode", "-f", "/nonexistent/capture.txt"}, "Cannot read /nonexistent/capture.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := decodeEnv(t, tt.locale, "")
			if code := Run(context.Background(), env, tt.args); code != ExitUsage {
				t.Errorf("exit %d; want %d", code, ExitUsage)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr = %q; want it to contain %q", errb, tt.wantErr)
			}
			if strings.Contains(errb.String()+out.String(), "6222021234567890128") {
				t.Errorf("output holds the full card number")
			}
		})
	}
}
