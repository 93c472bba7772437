package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/store"
)

// ACLEDColumns are ACLED's columns, in ACLED's order.
func ACLEDColumns() []string {
	return []string{
		"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
		"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
		"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
		"iso", "region", "country", "admin1", "admin2", "admin3", "location",
		"latitude", "longitude", "geo_precision", "source", "source_scale",
		"notes", "fatalities", "tags", "timestamp",
	}
}

// acledEventTypes are ACLED's English labels of sitrep's event types.
func acledEventType(id string) string {
	switch id {
	case "battles":
		return "Battles"
	case "explosions_remote_violence":
		return "Explosions/Remote violence"
	case "violence_against_civilians":
		return "Violence against civilians"
	case "protests":
		return "Protests"
	case "riots":
		return "Riots"
	case "strategic_developments":
		return "Strategic developments"
	}
	return id
}

// acledSubEventType is ACLED's English label of a sitrep type.
func acledSubEventType(id string) string {
	labels := map[string]string{
		"armed_clash":                         "Armed clash",
		"government_regains_territory":        "Government regains territory",
		"non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
		"chemical_weapon":                     "Chemical weapon",
		"air_drone_strike":                    "Air/drone strike",
		"suicide_bomb":                        "Suicide bomb",
		"shelling_artillery_missile_attack":   "Shelling/artillery/missile attack",
		"remote_explosive_landmine_ied":       "Remote explosive/landmine/IED",
		"grenade":                             "Grenade",
		"sexual_violence":                     "Sexual violence",
		"attack":                              "Attack",
		"abduction_forced_disappearance":      "Abduction/forced disappearance",
		"peaceful_protest":                    "Peaceful protest",
		"protest_with_intervention":           "Protest with intervention",
		"excessive_force_against_protesters":  "Excessive force against protesters",
		"violent_demonstration":               "Violent demonstration",
		"mob_violence":                        "Mob violence",
		"agreement":                           "Agreement",
		"arrests":                             "Arrests",
		"change_to_group_activity":            "Change to group/activity",
		"disrupted_weapons_use":               "Disrupted weapons use",
		"headquarters_or_base_established":    "Headquarters or base established",
		"looting_property_destruction":        "Looting/property destruction",
		"non_violent_transfer_of_territory":   "Non-violent transfer of territory",
		"other":                               "Other",
	}
	if l, ok := labels[id]; ok {
		return l
	}
	return id
}

// disorderType follows ACLED: battles, explosions and violence against
// civilians are political violence, protests and riots demonstrations,
// excessive force against protesters both, and the rest strategic
// developments.
func disorderType(ev event.Event) string {
	switch {
	case ev.Type == "excessive_force_against_protesters":
		return "Political violence; Demonstrations"
	case ev.EventType == "battles" || ev.EventType == "explosions_remote_violence" || ev.EventType == "violence_against_civilians":
		return "Political violence"
	case ev.EventType == "protests" || ev.EventType == "riots":
		return "Demonstrations"
	}
	return "Strategic developments"
}

// timePrecision is ACLED's time_precision: 1 the day is known, 2 the week,
// 3 the month (or only the year); empty for an undated event.
func timePrecision(p string) string {
	switch p {
	case "day":
		return "1"
	case "week":
		return "2"
	case "month", "year":
		return "3"
	}
	return ""
}

// inter is ACLED's actor category code, from the actor's kind:
//
//	1 state forces      state_military, state_government, police, acting in
//	                    their own country (or where the place is unknown)
//	8 external forces   the same, acting in another country; and
//	                    international_org
//	2 rebel groups      non_state_armed_group (sitrep does not tell rebels
//	                    from political (3) or identity (4) militias)
//	5 rioters           actor1 of a riot when civilians or unknown
//	6 protesters        actor1 of a protest when civilians or unknown
//	7 civilians         civilians, media
//	0                   no actor, or an unknown kind elsewhere
func inter(a *event.Actor, ev event.Event, first bool) int {
	if a == nil {
		return 0
	}
	switch a.Kind {
	case "state_military", "state_government", "police":
		if ev.Location != nil && ev.Location.Country != "" && a.Country != "" {
			if c, ok := lookupCountry(ev.Location.Country); ok && c.alpha3 != strings.ToUpper(a.Country) {
				return 8
			}
		}
		return 1
	case "international_org":
		return 8
	case "non_state_armed_group":
		return 2
	}
	if first && ev.EventType == "riots" && (a.Kind == "civilians" || a.Kind == "unknown" || a.Kind == "") {
		return 5
	}
	if first && ev.EventType == "protests" && (a.Kind == "civilians" || a.Kind == "unknown" || a.Kind == "") {
		return 6
	}
	switch a.Kind {
	case "civilians", "media":
		return 7
	}
	return 0
}

// interaction combines two inter codes as ACLED does: the lower first
// ("17"), or the one code followed by 0 when there is one actor ("20").
func interaction(i1, i2 int) string {
	switch {
	case i1 == 0 && i2 == 0:
		return ""
	case i2 == 0:
		return strconv.Itoa(i1 * 10)
	case i1 == 0:
		return strconv.Itoa(i2 * 10)
	case i1 > i2:
		i1, i2 = i2, i1
	}
	return strconv.Itoa(i1*10 + i2)
}

// actorName is the name ACLED would print.
func actorName(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// addedAt is when the latest article telling the event was published, as
// a UTC time at midnight; zero when no article says.
func addedAt(ev store.Event) time.Time {
	var dates []string
	for _, m := range ev.Mentions {
		if len(m.Published) >= 10 {
			dates = append(dates, m.Published[:10])
		}
	}
	if len(dates) == 0 {
		return time.Time{}
	}
	sort.Strings(dates)
	t, err := time.Parse("2006-01-02", dates[len(dates)-1])
	if err != nil {
		return time.Time{}
	}
	return t
}

// notes writes a one-sentence summary in ACLED's manner.
func notes(ev event.Event) string {
	var b strings.Builder
	if ev.Date.Value != nil {
		fmt.Fprintf(&b, "On %s, ", *ev.Date.Value)
	}
	who := actorName(ev.Actor1)
	if who == "" {
		who = "unidentified actors"
	}
	fmt.Fprintf(&b, "%s: %s", who, strings.ToLower(acledSubEventType(ev.Type)))
	if ev.Actor2 != nil {
		fmt.Fprintf(&b, " against %s", actorName(ev.Actor2))
	}
	if ev.Location != nil {
		fmt.Fprintf(&b, " in %s", ev.Location.Name)
	}
	var ws []string
	for _, w := range ev.Weapons {
		ws = append(ws, strings.ReplaceAll(w.Class, "_", " "))
	}
	if len(ws) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(ws, ", "))
	}
	b.WriteString(".")
	if ev.Fatalities != nil {
		fmt.Fprintf(&b, " Fatalities: %d.", ev.Fatalities.Best)
	}
	if ev.Modality != "" && ev.Modality != "asserted" {
		fmt.Fprintf(&b, " Modality: %s.", ev.Modality)
	}
	return b.String()
}

// WriteACLED writes an ACLED-style CSV: a header and one row per event.
//
// event_id_cnty is the country's alpha-3 code (or "XXX") followed by the
// event id; iso is the ISO 3166-1 numeric code; admin2 and admin3 are
// empty (sitrep does not resolve them); source joins the sources' names
// with "; "; source_scale is empty; tags holds the modality when it is not
// "asserted"; timestamp is the Unix time of the latest article's
// publication date.
func WriteACLED(w io.Writer, evs []store.Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ACLEDColumns()); err != nil {
		return err
	}
	for _, ev := range evs {
		if err := cw.Write(acledRow(ev)); err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

func acledRow(ev store.Event) []string {
	var date, year string
	if ev.Date.Value != nil {
		date = *ev.Date.Value
		if len(date) >= 4 {
			year = date[:4]
		}
	}
	i1, i2 := inter(ev.Actor1, ev.Event, true), inter(ev.Actor2, ev.Event, false)
	itoa := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	civ := ""
	if ev.EventType == "violence_against_civilians" || (ev.Actor2 != nil && ev.Actor2.Kind == "civilians") {
		civ = "Civilian targeting"
	}
	cc := "XXX"
	var iso, region, countryName, admin1, loc, lat, lon, prec string
	if l := ev.Location; l != nil {
		countryName = l.Country
		if c, ok := lookupCountry(l.Country); ok {
			cc, iso, region, countryName = c.alpha3, c.numeric, c.region, c.name
		}
		admin1, loc = l.Admin1, l.Name
		lat, lon = num(l.Lat), num(l.Lon)
		if l.Precision > 0 {
			prec = strconv.Itoa(l.Precision)
		}
	}
	var srcs []string
	for _, s := range ev.Sources {
		srcs = append(srcs, s.Name)
	}
	fat := "0"
	if ev.Fatalities != nil {
		fat = strconv.Itoa(ev.Fatalities.Best)
	}
	tags := ""
	if ev.Modality != "" && ev.Modality != "asserted" {
		tags = ev.Modality
	}
	ts := ""
	if t := addedAt(ev); !t.IsZero() {
		ts = strconv.FormatInt(t.Unix(), 10)
	}
	return []string{
		cc + ev.ID, date, year, timePrecision(ev.Date.Precision), disorderType(ev.Event),
		acledEventType(ev.EventType), acledSubEventType(ev.Type),
		actorName(ev.Actor1), "", itoa(i1),
		actorName(ev.Actor2), "", itoa(i2), interaction(i1, i2), civ,
		iso, region, countryName, admin1, "", "", loc,
		lat, lon, prec, strings.Join(srcs, "; "), "",
		notes(ev.Event), fat, tags, ts,
	}
}
