package lab_test

import (
	"encoding/json"
	"testing"

	"torchlab/lab"
)

// Decoded findings are remembered by their text; each case must still get
// its own copy, so that changing one view's findings changes no other.
func TestFindingsDecodedOnceEachCaseItsOwn(t *testing.T) {
	want := []lab.Finding{{Code: "TOXO_ACUTE", Pathogen: "TOXO", IgG: "positive", IgM: "positive", Abnormal: true,
		Priority: lab.Urgent, Recommendation: "建议", RecommendationEn: "advice"}}
	text, _ := json.Marshal(want)
	a := lab.Followup{FindingsJSON: string(text)}
	b := lab.Followup{FindingsJSON: string(text)}
	first := a.Findings()
	if len(first) != 1 || first[0] != want[0] {
		t.Fatalf("Findings() = %+v", first)
	}
	first[0].Code = "CHANGED"
	if got := b.Findings(); got[0].Code != "TOXO_ACUTE" {
		t.Fatalf("a change to one case's findings reached another: %+v", got)
	}
	if got := (&lab.Followup{FindingsJSON: "not json"}).Findings(); len(got) != 0 {
		t.Fatalf("unreadable findings = %+v", got)
	}
}
