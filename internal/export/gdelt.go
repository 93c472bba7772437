package export

import (
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/store"
)

// GDELTColumns are the 61 columns of a GDELT 2.0 event file, in order.
func GDELTColumns() []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
		"QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		for _, c := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code",
			"Lat", "Long", "FeatureID"} {
			cols = append(cols, g+c)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// goldstein is the Goldstein score of each CAMEO root code: the usual
// value of the root's own code on the CAMEO Goldstein scale, used for every
// code under it (sitrep's codes are mostly roots or one digit below).
func goldstein(root string) string {
	scores := map[string]string{
		"01": "0.0", "02": "3.0", "03": "4.0", "04": "1.0", "05": "3.5",
		"06": "6.0", "07": "7.0", "08": "5.0", "09": "-2.0", "10": "-5.0",
		"11": "-2.0", "12": "-4.0", "13": "-6.0", "14": "-6.5", "15": "-7.2",
		"16": "-4.0", "17": "-7.0", "18": "-9.0", "19": "-10.0", "20": "-10.0",
	}
	return scores[root]
}

// quadClass is GDELT's QuadClass of a CAMEO root: 1 verbal cooperation
// (01–05), 2 material cooperation (06–09), 3 verbal conflict (10–14),
// 4 material conflict (15–20).
func quadClass(root string) string {
	n, err := strconv.Atoi(root)
	switch {
	case err != nil || n < 1 || n > 20:
		return ""
	case n <= 5:
		return "1"
	case n <= 9:
		return "2"
	case n <= 14:
		return "3"
	}
	return "4"
}

// cameoActor gives an actor's CAMEO code and its type code. A state actor
// "RUS.MIL" is "RUSMIL" of type MIL; police is COP; a non-state armed group
// is its base country followed by REB; civilians CVL, media MED,
// international organisations IGO.
func cameoActor(a *event.Actor) (code, typ string) {
	if a == nil {
		return "", ""
	}
	country := strings.ToUpper(a.Country)
	if base, role, ok := strings.Cut(a.ID, "."); ok && len(base) == 3 {
		if role == "POL" {
			role = "COP"
		}
		return base + role, role
	}
	switch a.Kind {
	case "non_state_armed_group":
		typ = "REB"
	case "civilians":
		typ = "CVL"
	case "media":
		typ = "MED"
	case "police":
		typ = "COP"
	case "state_military":
		typ = "MIL"
	case "state_government":
		typ = "GOV"
	case "international_org":
		typ = "IGO"
	}
	if len(a.ID) == 3 && !strings.Contains(a.ID, ":") {
		country = strings.ToUpper(a.ID)
	}
	return country + typ, typ
}

// globalID turns an event id into the integer GDELT wants: the id's 64-bit
// FNV-1a hash, cut to 53 bits so that spreadsheets and JavaScript keep it.
func globalID(id string) string {
	h := fnv.New64a()
	h.Write([]byte(id))
	return strconv.FormatUint(h.Sum64()&(1<<53-1), 10)
}

// geoBlock is one of GDELT's three geo blocks for a place: type (1
// country, 3 US city, 4 world city, 5 world first-level division), full
// name, FIPS country code, ADM1 code (the FIPS country code: sitrep does
// not hold FIPS division codes), ADM2 code (empty), latitude, longitude and
// feature id (the GeoNames id, where GDELT uses GNS ids).
func geoBlock(l *event.Place) []string {
	if l == nil {
		return make([]string, 8)
	}
	c, known := lookupCountry(l.Country)
	fips := ""
	if known {
		fips = c.fips
	}
	typ := "4"
	switch {
	case l.Precision == 3 && l.Admin1 == "":
		typ = "1"
	case l.Precision == 3:
		typ = "5"
	case fips == "US":
		typ = "3"
	}
	parts := []string{l.Name}
	if l.Admin1 != "" && l.Admin1 != l.Name {
		parts = append(parts, l.Admin1)
	}
	if known && c.name != l.Name {
		parts = append(parts, c.name)
	}
	feature := ""
	if l.GeonameID != 0 {
		feature = strconv.Itoa(l.GeonameID)
	}
	return []string{typ, strings.Join(parts, ", "), fips, fips, "", num(l.Lat), num(l.Lon), feature}
}

// WriteGDELT writes GDELT 2.0 event rows, tab-separated, without a header
// (as GDELT's own files). What sitrep does not know is left empty: known
// group, ethnic and religion codes, Type2/Type3 codes. AvgTone is 0. The
// actor geo blocks repeat the action's place for each actor present, as
// GDELT does for actors named in the sentence of the event. DATEADDED is the
// latest article's publication date at 00:00:00 UTC; SOURCEURL the first
// article's address.
func WriteGDELT(w io.Writer, evs []store.Event) error {
	for _, ev := range evs {
		row := gdeltRow(ev)
		for i, f := range row {
			row[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(f)
		}
		if _, err := io.WriteString(w, strings.Join(row, "\t")+"\n"); err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
	}
	return nil
}

func gdeltRow(ev store.Event) []string {
	var sqlDate, monthYear, year, fraction string
	if ev.Date.Value != nil {
		if t, err := time.Parse("2006-01-02", *ev.Date.Value); err == nil {
			sqlDate = t.Format("20060102")
			monthYear = t.Format("200601")
			year = t.Format("2006")
			fraction = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64)
		}
	}
	row := []string{globalID(ev.ID), sqlDate, monthYear, year, fraction}
	for _, a := range []*event.Actor{ev.Actor1, ev.Actor2} {
		code, typ := cameoActor(a)
		var name, cc string
		if a != nil {
			name = strings.ToUpper(actorName(a))
			cc = strings.ToUpper(a.Country)
		}
		row = append(row, code, name, cc, "", "", "", "", typ, "", "")
	}
	code := ev.CAMEO
	base, root := code, code
	if len(code) > 3 {
		base = code[:3]
	}
	if len(code) > 2 {
		root = code[:2]
	}
	outlets := map[string]bool{}
	for _, m := range ev.Mentions {
		outlets[m.Outlet] = true
	}
	row = append(row, "1", code, base, root, quadClass(root), goldstein(root),
		strconv.Itoa(len(ev.Mentions)), strconv.Itoa(len(outlets)), strconv.Itoa(ev.NumArticles), "0")
	action := geoBlock(ev.Location)
	for _, a := range []*event.Actor{ev.Actor1, ev.Actor2} {
		if a == nil {
			row = append(row, make([]string, 8)...)
			continue
		}
		row = append(row, action...)
	}
	row = append(row, action...)
	added := ""
	if t := addedAt(ev); !t.IsZero() {
		added = t.Format("20060102150405")
	}
	url := ""
	for _, m := range ev.Mentions {
		if m.URL != "" {
			url = m.URL
			break
		}
	}
	return append(row, added, url)
}
