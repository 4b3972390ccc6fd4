package lab

import (
	"slices"
	"testing"
)

// Rows read by their ids come back in the ids' order; an id whose row is
// gone (moved off the page between the two reads) is left out.
func TestInIDOrder(t *testing.T) {
	type row struct{ id int64 }
	rows := []row{{3}, {1}, {7}, {5}}
	got := inIDOrder(rows, []int64{7, 9, 1, 5, 3}, func(r *row) int64 { return r.id })
	if want := []row{{7}, {1}, {5}, {3}}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
