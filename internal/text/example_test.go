package text_test

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/text"
)

func ExampleAnalyze() {
	d := text.Analyze("«Six bombardiers ont frappé. Ils ont visé l’EI», a annoncé M. Ivanov. Le bilan est inconnu.", "")
	fmt.Println(d.Lang)
	for _, s := range d.Sentences {
		fmt.Printf("%q\n", d.Text[s.Start:s.End])
	}
	for _, q := range d.Quotes {
		fmt.Printf("quote %q\n", d.Text[q.Start:q.End])
	}
	// Output:
	// fr
	// "«Six bombardiers ont frappé. Ils ont visé l’EI», a annoncé M. Ivanov."
	// "Le bilan est inconnu."
	// quote "«Six bombardiers ont frappé. Ils ont visé l’EI»"
}

func ExampleTokenize() {
	for _, t := range text.Tokenize("L’armée a visé des Tu-22M3") {
		fmt.Println(t.Kind, t.Norm, t.Cap)
	}
	// Output:
	// elision l' true
	// word armee false
	// word a false
	// word vise false
	// word des false
	// word tu true
	// punct - false
	// word 22m3 false
}

func ExampleFoldWithOffsets() {
	orig := "Les États-Unis"
	f := text.FoldWithOffsets(orig)
	i := 4 // "etats" in f.Text
	fmt.Println(f.Text, orig[f.Offsets[i]:f.Offsets[i+5]])
	// Output: les etats-unis États
}
