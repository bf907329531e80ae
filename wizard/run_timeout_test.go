package wizard

import (
	"context"
	"testing"
	"time"
)

// A check that returns ctx's error when its deadline passes must read as a
// timeout with its seconds, whichever of the runner's two paths wins the
// race: the template "check.timeout" needs {{.seconds}}.
func TestRunTimeoutFromCheckHasSeconds(t *testing.T) {
	r := NewRegistry()
	r.Register("slow", func(ctx context.Context) (Result, error) {
		<-ctx.Done()
		return Result{}, ctx.Err()
	})
	for i := range 50 {
		got := r.Run(context.Background(), "slow", 5*time.Millisecond)
		if got.Summary != "check.timeout" || got.Args["seconds"] == "" {
			t.Fatalf("run %d: Run = %q args %v; want check.timeout with seconds", i, got.Summary, got.Args)
		}
	}
}
