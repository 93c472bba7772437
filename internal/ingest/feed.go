package ingest

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sitrep/sitrep/event"
)

func parseFeed(b []byte) (*gofeed.Feed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: feed: %v", ErrFormat, err)
	}
	return f, nil
}

// itemKey names a feed item across polls.
func itemKey(it *gofeed.Item) string {
	if it.GUID != "" {
		return "guid:" + it.GUID
	}
	return "link:" + it.Link
}

// feedItems emits one item per entry of a feed that skip does not reject.
func (r *Reader) feedItems(ctx context.Context, feedURL string, f *gofeed.Feed, skip func(key string) bool, emit func(Item)) {
	for i, it := range f.Items {
		if ctx.Err() != nil {
			return
		}
		if skip != nil && skip(itemKey(it)) {
			continue
		}
		emit(r.feedItem(ctx, feedURL, i, f, it))
	}
}

func (r *Reader) feedItem(ctx context.Context, feedURL string, i int, f *gofeed.Feed, it *gofeed.Item) Item {
	name := it.Link
	if name == "" {
		name = fmt.Sprintf("%s#%d", feedURL, i+1)
	}
	d := event.Document{
		Title:  it.Title,
		Source: f.Title,
		Lang:   langCode(f.Language),
		URL:    it.Link,
	}
	if t := itemTime(it); !t.IsZero() {
		d.Published = t.Format("2006-01-02")
	}
	text := htmlText(it.Content)
	if len(text) < MinItemText {
		if s := htmlText(it.Description); len(s) > len(text) {
			text = s
		}
	}
	var urls []string
	if len(text) < MinItemText && r.FetchLinks && IsURL(it.Link) {
		if r.Known != nil && r.Known(ctx, it.Link) {
			return Item{Name: name, Known: true}
		}
		page, final, err := r.fetchPage(ctx, it.Link)
		switch {
		case err == nil && len(page.Text) > len(text):
			text = page.Text
			if d.Title == "" {
				d.Title = page.Title
			}
			if d.Published == "" {
				d.Published = page.Published
			}
			if d.Lang == "" {
				d.Lang = page.Lang
			}
			if final != it.Link {
				urls = append(urls, final)
			}
		case err != nil && text == "":
			return Item{Name: name, Err: err}
		}
	}
	if err := checkText([]byte(text)); err != nil {
		return Item{Name: name, Err: fmt.Errorf("feed item: %w", err)}
	}
	d.Text = text
	return Item{Name: name, Doc: d, URLs: urls}
}

func itemTime(it *gofeed.Item) time.Time {
	if it.PublishedParsed != nil {
		return *it.PublishedParsed
	}
	if it.UpdatedParsed != nil {
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// fetchPage fetches and reads a feed item's page.
func (r *Reader) fetchPage(ctx context.Context, u string) (event.Document, string, error) {
	resp, err := r.fetch(ctx, u, "", "")
	if err != nil {
		return event.Document{}, "", err
	}
	var d event.Document
	switch kindOf(u, resp.contentType, resp.body) {
	case kindHTML, kindUnknown:
		d, err = htmlDocument(resp.body, resp.contentType, resp.finalURL)
	default:
		err = checkText(resp.body)
		d.Text = string(resp.body)
	}
	if err != nil {
		return event.Document{}, "", fmt.Errorf("%s: %w", u, err)
	}
	return d, resp.finalURL, nil
}
