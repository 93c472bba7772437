// Package event holds sitrep's record types: the input Document and the
// Event record with its Actor, Place, Date, Weapon, Fatalities and Source
// parts, exactly as ../shared/spec/EVENTS.md names them. The types carry
// their JSON encoding; gold files and system output share them.
//
// The root package sitrep re-exports these types; this package exists so
// that the pipeline's internal stages can build records without importing
// the root package.
package event

import (
	"encoding/json"
	"fmt"
)

// Document is one news article to extract events from.
type Document struct {
	ID        string `json:"id,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD or RFC 3339
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text,omitempty"`
}

// Span is a half-open byte range [Start, End) into a document's text. It
// encodes in JSON as a two-element array.
type Span struct {
	Start, End int
}

// MarshalJSON encodes the span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("[%d,%d]", s.Start, s.End)), nil
}

// UnmarshalJSON decodes a [start, end] array.
func (s *Span) UnmarshalJSON(b []byte) error {
	var a []int
	if err := json.Unmarshal(b, &a); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	if len(a) != 2 {
		return fmt.Errorf("span: want [start, end], got %d numbers", len(a))
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// Overlaps reports whether two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Event is one event record.
type Event struct {
	ID         string      `json:"id,omitempty"`
	Doc        string      `json:"doc"`
	Type       string      `json:"type"`
	EventType  string      `json:"event_type"`
	CAMEO      string      `json:"cameo,omitempty"`
	Actor1     *Actor      `json:"actor1"`
	Actor2     *Actor      `json:"actor2"`
	Location   *Place      `json:"location"`
	Date       Date        `json:"date"`
	Weapons    []Weapon    `json:"weapons"`
	Fatalities *Fatalities `json:"fatalities"`
	Targets    []string    `json:"targets"`
	Sources    []Source    `json:"sources"`
	Modality   string      `json:"modality"`
	Evidence   []Span      `json:"evidence"`
	Confidence float64     `json:"confidence"`

	// Optional marks a gold event that is neither rewarded nor penalised.
	Optional bool `json:"optional,omitempty"`
	// Note is a free-text remark (gold files use it to explain a choice).
	Note string `json:"note,omitempty"`
}

// Actor is who acted (actor1) or on whom (actor2).
type Actor struct {
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Text    string `json:"text,omitempty"`
}

// Place is where an event happened.
type Place struct {
	Name      string  `json:"name"`
	GeonameID int     `json:"geonameid,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Admin1    string  `json:"admin1,omitempty"`
	Country   string  `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Precision int     `json:"precision"`         // ACLED geo_precision: 1, 2 or 3
	Text      string  `json:"text,omitempty"`
}

// Date is when an event happened. Value is nil when Precision is "unknown".
type Date struct {
	Value     *string `json:"value"`
	Precision string  `json:"precision"`
	Text      string  `json:"text,omitempty"`
}

// Weapon is one instrument the acting side used, or that was transferred
// or seized.
type Weapon struct {
	Class    string `json:"class"`
	Model    string `json:"model,omitempty"`
	Text     string `json:"text,omitempty"`
	Quantity int    `json:"quantity,omitempty"`
}

// Fatalities counts the dead. Min and Max are nil when not stated.
type Fatalities struct {
	Best int    `json:"best"`
	Min  *int   `json:"min,omitempty"`
	Max  *int   `json:"max,omitempty"`
	Text string `json:"text,omitempty"`
}

// Source is who reports an event.
type Source struct {
	Name        string `json:"name"`
	Kind        string `json:"kind,omitempty"`
	Country     string `json:"country,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	Text        string `json:"text,omitempty"`
}

// Gold is the content of a NAME.gold.json file.
type Gold struct {
	Doc    Document `json:"doc"`
	Events []Event  `json:"events"`
}

// Types maps each ACLED sub-event type to its event type.
var Types = map[string]string{
	"armed_clash":                         "battles",
	"government_regains_territory":        "battles",
	"non_state_actor_overtakes_territory": "battles",
	"chemical_weapon":                     "explosions_remote_violence",
	"air_drone_strike":                    "explosions_remote_violence",
	"suicide_bomb":                        "explosions_remote_violence",
	"shelling_artillery_missile_attack":   "explosions_remote_violence",
	"remote_explosive_landmine_ied":       "explosions_remote_violence",
	"grenade":                             "explosions_remote_violence",
	"sexual_violence":                     "violence_against_civilians",
	"attack":                              "violence_against_civilians",
	"abduction_forced_disappearance":      "violence_against_civilians",
	"peaceful_protest":                    "protests",
	"protest_with_intervention":           "protests",
	"excessive_force_against_protesters":  "protests",
	"violent_demonstration":               "riots",
	"mob_violence":                        "riots",
	"agreement":                           "strategic_developments",
	"arrests":                             "strategic_developments",
	"change_to_group_activity":            "strategic_developments",
	"disrupted_weapons_use":               "strategic_developments",
	"headquarters_or_base_established":    "strategic_developments",
	"looting_property_destruction":        "strategic_developments",
	"non_violent_transfer_of_territory":   "strategic_developments",
	"other":                               "strategic_developments",
}

// WeaponClasses lists the weapon classes of EVENTS.md.
var WeaponClasses = []string{
	"cruise_missile", "ballistic_missile", "rocket", "guided_missile",
	"mortar", "artillery", "bomber_aircraft", "fighter_aircraft",
	"helicopter", "drone", "warship", "submarine", "tank",
	"armored_vehicle", "truck", "heavy_weapons", "machine_gun",
	"assault_rifle", "small_arms", "explosive", "ied", "chemical",
}
