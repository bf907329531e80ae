// Command hello is the Fyne hello-world POS Doctor's start-up is measured
// against (startup_test.go): the same toolkit, the same probe, nothing else.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

var start = time.Now()

func main() {
	a := app.NewWithID("cn.posdoctor.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1100, 720))
	idle, _ := time.ParseDuration(os.Getenv("IDLE"))
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			fyne.DoAndWait(func() { w.Canvas().Capture() })
			fmt.Printf("startup_ms=%d\n", time.Since(start).Milliseconds())
			if idle > 0 {
				time.Sleep(idle)
				b, _ := os.ReadFile("/proc/self/status")
				for _, l := range strings.Split(string(b), "\n") {
					if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
						n, _ := strconv.Atoi(f[1])
						fmt.Printf("rss_kb=%d\n", n)
					}
				}
			}
			fyne.Do(a.Quit)
		}()
	})
	w.ShowAndRun()
}
