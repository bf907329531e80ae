package wizard

import "testing"

func TestMatchScreen(t *testing.T) {
	tests := []struct {
		text, answer, code string
		ok                 bool
	}{
		{"12", "code", "12", true},
		{" a0 ", "code", "A0", true},
		{"无效", "invalid", "", true},
		{"交易失败：无效交易", "invalid", "", true},
		{"MAC校验错", "code", "A0", true},
		{"mac error", "code", "A0", true},
		{"密码错误", "pin", "", true},
		{"余额不足", "funds", "", true},
		{"通讯失败", "comms", "", true},
		{"交易超时", "timeout", "", true},
		{"请插卡", "chip", "", true},
		{"Insufficient funds", "funds", "", true},
		{"", "", "", false},
		{"你好", "", "", false},
		{"123", "", "", false},
	}
	for _, tt := range tests {
		answer, code, ok := MatchScreen(tt.text)
		if answer != tt.answer || code != tt.code || ok != tt.ok {
			t.Errorf("MatchScreen(%q) = %q, %q, %v; want %q, %q, %v", tt.text, answer, code, ok, tt.answer, tt.code, tt.ok)
		}
	}
}

func TestSessionSearch(t *testing.T) {
	for _, tt := range []struct {
		text string
		want FindingID
	}{{"MAC", "sw.keys"}, {"12", ""}, {"余额不足", ""}} {
		s, _ := Start(MainFlow, clockAt(fixedNow))
		for s.Current().Kind == KindCheck {
			res := map[CheckID]Result{}
			for _, id := range s.Pending() {
				res[id] = Result{Outcome: Pass}
			}
			res[CheckTerminalLastTxn] = Result{Outcome: Skipped}
			if err := s.Submit(res); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := s.Search(tt.text); !ok || err != nil {
			t.Fatalf("Search(%q) = %v, %v", tt.text, ok, err)
		}
		if tt.want != "" && s.Current().Finding != tt.want {
			t.Errorf("Search(%q) went to %s; want finding %s", tt.text, s.Current().ID, tt.want)
		}
		if tt.want == "" && s.Current().ID == "m.screen" {
			t.Errorf("Search(%q) did not move on", tt.text)
		}
	}
	s, _ := Start(MainFlow, clockAt(fixedNow))
	if _, err := s.Search("12"); err == nil {
		t.Errorf("Search at a check step = nil error; want ErrWrongKind")
	}
}

func FuzzMatchScreen(f *testing.F) {
	for _, s := range []string{"12", "无效交易", "MAC", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		answer, code, ok := MatchScreen(s)
		if ok && answer == "" {
			t.Errorf("MatchScreen(%q) ok with no answer", s)
		}
		if code != "" && answer != "code" {
			t.Errorf("MatchScreen(%q) code %q with answer %q", s, code, answer)
		}
	})
}
