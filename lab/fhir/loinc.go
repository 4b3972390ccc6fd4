package fhir

import (
	"strings"

	"torchlab/lab"
)

// scale is what a LOINC code's value is, read from the property in its
// name: [Units/volume] is a number with its unit; [Presence] (ordinal) and
// [Interpretation] (nominal) are a coded answer, never a number.
type scale int

const (
	quantity scale = iota + 1
	coded
)

// loincTerm is what torchlab knows of one LOINC code.
type loincTerm struct {
	scale scale
	// name is LOINC's long name as domain.md §5 verified it, sent as the
	// coding's display; "" where §5 has no verified long name.
	name string
}

// loincTerms are the codes an analyte may carry (analytes.loinc): only
// those domain.md §5 verified, so that the scale of every code sent is
// known. A code that is not here is not sent; the analyte is then coded
// locally (docs/decisions.md, "FHIR R4 export").
var loincTerms = map[string]loincTerm{
	"8039-0":  {quantity, "Toxoplasma gondii IgG Ab [Units/volume] in Serum"},
	"40678-5": {coded, "Toxoplasma gondii IgM Ab [Presence] in Serum or Plasma by Immunoassay"},
	"5334-8":  {quantity, "Rubella virus IgG Ab [Units/volume] in Serum by Immunoassay"},
	"5335-5":  {quantity, "Rubella virus IgM Ab [Units/volume] in Serum by Immunoassay"},
	"7853-5":  {quantity, "Cytomegalovirus IgM Ab [Units/volume] in Serum or Plasma"},
	// §5 writes these two names with "HSV 1 and 2", which is not how
	// LOINC spells its long names: no display rather than a wrong one.
	"44009-9": {coded, ""},
	"44008-1": {coded, ""},
}

// unit is a kit's unit in UCUM, and whether it is an amount per volume,
// the only unit a [Units/volume] code takes.
type unit struct {
	ucum      string
	perVolume bool
}

// units are the kits' units by lower-case spelling. An antibody kit's "U"
// is an arbitrary unit, not UCUM's U (the enzyme unit, µmol/min).
var units = map[string]unit{
	"iu/ml":  {"[IU]/mL", true},
	"miu/ml": {"m[IU]/mL", true},
	"au/ml":  {"[arb'U]/mL", true},
	"u/ml":   {"[arb'U]/mL", true},
	"index":  {"{index}", false},
	"ratio":  {"{ratio}", false},
}

// valueKind is where an Observation carries a result.
type valueKind int

const (
	// asQuantity: valueQuantity on the Observation.
	asQuantity valueKind = iota + 1
	// asConcept: valueCodeableConcept, the interpretation.
	asConcept
	// asConceptAndComponent: valueCodeableConcept, with the number in a
	// component under the analyte's local code.
	asConceptAndComponent
)

// codeChoice is the code an Observation carries and how its value goes.
type codeChoice struct {
	loinc string // "" when the analyte is coded locally
	term  loincTerm
	value valueKind
}

// chooseCode applies the scale rule to one result: a quantitative code only
// with a number in a unit per volume; a coded one with the interpretation
// as its value, and the number, if any, in a component; otherwise no
// LOINC code at all, and the analyte's local code takes whatever the kit
// gave.
func chooseCode(loinc string, r lab.ReportResult) codeChoice {
	term, known := loincTerms[loinc]
	switch {
	case known && term.scale == quantity && r.Value != nil && units[strings.ToLower(r.Unit)].perVolume:
		return codeChoice{loinc: loinc, term: term, value: asQuantity}
	case known && term.scale == coded && r.Value != nil:
		return codeChoice{loinc: loinc, term: term, value: asConceptAndComponent}
	case known && term.scale == coded:
		return codeChoice{loinc: loinc, term: term, value: asConcept}
	case r.Value != nil:
		return codeChoice{value: asQuantity}
	}
	return codeChoice{value: asConcept}
}
