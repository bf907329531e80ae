package checks

import (
	"context"
	"fmt"

	"posdoctor/device"
	"posdoctor/wizard"
)

// actionSignIn asks the terminal to sign in again (new working keys), then
// forgets the cached status so the checks read it afresh. It returns the
// link's error, or ErrSignInFailed when the keys are still not good.
func (e *env) actionSignIn(ctx context.Context) error {
	res, err := withLink(ctx, e, (*device.Link).SignIn)
	e.status.reset()
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	if res.Keys != device.KeysOK {
		return ErrSignInFailed
	}
	return nil
}

// actionReopen closes the link and opens it again (after a replug, or when
// another program let go of the port), forgetting what was cached. It
// returns the open's error.
func (e *env) actionReopen(ctx context.Context) error {
	e.mu.Lock()
	if e.link != nil {
		e.link.Close()
		e.link = nil
	}
	e.unread = nil
	e.mu.Unlock()
	e.status.reset()
	e.echo.reset()
	if _, err := e.openLink(ctx); err != nil {
		return fmt.Errorf("reopen: %w", err)
	}
	return nil
}

// actionEcho sends the host echo again. It returns ErrEchoFailed when the
// echo fails (the check's next run says why) and ctx's error when it ran out.
func (e *env) actionEcho(ctx context.Context) error {
	e.echo.reset()
	res, err := e.echo.get(ctx)
	if err != nil {
		return err
	}
	if v := echoVerdict(res); v.Level == wizard.Fail {
		return fmt.Errorf("%s: %w", res.Address, ErrEchoFailed)
	}
	return nil
}
