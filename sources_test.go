package sitrep_test

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// TestSources checks each way a source is found: lexicon names, the
// subject or inverted subject of a reporting verb that no lexicon lists,
// acronyms, anonymity clauses and accusations. One or two sentences each;
// the last event's sources are compared, innermost first.
func TestSources(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		name, lang, in string
		want           string // names joined by "; ", anonymous ones as "NAME/AFFILIATION"
		modality       string
	}{
		{"lexicon name after selon", "fr", "Trois civils ont été tués par une frappe de drone à Idleb, selon l'OSDH.", "Syrian Observatory for Human Rights", "reported"},
		{"unlisted English subject", "en", "Gunmen killed five farmers in the village near Maiduguri on Tuesday, the state emergency management agency said.", "state emergency management agency", "reported"},
		{"unlisted English name in capitals", "en", "A drone struck a gas field on Friday, killing four workers near Chamchamal, the Kurdistan Regional Government said.", "Kurdistan Regional Government", "reported"},
		{"French name given with its acronym", "fr", "Des hommes armés ont enlevé dix fidèles mardi à Kenscoff, a rapporté le Réseau national de défense des droits humains (RNDDH).", "RNDDH", "reported"},
		{"the acronym wins over an actor inside the name", "fr", "Des gangs ont attaqué le commissariat de Croix-des-Bouquets mardi, tuant trois policiers, a indiqué le Syndicat national des policiers haïtiens (SYNAPOHA).", "SYNAPOHA", "reported"},
		{"an unlisted French phrase reports without an English name", "fr", "Des hommes armés ont tué deux bergers mardi près de Ménaka, selon un élu de la commune.", "", "reported"},
		{"relatives", "en", "Gunmen kidnapped a community leader near Tibú on Monday, his family said.", "family", "reported"},
		{"relatives in French", "fr", "Les ravisseurs ont enlevé un pasteur lundi à Kenscoff, selon un proche des otages.", "relative", "reported"},
		{"who was told is a source too", "en", "A truck bomb exploded outside the base in Tame on Monday, a military source told local radio.", "anonymous military source/COL.MIL; local radio", "reported"},
		{"the one blamed does not report", "en", "Residents blamed the federal army for a drone strike that killed 26 people in Finote Selam on Sunday.", "resident", "reported"},
		{"anonymity clause takes the side of the one it follows", "en", "A drone struck the base near Erbil on Friday, a Peshmerga commander, speaking on condition of anonymity, said.", "anonymous source/group:peshmerga", "reported"},
		{"a named anonymous source replaces the bare clause", "en", "Militants attacked a checkpoint in Mandera on Friday, a security source said on condition of anonymity.", "anonymous security source/KEN.MIL", "reported"},
		{"staff of a listed source", "fr", "Des soldats ont tiré sur la foule lundi à Bamako, selon des journalistes de l'AFP.", "AFP", "reported"},
		{"a passive is no subject", "en", "Russian shelling of Bakhmut was reported on Monday.", "", "asserted"},
		{"a surname takes up the title named with it", "en", "Rockets hit apartment blocks in Kharkiv on Sunday, according to the governor, Oleh Synehubov. On Monday, a missile struck the city hall, Synehubov said.", "governor", "reported"},
		{"an anonymous officer's genitive gives the side", "fr", "Des hommes armés ont tué sept civils dimanche à Koza, au Cameroun, selon un officier de l'armée camerounaise ayant requis l'anonymat.", "anonymous officer in the Military Forces of Cameroon/CMR.MIL", "reported"},
		{"an anonymity clause after a source is that source", "en", "Pakistani jets struck Paktika, Afghanistan, on Tuesday, a security official in Islamabad, speaking on condition of anonymity, said.", "anonymous security official/PAK.MIL", "reported"},
		{"the army of the place's country by its own name", "en", "Government troops retook the town of Singa, Sudan, from the paramilitaries on Saturday, the army said.", "Sudanese Armed Forces (SAF)", "reported"},
		{"a propaganda agency is no denial", "fr", "Le JNIM a affirmé dans un message diffusé par son agence de propagande avoir tué 30 soldats mercredi près de Karimama, au Bénin.", "JNIM", "reported"},
		{"a prefect by his title", "fr", "Au moins sept civils ont été tués dimanche près de Mokolo, au Cameroun, a indiqué mardi le préfet du département, Jean Mbarga.", "prefect", "reported"},
		{"authorities are not the government's name", "en", "Houthi shelling killed two children in Taiz, Yemen, overnight, local authorities said.", "authorities", "reported"},
		{"a place is no subject", "en", "Russian missiles hit Kharkiv on Monday. Kyiv said the strikes killed four civilians.", "Government of Ukraine", "reported"},
	}
	for _, c := range cases {
		evs, err := x.Extract(sitrep.Document{Text: c.in, Lang: c.lang, Published: "2024-05-10"})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			t.Errorf("%s: no event in %q", c.name, c.in)
			continue
		}
		e := evs[len(evs)-1]
		var got []string
		for _, s := range e.Sources {
			n := s.Name
			if s.Kind == "anonymous" {
				n += "/" + s.Affiliation
			}
			got = append(got, n)
		}
		if g := strings.Join(got, "; "); g != c.want || e.Modality != c.modality {
			t.Errorf("%s: %q\n got sources %q, modality %s\nwant sources %q, modality %s", c.name, c.in, g, e.Modality, c.want, c.modality)
		}
	}
}
