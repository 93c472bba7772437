package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/sitrep/sitrep/event"
)

// htmlDocument reads a page: its main text by readability, with the title,
// publication date (YYYY-MM-DD), language and site name of its metadata.
// contentType (may be empty) names the charset when the page does not.
func htmlDocument(b []byte, contentType, pageURL string) (event.Document, error) {
	rd, err := charset.NewReader(bytes.NewReader(b), contentType)
	if err != nil {
		return event.Document{}, fmt.Errorf("%w: HTML page: %v", ErrFormat, err)
	}
	root, err := html.Parse(rd)
	if err != nil {
		return event.Document{}, fmt.Errorf("%w: HTML page: %v", ErrFormat, err)
	}
	base, err := url.Parse(pageURL)
	if err != nil || pageURL == "" {
		base = &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
	}
	var d event.Document
	art, err := readability.FromDocument(root, base)
	if err == nil && art.Node != nil {
		d.Text = tidy(render.InnerText(art.Node))
		d.Title = strings.TrimSpace(art.Title())
		d.Source = strings.TrimSpace(art.SiteName())
		d.Lang = langCode(art.Language())
		if t, err := art.PublishedTime(); err == nil {
			d.Published = t.Format("2006-01-02")
		}
	}
	if d.Text == "" {
		return event.Document{}, fmt.Errorf("%w: no main text found in the HTML page", ErrEmpty)
	}
	if err := checkText([]byte(d.Text)); err != nil {
		return event.Document{}, err
	}
	return d, nil
}

// htmlText is the text of an HTML fragment (a feed item's content).
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidy(s)
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return tidy(s)
	}
	return tidy(render.InnerText(root))
}

// tidy trims every line and keeps at most one blank line between
// paragraphs.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var b strings.Builder
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

// langCode reduces "fr-FR" or "en_US" to "fr" or "en"; "" when it is not
// a language tag.
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}
