package extract

import (
	"strings"

	"github.com/sitrep/sitrep/event"
)

// decideType chooses the ACLED sub-event type and CAMEO code of an event
// from its trigger family, its weapons and its actors.
//
//   - Remote violence (strike, kill, destroy): chemical weapons make a
//     chemical attack; anything fired from the air (aircraft, drones, an
//     air-launched missile) an air or drone strike; an IED a remote
//     explosive; a missile, rocket, shell or mortar fired from the ground
//     or a ship shelling. A killing with no weapon is an attack on
//     civilians when civilians are its victims, else an armed clash.
//   - Capture: a state's army retaking a town of its own country regains
//     territory; anyone else — a foreign army included, as ACLED codes it —
//     overtakes territory.
//   - Everything else keeps the trigger's type.
func (x *docState) decideType(head *frame, e *evt, ws []event.Weapon, a1, a2 *actorMention, loc *event.Place) (string, string) {
	fams := map[string]bool{}
	for _, f := range e.frames {
		for k := range f.families {
			fams[k] = true
		}
	}
	switch head.family {
	case "hit", "strike", "kill", "destroy", "clash":
		classes := map[string]bool{}
		air := false
		for _, f := range e.frames {
			for _, w := range f.weapons {
				classes[w.class] = true
				if platformOf(w) == "air" {
					air = true
				}
			}
		}
		switch {
		case classes["chemical"] || fams["chemical"]:
			return "chemical_weapon", "195"
		case fams["suicide"]:
			return "suicide_bomb", "183"
		case air:
			return "air_drone_strike", "195"
		case classes["ied"]:
			return "remote_explosive_landmine_ied", "183"
		case classes["cruise_missile"] || classes["ballistic_missile"] || classes["warship"] || classes["submarine"]:
			return "shelling_artillery_missile_attack", "195"
		case classes["rocket"] || classes["guided_missile"] || classes["mortar"] || classes["artillery"] || classes["tank"] || classes["heavy_weapons"]:
			return "shelling_artillery_missile_attack", "194"
		case classes["explosive"]:
			return "remote_explosive_landmine_ied", "183"
		}
		if head.family == "clash" {
			// An attack on civilians is violence against civilians, a
			// fight between armed sides a clash.
			if a2 != nil && a2.kind == "civilians" && onlyGuns(classes) {
				return "attack", "180"
			}
			break
		}
		if head.family == "kill" || (head.family == "destroy" && len(classes) == 0 && a1 != nil) {
			if a2 != nil && a2.kind == "civilians" {
				return "attack", "180"
			}
			if head.family == "kill" {
				if a1 != nil && a2 != nil {
					return "armed_clash", "190"
				}
				return "attack", "180"
			}
		}
	case "protest", "riot":
		// Armed men storming a church or a village attack it; a
		// demonstration that breaks, burns or storms is a riot.
		if a1 != nil && a1.kind == "non_state_armed_group" {
			if !fams["riot"] && !fams["destroy"] {
				return "", "" // "the gunmen marched their captives into a forest": no protest
			}
			return "attack", "180"
		}
		// Police or soldiers storming barricades or detaining
		// protesters intervene in a protest; they do not riot.
		if a1 != nil && (a1.kind == "police" || a1.kind == "state_military" || a1.role == "POL" || a1.role == "MIL") && head.typ == "violent_demonstration" {
			return "protest_with_intervention", "141"
		}
		if fams["riot"] || fams["destroy"] {
			return "violent_demonstration", "145"
		}
	case "capture":
		// "Government forces recaptured the village": a role word with no
		// country is the forces of the place's country.
		if a1 != nil && (a1.kind == "state_military" || a1.role == "MIL") && loc != nil && (a1.country == "" || x.alpha3(loc.Country) == a1.country) {
			return "government_regains_territory", "190"
		}
		return "non_state_actor_overtakes_territory", "190"
	}
	return head.typ, head.cameo
}

// alpha3 maps an ISO 3166-1 alpha-2 code to alpha-3.
func (x *docState) alpha3(a2 string) string {
	if c, ok := x.lex.Countries[a2]; ok {
		return c.Alpha3
	}
	return ""
}

// actor builds the record's actor. A country named without a role takes
// the role the event gives it (its military in violence, its police in
// arrests, its government otherwise); a role word with no country ("civils", "l'armée") and an
// unresolved reference ("les djihadistes" before any group is named)
// take the country of the event's place.
func (x *docState) actor(a *actorMention, family string, loc *event.Place, slot int) *event.Actor {
	if a == nil || a.ref == "=speaker" {
		return nil
	}
	out := &event.Actor{ID: a.id, Name: a.name, Kind: a.kind, Country: a.country, Text: x.span(a.first, a.last)}
	locCountry := ""
	if loc != nil {
		locCountry = x.alpha3(loc.Country)
	}
	switch {
	case strings.HasPrefix(a.ref, "="):
		if locCountry == "" {
			return nil
		}
		out.ID, out.Kind, out.Country = locCountry+".REB", "non_state_armed_group", locCountry
		out.Name = roleName("REB", x.countryName(locCountry))
	case a.role != "":
		c := locCountry
		if c == "" {
			return nil
		}
		out.ID, out.Kind, out.Country = c+"."+a.role, roleKind(a.role), c
		out.Name = roleName(a.role, x.countryName(c))
	case a.country != "" && a.id == a.country:
		switch group(family) {
		case "violence", "clash", "capture", "intercept":
			out.ID, out.Kind = a.country+".MIL", "state_military"
			out.Name = roleName("MIL", x.countryName(a.country))
		case "arrest":
			// The arresting side is a country's police, the arrested its
			// people ("ont arrêté une vingtaine de Palestiniens").
			role := "POL"
			if slot == 2 {
				role = "CVL"
			}
			out.ID, out.Kind = a.country+"."+role, roleKind(role)
			out.Name = roleName(role, x.countryName(a.country))
		}
	}
	if out.Country == "" && !isGroup(out.ID) && len(out.ID) >= 3 {
		out.Country = out.ID[:3]
	}
	return out
}

// onlyGuns reports whether the weapon classes are at most firearms and
// vehicles: gunmen raiding a village with rifles attack civilians.
func onlyGuns(classes map[string]bool) bool {
	for c := range classes {
		switch c {
		case "small_arms", "assault_rifle", "machine_gun", "truck":
		default:
			return false
		}
	}
	return true
}
