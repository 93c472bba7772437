package score_test

import (
	"fmt"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/score"
)

func ExampleScore() {
	text := "Russian jets struck Deir ez-Zor on Wednesday. A match was played."
	date := "2017-11-08"
	gold := event.Event{
		Type: "air_drone_strike", EventType: "explosions_remote_violence", CAMEO: "195",
		Actor1:   &event.Actor{ID: "RUS.MIL"},
		Location: &event.Place{Name: "Deir ez-Zor", Lat: 35.3359, Lon: 40.1408, Precision: 1},
		Date:     event.Date{Value: &date, Precision: "day"},
		Sources:  []event.Source{{Name: "Sputnik", Kind: "media"}},
		Modality: "asserted",
		Evidence: []event.Span{{Start: 0, End: 45}},
	}
	cases := []score.Case{{Name: "deir", Text: text,
		Gold: event.Gold{Doc: event.Document{ID: "d1"}, Events: []event.Event{gold}}}}

	found := gold
	found.Doc = "d1"
	found.Sources = []event.Source{{Name: "Agence Sputnik"}}
	found.Location = &event.Place{Name: "Deir ez-Zor airport", Lat: 35.29, Lon: 40.18, Precision: 1}
	spurious := event.Event{Doc: "d1", Type: "other", Evidence: []event.Span{{Start: 46, End: 65}}}

	r := score.Score(cases, []event.Event{found, spurious})
	loc, _ := r.Field(score.FieldLocation)
	fmt.Printf("event F1 %.2f, full F1 %.2f, location %.2f, %+v\n", r.EventF1(), r.FullF1(), loc.Accuracy(), r.Event)
	// Output: event F1 0.67, full F1 0.67, location 1.00, {TP:1 FP:1 FN:0}
}
