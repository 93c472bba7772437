package geo_test

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/geo"
)

// Find places the names of an article, with their precision and role.
func ExampleGazetteer_Find() {
	g, err := geo.Default()
	if err != nil {
		panic(err)
	}
	text := "Six bombardiers, qui ont survolé l’Iran et l’Irak, ont frappé près de la ville syrienne d’al-Boukamal, dans la province de Deir ez-Zor."
	for _, m := range g.Find(text, "fr") {
		fmt.Printf("%s → %s (%s), precision %d, %s\n", m.Text, m.Place.Name, m.Place.Feature, m.Precision, m.Role)
	}
	// Output:
	// survolé l’Iran → Iran (country), precision 3, overflown
	// Irak → Iraq (country), precision 3, overflown
	// près de la ville syrienne d’al-Boukamal → Albu Kamal (city), precision 2, event
	// la province de Deir ez-Zor → Deir ez-Zor (region), precision 3, event
}

// Lookup geocodes one name, best candidate first.
func ExampleGazetteer_Lookup() {
	g, err := geo.Default()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"Mossoul", "Kharkov", "البوكمال"} {
		p := g.Lookup(name, geo.Options{})[0].Place
		fmt.Printf("%s → %s, %s (%.2f, %.2f)\n", name, p.Name, p.Country, p.Lat, p.Lon)
	}
	// Output:
	// Mossoul → Mosul, IQ (36.34, 43.12)
	// Kharkov → Kharkiv, UA (49.98, 36.25)
	// البوكمال → Albu Kamal, SY (34.45, 40.92)
}
