package stats

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"
)

// histogram counts durations by tenths of an hour: the tenths counted, in
// increasing order, each with its count. A year's summary reads and adds
// up hundreds of them, each of a few hundred tenths, so they are sorted
// lists merged in order rather than maps (hashing was most of a summary's
// time), and they are stored as runs: the first tenth, then the count of
// each tenth after it in turn, a negative number -k skipping k tenths
// counted nowhere ([20,8,9,-1,1] is 8 at 2.0 h, 9 at 2.1 h, 1 at 2.3 h).
// A day's turnarounds fill most tenths of their span, so that is about a
// third of the text of tenth-count pairs, and the text is what a summary
// spends its time reading.
type histogram []histogramBin

type histogramBin struct {
	Tenth int64
	N     int
}

func (h histogram) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+len(h)*3)
	b = append(b, '[')
	for i, bin := range h {
		if bin.N <= 0 {
			return nil, fmt.Errorf("histogram: a count of %d at tenth %d", bin.N, bin.Tenth)
		}
		switch {
		case i == 0:
			b = strconv.AppendInt(b, bin.Tenth, 10)
			b = append(b, ',')
		case bin.Tenth > h[i-1].Tenth+1:
			b = strconv.AppendInt(b, -(bin.Tenth - h[i-1].Tenth - 1), 10)
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(bin.N), 10)
		if i < len(h)-1 {
			b = append(b, ',')
		}
	}
	return append(b, ']'), nil
}

// UnmarshalJSON reads the runs by hand: reflection was most of a year's
// summary's time.
func (h *histogram) UnmarshalJSON(b []byte) error {
	i, n := 0, len(b)
	skipSpace := func() {
		for i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	skipSpace()
	if i == n || b[i] != '[' {
		return fmt.Errorf("histogram: not a list: %.20q", b)
	}
	i++
	out := make(histogram, 0, len(b)/3)
	var tenth int64
	values := 0
	for {
		skipSpace()
		if i < n && b[i] == ']' {
			i++
			break
		}
		if values > 0 {
			if i == n || b[i] != ',' {
				return fmt.Errorf("histogram: a comma is missing: %.20q", b)
			}
			i++
			skipSpace()
		}
		start := i
		if i < n && b[i] == '-' {
			i++
		}
		for i < n && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		v, err := strconv.ParseInt(string(b[start:i]), 10, 64)
		if err != nil {
			return fmt.Errorf("histogram: %w", err)
		}
		switch {
		case values == 0:
			tenth = v
		case v < 0:
			tenth -= v
		case v == 0:
			return fmt.Errorf("histogram: a count of 0")
		default:
			out = append(out, histogramBin{Tenth: tenth, N: int(v)})
			tenth++
		}
		values++
	}
	skipSpace()
	if i != n {
		return fmt.Errorf("histogram: text after the list: %.20q", b[i:])
	}
	if values == 1 {
		return fmt.Errorf("histogram: a first tenth and no count")
	}
	*h = out
	return nil
}

func (h *histogram) add(d time.Duration) {
	tenth := int64(math.Round(d.Hours() * 10))
	i := sort.Search(len(*h), func(i int) bool { return (*h)[i].Tenth >= tenth })
	if i < len(*h) && (*h)[i].Tenth == tenth {
		(*h)[i].N++
		return
	}
	*h = append(*h, histogramBin{})
	copy((*h)[i+1:], (*h)[i:])
	(*h)[i] = histogramBin{Tenth: tenth, N: 1}
}

func (h *histogram) merge(o histogram) { h.mergeSigned(o, 1) }

// mergeSigned adds o's counts (sign 1) or takes them off (sign -1); a
// tenth counted nowhere any more leaves the histogram.
func (h *histogram) mergeSigned(o histogram, sign int) {
	if len(o) == 0 {
		return
	}
	a := *h
	out := make(histogram, 0, len(a)+len(o))
	i, j := 0, 0
	for i < len(a) || j < len(o) {
		switch {
		case j == len(o) || (i < len(a) && a[i].Tenth < o[j].Tenth):
			out = append(out, a[i])
			i++
		case i == len(a) || o[j].Tenth < a[i].Tenth:
			out = append(out, histogramBin{Tenth: o[j].Tenth, N: sign * o[j].N})
			j++
		default:
			if n := a[i].N + sign*o[j].N; n != 0 {
				out = append(out, histogramBin{Tenth: a[i].Tenth, N: n})
			}
			i++
			j++
		}
	}
	*h = out
}

// spread is the count, median and 90th percentile (nearest rank), in hours
// rounded to 0.1 h; nil figures for none.
func (h histogram) spread() Spread {
	n := 0
	for _, bin := range h {
		n += bin.N
	}
	out := Spread{Count: n}
	if n == 0 {
		return out
	}
	pick := func(p float64) *float64 {
		rank := max(int(math.Ceil(p*float64(n)))-1, 0)
		for _, bin := range h {
			if rank < bin.N {
				x := float64(bin.Tenth) / 10
				return &x
			}
			rank -= bin.N
		}
		return nil
	}
	out.MedianHours, out.P90Hours = pick(0.5), pick(0.9)
	return out
}
