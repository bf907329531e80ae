package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
)

// logsDir holds the constructed log layouts (written by
// go test ./device/unionpay -run ReadLogGolden -update).
var logsDir = filepath.Join("..", "..", "device", "unionpay", "testdata", "logs")

// TestDecodeAllGolden prints the timeline of every log layout in both
// languages and compares it with testdata/timeline_<layout>.<locale>.golden
// (-update-decode rewrites them).
func TestDecodeAllGolden(t *testing.T) {
	logs, err := filepath.Glob(filepath.Join(logsDir, "*.log"))
	if err != nil || len(logs) < 5 {
		t.Fatalf("want at least 5 log layouts in %s, have %d (%v)", logsDir, len(logs), err)
	}
	for _, path := range logs {
		name := strings.TrimSuffix(filepath.Base(path), ".log")
		for _, loc := range assets.Locales {
			t.Run(name+"/"+loc, func(t *testing.T) {
				env, out, errb := decodeEnv(t, loc, "")
				// Every layout ends with a declined sale and an unanswered
				// one: the newest answer failed → ExitProblem.
				if code := Run(context.Background(), env, []string{"decode", "-f", path, "--all"}); code != ExitProblem {
					t.Fatalf("decode -f %s --all = exit %d (%s); want %d", path, code, errb, ExitProblem)
				}
				if strings.Contains(out.String(), "6222021234567890128") {
					t.Errorf("timeline holds the full card number:\n%s", out)
				}
				golden := filepath.Join("testdata", "timeline_"+name+"."+loc+".golden")
				if *updateDecode {
					if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(string(want), out.String()); diff != "" {
					t.Errorf("timeline differs from %s (-want +got):\n%s", golden, diff)
				}
			})
		}
	}
}

// TestDecodeAllFacts checks what a support engineer reads first, without
// golden files: the failed row is marked, paired, and named with its
// meaning, and the newest failure is stated.
func TestDecodeAllFacts(t *testing.T) {
	env, out, errb := decodeEnv(t, "en", "")
	path := filepath.Join(logsDir, "ecr_arrows.log")
	if code := Run(context.Background(), env, []string{"decode", "--all", "-f", path}); code != ExitProblem {
		t.Fatalf("exit %d (%s); want %d", code, errb, ExitProblem)
	}
	for _, want := range []string{
		"9 messages in ",
		"!#6 2026-11-25 14:03:27.016 · received · Sale response · CNY 128.00 · 622202*********0128 · trace 000123 · 12 Invalid transaction",
		"answers #5",
		" #9 2026-11-25 14:09:40.000 · sent · Sale · CNY 5.00 · 622202*********0128 · trace 000125 · no answer in the log",
		"Newest failed answer: #6 2026-11-25 14:03:27.016 · 12 Invalid transaction",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestDecodeAllJSON: --all --json gives the entries with masked cards and
// the rows in words.
func TestDecodeAllJSON(t *testing.T) {
	env, out, errb := decodeEnv(t, "zh-Hans", "")
	path := filepath.Join(logsDir, "logcat_zh.log")
	if code := Run(context.Background(), env, []string{"decode", "--all", "--json", "-f", path}); code != ExitProblem {
		t.Fatalf("exit %d (%s); want %d", code, errb, ExitProblem)
	}
	var got struct {
		Entries []struct {
			MTI, Code, Card string
			Pair            int
		} `json:"entries"`
		Rows  []string `json:"rows_text"`
		Notes []string `json:"notes_text"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got.Entries) != 9 || got.Entries[5].Code != "12" || got.Entries[5].Pair != 4 || got.Entries[5].Card != "622202*********0128" {
		t.Errorf("entries = %+v; want 9 with #6 the paired 12 and a masked card", got.Entries)
	}
	if len(got.Rows) != 9 || !strings.Contains(got.Notes[0], "最近一笔失败的应答：#6") {
		t.Errorf("rows %d, notes %q; want 9 rows and the newest failure first", len(got.Rows), got.Notes)
	}
}

// TestDecodeInputLimits: bad input never reads forever (issue 16): a file
// past the one-message limit, a directory, and a log given without --all
// each get a clear message.
func TestDecodeInputLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("00 ", MaxDecodeInput/3+10)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantErr string
	}{
		{"file too large", []string{"decode", "-f", big}, "", "is larger than 1024 KB, too large for one message. To read a whole log, add --all."},
		{"stdin too large", []string{"decode", "-"}, strings.Repeat("0", MaxDecodeInput+1), "- is larger than 1024 KB"},
		{"a directory", []string{"decode", "-f", dir}, "", "this is a folder, not a file"},
		{"a directory with --all", []string{"decode", "--all", "-f", dir}, "", "this is a folder, not a file"},
		{"a log without --all", []string{"decode", "-f", filepath.Join(logsDir, "ecr_arrows.log")}, "", "add --all to list them all"},
		{"--all with pasted hex", []string{"decode", "--all", "00 01"}, "", "Usage: posdoctor decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := decodeEnv(t, "en", tt.stdin)
			if code := Run(context.Background(), env, tt.args); code != ExitUsage {
				t.Errorf("exit %d; want %d", code, ExitUsage)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr = %q; want it to contain %q", errb, tt.wantErr)
			}
		})
	}
}

// TestDecodeAllStdin: a log piped in is read the same as a file; a log
// with only approved answers exits OK.
func TestDecodeAllStdin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(logsDir, "single_line_txrx.log"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	env, out, errb := decodeEnv(t, "en", strings.Join(lines[:8], "")) // sign-in and the approved sale
	if code := Run(context.Background(), env, []string{"decode", "--all", "-"}); code != ExitOK {
		t.Fatalf("exit %d (%s); want %d", code, errb, ExitOK)
	}
	if !strings.Contains(out.String(), "4 messages in 8 lines") || !strings.Contains(out.String(), "No failed answer in this log.") {
		t.Errorf("output:\n%s", out)
	}
}
