package wizard

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"posdoctor/assets"
)

// terminalWords are the quoted words that name something on the card
// terminal (its menus and prompts) or on the till, not a control of this
// app. Anything else a remedy or question quotes must be a real label of
// the app, in the same language.
var terminalWords = map[string]map[string]bool{
	"zh-Hans": {"重打印": true, "签到": true, "参数下载": true, "系统管理": true, "程序更新": true, "远程下载": true,
		"退货": true, "撤销": true, "交易查询": true, "末笔查询": true, "银行卡": true, "扫码": true, "MAC校验错": true, "无效交易": true},
	"en": {"reprint last": true, "sign in": true, "parameter download": true, "software update": true, "remote download": true,
		"refund": true, "void": true, "transaction inquiry": true, "last transaction": true, "bank card": true, "QR code": true,
		"message check failed (MAC)": true, "Invalid transaction": true},
}

// controlPrefixes are the key prefixes of the app's own controls: buttons,
// tabs and menu entries a remedy may tell the owner to press.
var controlPrefixes = []string{"home.", "wizui.", "nav.", "settings.", "export.", "decodeui.", "history.", "findings.fix.", "verdict.fix.", "verdict.search.go", "training."}

var quoted = map[string]*regexp.Regexp{
	"zh-Hans": regexp.MustCompile(`[“「【]([^”」】]+)[”」】]`),
	"en":      regexp.MustCompile(`"([^"]+)"`),
}

// TestQuotedControlsExist checks that every control a finding, flow or
// verdict text quotes exists: a label of the app in the same language, or a
// known word of the terminal.
func TestQuotedControlsExist(t *testing.T) {
	var keys []string
	for _, f := range Flows() {
		keys = append(keys, f.Keys()...)
	}
	for _, loc := range assets.Locales {
		msgs := loadLocale(t, loc)
		labels := map[string]bool{}
		for k, v := range msgs {
			for _, p := range controlPrefixes {
				if strings.HasPrefix(k, p) {
					labels[v] = true
				}
			}
		}
		all := append([]string{}, keys...)
		for k := range msgs {
			if strings.HasPrefix(k, "verdict.") || strings.HasPrefix(k, "findings.") || strings.HasPrefix(k, "flows.") {
				all = append(all, k)
			}
		}
		sort.Strings(all)
		all = slices.Compact(all)
		checked := 0
		for _, k := range all {
			for _, m := range quoted[loc].FindAllStringSubmatch(msgs[k], -1) {
				checked++
				if w := m[1]; !labels[w] && !terminalWords[loc][w] {
					t.Errorf("%s %s quotes %q: neither a label of the app nor a known terminal word", loc, k, w)
				}
			}
		}
		if checked < 5 {
			t.Errorf("%s: only %d quotes found; the scan is broken", loc, checked)
		}
	}
}
