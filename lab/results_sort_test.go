package lab

import (
	"slices"
	"testing"
)

func TestSortInPanelOrder(t *testing.T) {
	rs := []Result{
		{ID: 9, AnalyteCode: "CMV_IGM"},
		{ID: 3, AnalyteCode: "ZZZ"}, // outside the panel: last
		{ID: 7, AnalyteCode: "TOXO_IGG"},
		{ID: 2, AnalyteCode: "CMV_IGM"}, // an amendment's two rows: by id
		{ID: 5, AnalyteCode: "RUBV_IGG"},
	}
	sortInPanelOrder(rs, []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "CMV_IGG", "CMV_IGM"})
	var got []int64
	for _, r := range rs {
		got = append(got, r.ID)
	}
	if want := []int64{7, 5, 2, 9, 3}; !slices.Equal(got, want) {
		t.Fatalf("order by id = %v, want %v", got, want)
	}
}
