package ingest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// response is what a fetch brought back.
type response struct {
	body         []byte
	contentType  string
	finalURL     string // after redirects
	etag         string
	lastModified string
	notModified  bool          // 304: the conditional request matched
	retryAfter   time.Duration // what a 429 or 503 asked for
}

// fetch GETs u, conditionally when etag or lastModified is set, reading at
// most MaxBytes of the body. A status other than 200 and 304 is an error
// wrapping ErrHTTP; its response still carries retryAfter.
func (r *Reader) fetch(ctx context.Context, u, etag, lastModified string) (response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return response{}, fmt.Errorf("fetching %s: %w", u, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, text/html;q=0.9, application/xml;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := r.client().Do(req)
	if err != nil {
		return response{}, fmt.Errorf("fetching %s: %w", u, err)
	}
	defer resp.Body.Close()
	out := response{
		contentType:  resp.Header.Get("Content-Type"),
		finalURL:     resp.Request.URL.String(),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
		retryAfter:   retryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		out.notModified = true
		if out.etag == "" {
			out.etag = etag
		}
		if out.lastModified == "" {
			out.lastModified = lastModified
		}
		return out, nil
	default:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, fmt.Errorf("fetching %s: %w: %s", u, ErrHTTP, resp.Status)
	}
	out.body, err = readCapped(resp.Body, r.maxBytes())
	if err != nil {
		return response{}, fmt.Errorf("fetching %s: %w", u, err)
	}
	return out, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
