package extract

import (
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
)

// TestRoles checks each grammatical cue that decides who acted and on
// whom, one sentence each, with no gazetteer (no places).
func TestRoles(t *testing.T) {
	lex := map[string]*lexicon.Lexicon{}
	for _, l := range []string{"fr", "en"} {
		x, err := lexicon.Default(l)
		if err != nil {
			t.Fatal(err)
		}
		lex[l] = x
	}
	pub := time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, lang, in string
		typ, a1, a2    string
	}{
		{"subject and object", "fr", "Les forces turques ont bombardé les YPG.", "shelling_artillery_missile_attack", "TUR.MIL", "group:ypg"},
		{"agent of a passive", "fr", "Les YPG ont été bombardées par l'armée turque.", "shelling_artillery_missile_attack", "TUR.MIL", "group:ypg"},
		{"agent genitive of a weapon", "fr", "Des tirs de mortier de Daech ont visé les FDS.", "shelling_artillery_missile_attack", "group:isis", "group:sdf"},
		{"adjective of a nominal trigger", "fr", "Des frappes russes contre Daech.", "air_drone_strike", "RUS.MIL", "group:isis"},
		{"demonym before a nominal trigger", "en", "Russian airstrikes on ISIS positions.", "air_drone_strike", "RUS.MIL", "group:isis"},
		{"passive subject is the target", "en", "Twelve SDF fighters were killed by Turkish drones.", "air_drone_strike", "TUR.MIL", "group:sdf"},
		{"a backer is no party", "fr", "Les FDS, soutenues par Washington, ont chassé les djihadistes de l'EI de Raqqa.", "non_state_actor_overtakes_territory", "group:sdf", "group:isis"},
		{"clash between two sides", "en", "Clashes between the Syrian army and HTS.", "armed_clash", "SYR.MIL", "group:hts"},
		{"receiving from an agent", "fr", "Les FDS ont reçu des armes fournies par les États-Unis.", "other", "USA", "group:sdf"},
		{"the accused is the doer", "en", "President Zelensky accused Russia of shelling Ukrainian troops near Kharkiv.", "shelling_artillery_missile_attack", "RUS.MIL", "UKR.MIL"},
		{"passive read from its verb", "fr", "Deux soldats français ont été tués lorsque leur blindé a sauté sur une mine posée par le JNIM.", "", "group:jnim", "FRA.MIL"},
		{"group before a trigger noun", "en", "Fifteen soldiers were killed in IS counterattacks on the city.", "", "group:isis", ""},
		{"protesters act", "fr", "Des manifestants nigériens ont saccagé le siège du PNDS.", "violent_demonstration", "NER.CVL", "group:pnds"},
		{"the state after a role word's genitive", "fr", "L'ONG attribue le raid à des avions du régime de Bachar al-Assad.", "", "SYR.MIL", ""},
		{"forces loyal to a leader", "en", "Forces loyal to Bashar al-Assad shelled the town, killing four civilians.", "", "SYR.MIL", ""},
		{"an acronym is no auxiliary", "en", "IS had retaken most of the town.", "", "group:isis", ""},
		{"a clash has two sides", "fr", "Les combats avec les jihadistes ont fait dix morts dans les rangs de l'armée malienne.", "armed_clash", "MLI.MIL", ""},
		{"the doer in the verb's own clause", "en", "Russian armoured vehicles had entered the city, but Ukrainian forces repelled them.", "armed_clash", "UKR.MIL", "RUS.MIL"},
		{"one more of the same doer's", "en", "Russian drones struck the port on Monday. On Tuesday, cruise missiles had also hit the city centre.", "shelling_artillery_missile_attack", "RUS.MIL", ""},
		{"a reference word with the group in its phrase", "fr", "Des combattants du groupe jihadiste Boko Haram ont attaqué les soldats tchadiens.", "", "group:boko-haram", ""},
		{"the work of a group", "fr", "Les hommes armés ont tué dix civils. Selon un officier, l'attaque est l'œuvre de combattants du groupe paramilitaire russe Wagner.", "", "group:wagner", ""},
		{"a blame verb with an elided gap", "fr", "Douze civils ont été tués lundi à Inékar. Les élus attribuent l'attaque à l'État islamique au Grand Sahara.", "", "group:isgs", ""},
		{"back-reference by trait", "fr", "L'EI a attaqué les FDS. Les djihadistes ont bombardé les positions kurdes.", "", "group:isis", ""},
	}
	for _, c := range cases {
		doc := text.Analyze(c.in, c.lang)
		evs := Events(Input{DocID: "t", Doc: doc, Lex: lex[c.lang], Published: pub})
		if len(evs) == 0 {
			t.Errorf("%s: no event in %q", c.name, c.in)
			continue
		}
		e := evs[len(evs)-1]
		a1, a2 := "", ""
		if e.Actor1 != nil {
			a1 = e.Actor1.ID
		}
		if e.Actor2 != nil {
			a2 = e.Actor2.ID
		}
		if c.typ != "" && e.Type != c.typ {
			t.Errorf("%s: type %s, want %s", c.name, e.Type, c.typ)
		}
		if a1 != c.a1 || (c.a2 != "" && a2 != c.a2) {
			t.Errorf("%s: %q → actors %s → %s, want %s → %s", c.name, c.in, a1, a2, c.a1, c.a2)
		}
	}
}
