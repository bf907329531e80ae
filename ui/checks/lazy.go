package checks

import (
	"context"
	"sync"
	"time"
)

// shared fetches one value for many concurrent callers: the first caller
// starts the fetch in its own goroutine (bounded by budget, detached from
// the caller's cancellation), every caller waits for it or for its own ctx,
// and the value is reused for ttl.
type shared[T any] struct {
	fetch  func(ctx context.Context) (T, error)
	budget time.Duration
	ttl    time.Duration
	wg     *sync.WaitGroup // counts fetch goroutines, for the close function

	mu   sync.Mutex
	at   time.Time // when val was fetched; zero: never
	val  T
	err  error
	wait chan struct{} // non-nil while a fetch runs
}

// get returns the shared value, fetching it if there is none fresh. It
// returns ctx's error when ctx is done first.
func (s *shared[T]) get(ctx context.Context) (T, error) {
	s.mu.Lock()
	if s.wait == nil && !s.at.IsZero() && time.Since(s.at) < s.ttl {
		v, err := s.val, s.err
		s.mu.Unlock()
		return v, err
	}
	if s.wait == nil {
		w := make(chan struct{})
		s.wait = w
		s.wg.Add(1)
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.budget)
		go func() {
			defer s.wg.Done()
			defer cancel()
			v, err := s.fetch(fctx)
			s.mu.Lock()
			s.val, s.err, s.at = v, err, time.Now()
			s.wait = nil
			s.mu.Unlock()
			close(w)
		}()
	}
	w := s.wait
	s.mu.Unlock()
	select {
	case <-w:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.val, s.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// reset forgets the value, so the next get fetches again.
func (s *shared[T]) reset() {
	s.mu.Lock()
	s.at = time.Time{}
	s.mu.Unlock()
}
