package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/store"
)

// MaxComponent caps how many mentions one fusion reads: the mentions
// connected to a new one by compatibility, found hop by hop. Below the
// cap the grouping is exactly fuse.Cluster of the whole set of mentions,
// whatever the order they came in; past it (a long chain of compatible
// reports, such as daily shelling of one town told day after day) the
// grouping is computed on the mentions read, and may depend on the order.
const MaxComponent = 1000

// cacheSize caps the decoded mention records a Store keeps in memory. A
// mention's record never changes once stored, so the cache needs no
// invalidation, whichever process wrote it.
const cacheSize = 50000

// maxIndexBytes caps the folded text a document adds to the full-text
// index (PostgreSQL's tsvector holds at most 1 MB).
const maxIndexBytes = 256 << 10

// Store is a store.Store over a SQL database.
type Store struct {
	db *sql.DB
	d  Dialect

	mu    sync.Mutex
	cache map[string]fuse.Mention // decoded mention records by id
}

var _ store.Store = (*Store)(nil)

// New wraps db, whose schema Migrate has brought up to date. The Store
// owns db: Close closes it.
func New(db *sql.DB, d Dialect) *Store { return &Store{db: db, d: d, cache: map[string]fuse.Mention{}} }

// DB returns the underlying database, for tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) errf(format string, args ...any) error {
	return fmt.Errorf(s.d.Name()+": "+format, args...)
}

// Lookup implements store.Store.
func (s *Store) Lookup(ctx context.Context, doc store.Document) (store.Result, error) {
	if err := check(doc); err != nil {
		return store.Result{}, err
	}
	r, err := s.lookup(ctx, s.db, doc)
	if err != nil {
		return store.Result{}, s.errf("looking up %s: %w", doc.ID, err)
	}
	return r, nil
}

func check(doc store.Document) error {
	if doc.ID == "" || doc.Hash == "" {
		return fmt.Errorf("%w: a document needs an id and a hash", store.ErrInvalid)
	}
	return nil
}

func (s *Store) lookup(ctx context.Context, q querier, doc store.Document) (store.Result, error) {
	var hash string
	err := q.QueryRowContext(ctx, s.d.Rebind(`SELECT hash FROM documents WHERE id = ?`), doc.ID).Scan(&hash)
	switch {
	case err == nil && hash == doc.Hash:
		return store.Result{Status: store.Duplicate, Of: doc.ID}, nil
	case err == nil:
		return store.Result{}, fmt.Errorf("%w: %s", store.ErrConflict, doc.ID)
	case !errors.Is(err, sql.ErrNoRows):
		return store.Result{}, err
	}
	var of, kind string
	err = q.QueryRowContext(ctx, s.d.Rebind(`SELECT doc_id, kind, hash FROM document_aliases WHERE alias = ?`), doc.ID).Scan(&of, &kind, &hash)
	switch {
	case err == nil && hash != doc.Hash:
		return store.Result{}, fmt.Errorf("%w: %s", store.ErrConflict, doc.ID)
	case err == nil && kind == "near":
		return store.Result{Status: store.NearDuplicate, Of: of}, nil
	case err == nil:
		return store.Result{Status: store.Duplicate, Of: of}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return store.Result{}, err
	}
	err = q.QueryRowContext(ctx, s.d.Rebind(`SELECT id FROM documents WHERE hash = ?`), doc.Hash).Scan(&of)
	switch {
	case err == nil:
		return store.Result{Status: store.Duplicate, Of: of}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return store.Result{}, err
	}
	if len(doc.MinHash) > 0 {
		of, err := s.nearest(ctx, q, doc)
		if err != nil {
			return store.Result{}, err
		}
		if of != "" {
			return store.Result{Status: store.NearDuplicate, Of: of}, nil
		}
	}
	return store.Result{Status: store.New, Of: doc.ID}, nil
}

// nearest returns the stored document most like doc, of the same language
// (when both say), of a comparable length (half to twice) and with a
// sketch at least store.NearSimilarity alike, or "".
func (s *Store) nearest(ctx context.Context, q querier, doc store.Document) (string, error) {
	bands := store.Bands(doc.MinHash)
	if bands == nil {
		return "", fmt.Errorf("%w: a sketch has %d values, not %d", store.ErrInvalid, len(doc.MinHash), store.SketchSize)
	}
	cond := strings.TrimSuffix(strings.Repeat("(b.band = ? AND b.value = ?) OR ", len(bands)), " OR ")
	args := make([]any, 0, 2*len(bands))
	for i, v := range bands {
		args = append(args, i, v)
	}
	rows, err := q.QueryContext(ctx, s.d.Rebind(`SELECT DISTINCT d.id, d.minhash, d.lang, d.bytes
		FROM document_bands b JOIN documents d ON d.id = b.doc_id WHERE `+cond), args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	best, bestSim := "", 0.0
	n := len(doc.Text)
	for rows.Next() {
		var id, sketch, lang string
		var size int
		if err := rows.Scan(&id, &sketch, &lang, &size); err != nil {
			return "", err
		}
		if (lang != "" && doc.Lang != "" && lang != doc.Lang) || size*2 < n || n*2 < size {
			continue
		}
		sk, err := store.DecodeSketch(sketch)
		if err != nil {
			return "", fmt.Errorf("document %s: %w", id, err)
		}
		sim := store.Similarity(doc.MinHash, sk)
		if sim < store.NearSimilarity {
			continue
		}
		if sim > bestSim || (sim == bestSim && id < best) {
			best, bestSim = id, sim
		}
	}
	return best, rows.Err()
}

// Put implements store.Store.
func (s *Store) Put(ctx context.Context, doc store.Document, evs []event.Event) (store.Result, error) {
	if err := check(doc); err != nil {
		return store.Result{}, err
	}
	for i := range evs {
		if evs[i].Type == "" && evs[i].EventType == "" {
			return store.Result{}, fmt.Errorf("%w: event %d of %s has no type", store.ErrInvalid, i, doc.ID)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return store.Result{}, s.errf("storing %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	if err := s.d.LockWriters(ctx, tx); err != nil {
		return store.Result{}, s.errf("storing %s: %w", doc.ID, err)
	}
	r, err := s.lookup(ctx, tx, doc)
	if err != nil {
		return store.Result{}, s.errf("storing %s: %w", doc.ID, err)
	}
	if r.Status == store.New {
		err = s.insert(ctx, tx, doc, evs, &r)
	} else {
		err = s.fold(ctx, tx, doc, r)
	}
	if err != nil {
		return store.Result{}, s.errf("storing %s: %w", doc.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return store.Result{}, s.errf("storing %s: committing: %w", doc.ID, err)
	}
	return r, nil
}

func docURLs(doc store.Document) []string {
	var out []string
	if doc.URL != "" {
		out = append(out, doc.URL)
	}
	for _, u := range doc.URLs {
		if u != "" && u != doc.URL {
			out = append(out, u)
		}
	}
	return out
}

// fold records a duplicate: its id as an alias and its URLs.
func (s *Store) fold(ctx context.Context, tx *sql.Tx, doc store.Document, r store.Result) error {
	if doc.ID != r.Of {
		kind := "exact"
		if r.Status == store.NearDuplicate {
			kind = "near"
		}
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO document_aliases (alias, doc_id, kind, hash) VALUES (?, ?, ?, ?)
			ON CONFLICT (alias) DO NOTHING`), doc.ID, r.Of, kind, doc.Hash); err != nil {
			return fmt.Errorf("adding alias: %w", err)
		}
	}
	return s.addURLs(ctx, tx, r.Of, docURLs(doc))
}

func (s *Store) addURLs(ctx context.Context, tx *sql.Tx, id string, urls []string) error {
	for _, u := range urls {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO document_urls (url, doc_id) VALUES (?, ?) ON CONFLICT (url, doc_id) DO NOTHING`), u, id); err != nil {
			return fmt.Errorf("adding URL: %w", err)
		}
	}
	return nil
}

func nullIf(ok bool, v any) any {
	if !ok {
		return nil
	}
	return v
}

func (s *Store) insert(ctx context.Context, tx *sql.Tx, doc store.Document, evs []event.Event, r *store.Result) error {
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO documents
		(id, hash, minhash, lang, published, source, url, title, text, bytes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		doc.ID, doc.Hash, store.EncodeSketch(doc.MinHash),
		doc.Lang, doc.Published, doc.Source, doc.URL, doc.Title, doc.Text, len(doc.Text)); err != nil {
		return fmt.Errorf("adding document: %w", err)
	}
	for i, v := range store.Bands(doc.MinHash) {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO document_bands (band, value, doc_id) VALUES (?, ?, ?)`), i, v, doc.ID); err != nil {
			return fmt.Errorf("adding document: %w", err)
		}
	}
	folded := fuse.Fold(doc.Title + "\n" + doc.Text)
	if len(folded) > maxIndexBytes {
		n := maxIndexBytes
		for n > 0 && !utf8.RuneStart(folded[n]) {
			n--
		}
		folded = folded[:n]
	}
	if err := s.d.IndexDocument(ctx, tx, doc.ID, folded); err != nil {
		return fmt.Errorf("indexing document: %w", err)
	}
	if err := s.addURLs(ctx, tx, doc.ID, docURLs(doc)); err != nil {
		return err
	}
	if doc.Source != "" {
		if err := s.addSource(ctx, tx, event.Source{Name: doc.Source, Kind: "media"}); err != nil {
			return err
		}
	}
	ids := map[string]bool{}
	var news []fuse.Key
	for i := range evs {
		ev := evs[i]
		ev.Doc = doc.ID
		if ev.EventType == "" {
			ev.EventType = event.Types[ev.Type]
		}
		if ev.ID == "" {
			ev.ID = fmt.Sprintf("%s-%d", doc.ID, i)
		}
		for base, n := ev.ID, 2; ids[ev.ID]; n++ {
			ev.ID = fmt.Sprintf("%s-%d", base, n)
		}
		ids[ev.ID] = true
		rec, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("encoding event %s: %w", ev.ID, err)
		}
		k := fuse.KeyOf(&ev)
		var p struct{ lat, lon, prec any }
		if k.HasPlace {
			p.lat, p.lon, p.prec = k.Lat, k.Lon, k.Precision
		}
		res, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO mentions
			(id, doc_id, event_id, event_type, type, fusable, date_lo, date_hi, lat, lon, geo_precision, country, admin1, place, actor1, actor2, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`),
			k.ID, doc.ID, k.ID, k.EventType, k.Type, boolInt(k.Fusable()),
			nullIf(k.HasDate, k.DateLo), nullIf(k.HasDate, k.DateHi), p.lat, p.lon, p.prec,
			k.Country, k.Admin1, k.Place, k.Actor1, k.Actor2, string(rec))
		if err != nil {
			return fmt.Errorf("adding mention %s: %w", ev.ID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			// The extractor's ids hash the document id: another document
			// cannot have this one, so this is a replay of a stored row.
			continue
		}
		news = append(news, k)
	}
	return s.fuseNew(ctx, tx, news, r)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *Store) addSource(ctx context.Context, tx *sql.Tx, src event.Source) error {
	k := fuse.Fold(src.Name)
	if k == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO sources (id, name, kind, country) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`),
		k, src.Name, src.Kind, src.Country); err != nil {
		return fmt.Errorf("adding source %q: %w", src.Name, err)
	}
	return nil
}

// fuseNew regroups the events around freshly stored mentions: it reads
// the mentions connected to them by compatibility, groups that component
// with fuse.Cluster, and rewrites the events whose membership changed.
func (s *Store) fuseNew(ctx context.Context, tx *sql.Tx, news []fuse.Key, r *store.Result) error {
	byType := map[string][]fuse.Key{}
	var types []string
	for _, k := range news {
		if !k.Fusable() {
			if err := s.writeGroup(ctx, tx, []string{k.ID}); err != nil {
				return err
			}
			r.EventsNew++
			continue
		}
		if byType[k.EventType] == nil {
			types = append(types, k.EventType)
		}
		byType[k.EventType] = append(byType[k.EventType], k)
	}
	sort.Strings(types)
	for _, t := range types {
		if err := s.fuseComponent(ctx, tx, byType[t], r); err != nil {
			return err
		}
	}
	return nil
}

// member is a mention of a component: its key and the event it was in.
type member struct {
	key     fuse.Key
	eventID string
}

func (s *Store) fuseComponent(ctx context.Context, tx *sql.Tx, news []fuse.Key, r *store.Result) error {
	isNew := map[string]bool{}
	comp := map[string]*member{}
	var frontier []fuse.Key
	for _, k := range news {
		isNew[k.ID] = true
		comp[k.ID] = &member{key: k}
		frontier = append(frontier, k)
	}
	pool := map[string]member{} // every row a query returned
	var asked []window          // the windows queried so far
	for len(frontier) > 0 && len(comp) < MaxComponent {
		for _, w := range windows(frontier) {
			if covered(asked, w) {
				continue // every row w matches is in the pool already
			}
			rows, err := s.candidates(ctx, tx, w)
			if err != nil {
				return err
			}
			for _, c := range rows {
				pool[c.key.ID] = c
			}
			asked = append(asked, w)
		}
		ids := make([]string, 0, len(pool))
		for id := range pool {
			if _, in := comp[id]; !in {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		var next []fuse.Key
		for _, id := range ids {
			c := pool[id]
			for i := range frontier {
				if fuse.Compatible(&frontier[i], &c.key) {
					comp[id] = &c
					next = append(next, c.key)
					break
				}
			}
			if len(comp) >= MaxComponent {
				break
			}
		}
		frontier = next
	}
	keys := make([]fuse.Key, 0, len(comp))
	for _, m := range comp {
		keys = append(keys, m.key)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].ID < keys[j].ID })
	groups := fuse.Cluster(keys)

	old := map[string]map[string]bool{} // event id → its members in the component
	for id, m := range comp {
		if isNew[id] {
			continue
		}
		if old[m.eventID] == nil {
			old[m.eventID] = map[string]bool{}
		}
		old[m.eventID][id] = true
	}
	keep := map[string]bool{}
	for _, g := range groups {
		id := keys[g[0]].ID
		keep[id] = true
		changed := len(old[id]) != len(g)
		ids := make([]string, len(g))
		docs := map[string]bool{}
		for i, x := range g {
			ids[i] = keys[x].ID
			docs[keys[x].Doc] = true
			if isNew[ids[i]] || !old[id][ids[i]] {
				changed = true
			}
		}
		for _, mid := range ids {
			if isNew[mid] {
				if len(docs) > 1 {
					r.EventsFused++
				} else {
					r.EventsNew++
				}
			}
		}
		if changed {
			if err := s.writeGroup(ctx, tx, ids); err != nil {
				return err
			}
		}
	}
	var gone []string
	for id := range old {
		if !keep[id] {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	for _, id := range gone {
		if err := s.deleteEvent(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// window is what one candidate query asks for: the fusable mentions of an
// event type whose date and place may be compatible with those of a set of
// mentions.
type window struct {
	eventType                      string
	dated                          bool // every mention of the set has a date: lo..hi
	lo, hi                         int
	placed                         bool // every mention has a place: the box, countries
	minLat, maxLat, minLon, maxLon float64
	countries                      []string // countries of the set's places (sorted)
	regions                        []string // countries of its region-level places (sorted)
}

// windows splits a frontier into windows: one per 2° cell of its places,
// so that one query does not cover everything between distant mentions,
// and one for its unplaced mentions.
func windows(frontier []fuse.Key) []window {
	cells := map[[2]int][]fuse.Key{}
	var order [][2]int
	for _, k := range frontier {
		c := [2]int{1 << 20, 0} // the unplaced
		if k.HasPlace {
			c = [2]int{int(math.Floor(k.Lat / 2)), int(math.Floor(k.Lon / 2))}
		}
		if cells[c] == nil {
			order = append(order, c)
		}
		cells[c] = append(cells[c], k)
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i][0] != order[j][0] {
			return order[i][0] < order[j][0]
		}
		return order[i][1] < order[j][1]
	})
	out := make([]window, 0, len(order))
	for _, c := range order {
		out = append(out, windowOf(cells[c]))
	}
	return out
}

func windowOf(ks []fuse.Key) window {
	w := window{eventType: ks[0].EventType, dated: true, placed: true,
		minLat: 90, maxLat: -90, minLon: 180, maxLon: -180}
	countries, regions := map[string]bool{}, map[string]bool{}
	for i, k := range ks {
		w.dated = w.dated && k.HasDate
		w.placed = w.placed && k.HasPlace
		if k.HasDate {
			if i == 0 || k.DateLo < w.lo {
				w.lo = k.DateLo
			}
			if i == 0 || k.DateHi > w.hi {
				w.hi = k.DateHi
			}
		}
		if k.HasPlace {
			w.minLat, w.maxLat = min(w.minLat, k.Lat), max(w.maxLat, k.Lat)
			w.minLon, w.maxLon = min(w.minLon, k.Lon), max(w.maxLon, k.Lon)
			countries[k.Country] = true
			if k.Precision == 3 {
				regions[k.Country] = true
			}
		}
	}
	if w.placed {
		const degLat = fuse.MaxDistanceKm / 111.0
		far := min(89.0, max(math.Abs(w.minLat), math.Abs(w.maxLat))+degLat)
		degLon := fuse.MaxDistanceKm / (111.32 * math.Cos(far*math.Pi/180))
		w.minLat, w.maxLat = w.minLat-degLat, w.maxLat+degLat
		w.minLon, w.maxLon = w.minLon-degLon, w.maxLon+degLon
		w.countries, w.regions = keysOf(countries), keysOf(regions)
	}
	return w
}

// covered reports whether one of the windows asked matches every row w
// matches.
func covered(asked []window, w window) bool {
	for _, v := range asked {
		if v.eventType != w.eventType {
			continue
		}
		if v.dated && (!w.dated || w.lo < v.lo || w.hi > v.hi) {
			continue
		}
		if v.placed && (!w.placed || w.minLat < v.minLat || w.maxLat > v.maxLat || w.minLon < v.minLon || w.maxLon > v.maxLon ||
			!subset(w.countries, v.countries) || !subset(w.regions, v.regions)) {
			continue
		}
		return true
	}
	return false
}

func subset(a, b []string) bool {
	for _, x := range a {
		i := sort.SearchStrings(b, x)
		if i == len(b) || b[i] != x {
			return false
		}
	}
	return true
}

// candidates returns the fusable mentions a window matches: a superset of
// those compatible with a mention of its set.
func (s *Store) candidates(ctx context.Context, tx *sql.Tx, w window) ([]member, error) {
	place, placeArgs := "", []any(nil)
	if w.placed {
		place = ` AND (lat IS NULL OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)`
		placeArgs = []any{w.minLat, w.maxLat, w.minLon, w.maxLon}
		if in, a := inList(w.countries); in != "" {
			place += ` OR (geo_precision = 3 AND country IN ` + in + `)`
			placeArgs = append(placeArgs, a...)
		}
		if in, a := inList(w.regions); in != "" {
			place += ` OR country IN ` + in
			placeArgs = append(placeArgs, a...)
		}
		place += `)`
	}
	const cols = `SELECT id, doc_id, event_id, type, date_lo, date_hi, lat, lon, geo_precision, country, admin1, place, actor1, actor2
		FROM mentions WHERE event_type = ? AND fusable = 1`
	var q string
	var args []any
	if w.dated {
		// Two range scans of the (event_type, fusable, date_lo) index: the
		// dated mentions whose dates come within a day (a date spans at
		// most a year, which bounds date_lo from below), then the undated.
		q = cols + ` AND date_lo BETWEEN ? AND ? AND date_hi >= ?` + place +
			` UNION ALL ` + cols + ` AND date_lo IS NULL` + place
		args = append(append(args, w.eventType, w.lo-1-366, w.hi+1, w.lo-1), placeArgs...)
		args = append(append(args, w.eventType), placeArgs...)
	} else {
		q = cols + place
		args = append([]any{w.eventType}, placeArgs...)
	}
	q += ` ORDER BY id`
	rows, err := tx.QueryContext(ctx, s.d.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("finding mentions to fuse: %w", err)
	}
	defer rows.Close()
	var out []member
	for rows.Next() {
		var m member
		var dlo, dhi, prec sql.NullInt64
		var lat, lon sql.NullFloat64
		k := &m.key
		if err := rows.Scan(&k.ID, &k.Doc, &m.eventID, &k.Type, &dlo, &dhi, &lat, &lon, &prec,
			&k.Country, &k.Admin1, &k.Place, &k.Actor1, &k.Actor2); err != nil {
			return nil, fmt.Errorf("finding mentions to fuse: %w", err)
		}
		k.EventType = w.eventType
		k.HasDate, k.DateLo, k.DateHi = dlo.Valid, int(dlo.Int64), int(dhi.Int64)
		k.HasPlace, k.Lat, k.Lon, k.Precision = lat.Valid, lat.Float64, lon.Float64, int(prec.Int64)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("finding mentions to fuse: %w", err)
	}
	return out, nil
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inList returns "(?, ?, …)" and its arguments, or "" for no values.
func inList(vals []string) (string, []any) {
	if len(vals) == 0 {
		return "", nil
	}
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ") + ")", args
}

// writeGroup (re)writes the event of a group of mentions: the fused record
// under the smallest mention id, the mentions pointing at it, its sources.
func (s *Store) writeGroup(ctx context.Context, tx *sql.Tx, ids []string) error {
	ms, err := s.loadMentions(ctx, tx, ids)
	if err != nil {
		return err
	}
	f := fuse.Fuse(ms)
	ev := f.Event
	rec, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encoding event %s: %w", ev.ID, err)
	}
	lo, hi, dated := fuse.DateRange(ev.Date)
	var date any
	if dated {
		date = *ev.Date.Value
	}
	var lat, lon any
	country := ""
	if ev.Location != nil {
		lat, lon, country = ev.Location.Lat, ev.Location.Lon, ev.Location.Country
	}
	a1, a2 := "", ""
	if ev.Actor1 != nil {
		a1 = ev.Actor1.ID
	}
	if ev.Actor2 != nil {
		a2 = ev.Actor2.ID
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO events
		(id, type, event_type, date, date_lo, date_hi, lat, lon, country, actor1, actor2, num_articles, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, event_type = excluded.event_type, date = excluded.date,
			date_lo = excluded.date_lo, date_hi = excluded.date_hi, lat = excluded.lat, lon = excluded.lon,
			country = excluded.country, actor1 = excluded.actor1, actor2 = excluded.actor2,
			num_articles = excluded.num_articles, record = excluded.record`),
		ev.ID, ev.Type, ev.EventType, date, nullIf(dated, lo), nullIf(dated, hi), lat, lon, country, a1, a2,
		f.NumArticles, string(rec)); err != nil {
		return fmt.Errorf("writing event %s: %w", ev.ID, err)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(len(ids), start+500)]
		in, args := inList(chunk)
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`UPDATE mentions SET event_id = ? WHERE event_id <> ? AND id IN `+in),
			append([]any{ev.ID, ev.ID}, args...)...); err != nil {
			return fmt.Errorf("pointing mentions at event %s: %w", ev.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM event_sources WHERE event_id = ?`), ev.ID); err != nil {
		return fmt.Errorf("writing sources of event %s: %w", ev.ID, err)
	}
	for _, src := range ev.Sources {
		if err := s.addSource(ctx, tx, src); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO event_sources (event_id, source_id) VALUES (?, ?) ON CONFLICT (event_id, source_id) DO NOTHING`),
			ev.ID, fuse.Fold(src.Name)); err != nil {
			return fmt.Errorf("writing sources of event %s: %w", ev.ID, err)
		}
	}
	return nil
}

func (s *Store) deleteEvent(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM event_sources WHERE event_id = ?`), id); err != nil {
		return fmt.Errorf("deleting event %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM events WHERE id = ?`), id); err != nil {
		return fmt.Errorf("deleting event %s: %w", id, err)
	}
	return nil
}

// loadMentions returns the records of the mentions ids names, from the
// cache or the database.
func (s *Store) loadMentions(ctx context.Context, q querier, ids []string) ([]fuse.Mention, error) {
	out := make([]fuse.Mention, 0, len(ids))
	var missing []string
	s.mu.Lock()
	for _, id := range ids {
		if m, ok := s.cache[id]; ok {
			out = append(out, m)
		} else {
			missing = append(missing, id)
		}
	}
	s.mu.Unlock()
	for start := 0; start < len(missing); start += 500 {
		in, args := inList(missing[start:min(len(missing), start+500)])
		rows, err := q.QueryContext(ctx, s.d.Rebind(`SELECT m.record, d.source FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.id IN `+in), args...)
		if err != nil {
			return nil, fmt.Errorf("reading mentions: %w", err)
		}
		var got []fuse.Mention
		for rows.Next() {
			var rec, outlet string
			if err := rows.Scan(&rec, &outlet); err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading mentions: %w", err)
			}
			var m fuse.Mention
			if err := json.Unmarshal([]byte(rec), &m.Event); err != nil {
				rows.Close()
				return nil, fmt.Errorf("decoding mention: %w", err)
			}
			m.Outlet = outlet
			got = append(got, m)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("reading mentions: %w", err)
		}
		out = append(out, got...)
		s.mu.Lock()
		if len(s.cache)+len(got) > cacheSize {
			s.cache = map[string]fuse.Mention{}
		}
		for _, m := range got {
			s.cache[m.Event.ID] = m
		}
		s.mu.Unlock()
	}
	return out, nil
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.Filter) ([]store.Event, error) {
	q := `SELECT e.id, e.num_articles, e.record FROM events e WHERE 1 = 1`
	var args []any
	if len(f.Types) > 0 {
		in, a := inList(f.Types)
		q += ` AND (e.type IN ` + in + ` OR e.event_type IN ` + in + `)`
		args = append(append(args, a...), a...)
	}
	if f.Actor != "" {
		p := f.Actor + "."
		q += ` AND EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND (m.actor1 = ? OR m.actor2 = ? OR substr(m.actor1, 1, ?) = ? OR substr(m.actor2, 1, ?) = ?))`
		args = append(args, f.Actor, f.Actor, len(p), p, len(p), p)
	}
	if f.Country != "" {
		q += ` AND e.country = ?`
		args = append(args, strings.ToUpper(f.Country))
	}
	if b := f.BBox; b != nil {
		q += ` AND e.lat BETWEEN ? AND ?`
		args = append(args, b[1], b[3])
		if b[0] <= b[2] {
			q += ` AND e.lon BETWEEN ? AND ?`
		} else { // across the antimeridian
			q += ` AND (e.lon >= ? OR e.lon <= ?)`
		}
		args = append(args, b[0], b[2])
	}
	for _, d := range []struct {
		v, cond string
	}{{f.Since, ` AND e.date_hi >= ?`}, {f.Until, ` AND e.date_lo <= ?`}} {
		if d.v == "" {
			continue
		}
		day, _, ok := fuse.DateRange(event.Date{Value: &d.v, Precision: "day"})
		if !ok {
			return nil, fmt.Errorf("%w: date %q is not YYYY-MM-DD", store.ErrInvalid, d.v)
		}
		q += d.cond
		args = append(args, day)
	}
	if f.Text != "" {
		arg := s.d.MatchArg(words(f.Text))
		if arg == "" {
			return nil, nil
		}
		q += ` AND EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.doc_id IN (` + s.d.MatchDocs() + `))`
		args = append(args, arg)
	}
	q += ` ORDER BY (e.date_lo IS NULL), e.date_lo, e.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.d.Rebind(q), args...)
	if err != nil {
		return nil, s.errf("querying events: %w", err)
	}
	var out []store.Event
	at := map[string]int{}
	for rows.Next() {
		var e store.Event
		var id, rec string
		if err := rows.Scan(&id, &e.NumArticles, &rec); err != nil {
			rows.Close()
			return nil, s.errf("querying events: %w", err)
		}
		if err := json.Unmarshal([]byte(rec), &e.Event); err != nil {
			rows.Close()
			return nil, s.errf("decoding event %s: %w", id, err)
		}
		e.Mentions = []store.Mention{}
		at[id] = len(out)
		out = append(out, e)
	}
	if err := rows.Close(); err != nil {
		return nil, s.errf("querying events: %w", err)
	}
	ids := make([]string, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	for start := 0; start < len(ids); start += 500 {
		in, a := inList(ids[start:min(len(ids), start+500)])
		rows, err := s.db.QueryContext(ctx, s.d.Rebind(`SELECT m.event_id, m.record, d.source, d.url, d.title, d.published
			FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id IN `+in+` ORDER BY m.id`), a...)
		if err != nil {
			return nil, s.errf("querying mentions: %w", err)
		}
		for rows.Next() {
			var eid, rec string
			var m store.Mention
			if err := rows.Scan(&eid, &rec, &m.Outlet, &m.URL, &m.Title, &m.Published); err != nil {
				rows.Close()
				return nil, s.errf("querying mentions: %w", err)
			}
			if err := json.Unmarshal([]byte(rec), &m.Event); err != nil {
				rows.Close()
				return nil, s.errf("decoding mention: %w", err)
			}
			i := at[eid]
			out[i].Mentions = append(out[i].Mentions, m)
		}
		if err := rows.Close(); err != nil {
			return nil, s.errf("querying mentions: %w", err)
		}
	}
	return out, nil
}

// words folds q and splits it into words of letters and digits.
func words(q string) []string {
	return strings.FieldsFunc(fuse.Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (store.Document, error) {
	var d store.Document
	var sketch string
	row := s.db.QueryRowContext(ctx, s.d.Rebind(`SELECT id, hash, minhash, lang, published, source, url, title, text FROM documents
		WHERE id = ? OR id = (SELECT doc_id FROM document_aliases WHERE alias = ?)`), id, id)
	err := row.Scan(&d.ID, &d.Hash, &sketch, &d.Lang, &d.Published, &d.Source, &d.URL, &d.Title, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Document{}, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return store.Document{}, s.errf("reading document %s: %w", id, err)
	}
	if d.MinHash, err = store.DecodeSketch(sketch); err != nil {
		return store.Document{}, s.errf("reading document %s: %w", id, err)
	}
	d.URLs, err = s.strings(ctx, `SELECT url FROM document_urls WHERE doc_id = ? ORDER BY url`, d.ID)
	if err != nil {
		return store.Document{}, s.errf("reading document %s: %w", id, err)
	}
	d.Aliases, err = s.strings(ctx, `SELECT alias FROM document_aliases WHERE doc_id = ? ORDER BY alias`, d.ID)
	if err != nil {
		return store.Document{}, s.errf("reading document %s: %w", id, err)
	}
	return d, nil
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.d.Rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	arg := s.d.MatchArg(words(q))
	if arg == "" {
		return nil, nil
	}
	query := `SELECT id, title, published, source FROM documents WHERE id IN (` + s.d.MatchDocs() + `) ORDER BY id`
	args := []any{arg}
	if limit > 0 {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, s.d.Rebind(query), args...)
	if err != nil {
		return nil, s.errf("searching %q: %w", q, err)
	}
	defer rows.Close()
	var out []store.Hit
	for rows.Next() {
		var h store.Hit
		if err := rows.Scan(&h.ID, &h.Title, &h.Published, &h.Source); err != nil {
			return nil, s.errf("searching %q: %w", q, err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf("searching %q: %w", q, err)
	}
	return out, nil
}

// HasURL implements store.Store.
func (s *Store) HasURL(ctx context.Context, url string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM document_urls WHERE url = ?`), url).Scan(&n)
	if err != nil {
		return false, s.errf("looking up URL %s: %w", url, err)
	}
	return n > 0, nil
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	for _, c := range []struct {
		table string
		n     *int
	}{
		{"documents", &st.Documents}, {"document_aliases", &st.Aliases}, {"document_urls", &st.URLs},
		{"mentions", &st.Mentions}, {"events", &st.Events}, {"sources", &st.Sources},
	} {
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+c.table).Scan(c.n); err != nil {
			return store.Stats{}, s.errf("counting %s: %w", c.table, err)
		}
	}
	return st, nil
}
