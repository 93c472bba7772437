package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// MaxBackoff caps the wait before polling a failing feed again (unless the
// polling interval itself is longer).
const MaxBackoff = time.Hour

// feedState is what following remembers of a feed between polls.
type feedState struct {
	etag, lastModified string
	failures           int
	next               time.Time
	seen               map[string]bool // item keys already emitted
}

// readURL fetches a URL and reads it by its type; a feed is remembered for
// Follow.
func (r *Reader) readURL(ctx context.Context, u string, emit func(Item)) error {
	resp, err := r.fetch(ctx, u, "", "")
	if err != nil {
		emit(Item{Name: u, Err: err})
		return ctx.Err()
	}
	k := kindOf(u, resp.contentType, resp.body)
	switch k {
	case kindFeed:
		f, err := parseFeed(resp.body)
		if err != nil {
			emit(Item{Name: u, Err: err})
			return ctx.Err()
		}
		st := &feedState{etag: resp.etag, lastModified: resp.lastModified, seen: map[string]bool{}}
		r.mu.Lock()
		if r.feeds == nil {
			r.feeds = map[string]*feedState{}
		}
		r.feeds[u] = st
		r.mu.Unlock()
		r.feedItems(ctx, u, f, func(key string) bool {
			st.seen[key] = true
			return false
		}, emit)
	case kindHTML:
		d, err := htmlDocument(resp.body, resp.contentType, resp.finalURL)
		d.URL = u
		var urls []string
		if resp.finalURL != u {
			urls = []string{resp.finalURL}
		}
		emit(Item{Name: u, Doc: d, URLs: urls, Err: err})
	default:
		r.readBytes(ctx, u, k, resp.body, resp.finalURL, emit)
	}
	return ctx.Err()
}

// Follow polls the feeds Read has found (Feeds) until ctx ends, each every
// interval, and emits their new items. A poll is a conditional request
// (If-None-Match with the last ETag, If-Modified-Since with the last
// Last-Modified): an unchanged feed costs a 304 and nothing else. Items
// emitted before, by Read or an earlier poll, are not emitted again. A
// failing feed is polled again after interval×2, ×4, … up to
// max(interval, MaxBackoff), or after what its Retry-After asks if that is
// longer, and its failures are emitted as items with Err set. Follow
// returns ctx's error.
func (r *Reader) Follow(ctx context.Context, interval time.Duration, emit func(Item)) error {
	if interval <= 0 {
		return fmt.Errorf("following feeds: the interval must be positive")
	}
	urls := r.Feeds()
	if len(urls) == 0 {
		return errors.New("following feeds: none of the inputs is a feed")
	}
	r.mu.Lock()
	states := make([]*feedState, len(urls))
	now := time.Now()
	for i, u := range urls {
		states[i] = r.feeds[u]
		states[i].next = now.Add(interval)
	}
	r.mu.Unlock()
	timer := time.NewTimer(0)
	defer timer.Stop()
	<-timer.C
	for {
		i := 0
		for j := range states {
			if states[j].next.Before(states[i].next) {
				i = j
			}
		}
		timer.Reset(time.Until(states[i].next))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
		r.poll(ctx, urls[i], states[i], interval, emit)
	}
}

// poll fetches a followed feed once and schedules its next poll.
func (r *Reader) poll(ctx context.Context, u string, st *feedState, interval time.Duration, emit func(Item)) {
	resp, err := r.fetch(ctx, u, st.etag, st.lastModified)
	if err == nil && !resp.notModified {
		f, perr := parseFeed(resp.body)
		if perr == nil {
			r.feedItems(ctx, u, f, func(key string) bool {
				if st.seen[key] {
					return true
				}
				st.seen[key] = true
				return false
			}, emit)
		}
		err = perr
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		st.failures++
		wait := backoff(interval, st.failures)
		if resp.retryAfter > wait {
			wait = resp.retryAfter
		}
		st.next = time.Now().Add(wait)
		emit(Item{Name: u, Err: fmt.Errorf("polling feed (next try in %s): %w", wait.Round(time.Millisecond), err)})
		return
	}
	st.failures = 0
	st.etag, st.lastModified = resp.etag, resp.lastModified
	st.next = time.Now().Add(interval)
}

// backoff is the wait after n failures in a row: interval×2ⁿ, capped.
func backoff(interval time.Duration, n int) time.Duration {
	limit := max(interval, MaxBackoff)
	wait := interval
	for i := 0; i < n && wait < limit; i++ {
		wait *= 2
	}
	return min(wait, limit)
}
