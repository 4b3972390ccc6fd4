package lab

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"
)

// histogram counts durations by tenths of an hour. It is stored as a flat
// sorted list of tenth, count pairs: shorter and faster to read than a
// JSON object.
type histogram map[int64]int

func (h histogram) MarshalJSON() ([]byte, error) {
	keys := make([]int64, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	flat := make([]int64, 0, 2*len(keys))
	for _, k := range keys {
		flat = append(flat, k, int64(h[k]))
	}
	return json.Marshal(flat)
}

// UnmarshalJSON reads the flat list by hand: a year's summary reads
// hundreds of them, and reflection was most of its time.
func (h *histogram) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return fmt.Errorf("histogram: not a list: %.20q", b)
	}
	*h = histogram{}
	var pair [2]int64
	n := 0
	for _, field := range bytes.Split(b[1:len(b)-1], []byte{','}) {
		field = bytes.TrimSpace(field)
		if len(field) == 0 {
			continue
		}
		v, err := strconv.ParseInt(string(field), 10, 64)
		if err != nil {
			return fmt.Errorf("histogram: %w", err)
		}
		pair[n%2] = v
		if n%2 == 1 {
			(*h)[pair[0]] += int(pair[1])
		}
		n++
	}
	if n%2 != 0 {
		return fmt.Errorf("histogram: an odd number of values")
	}
	return nil
}

func (h *histogram) add(d time.Duration) {
	if *h == nil {
		*h = histogram{}
	}
	(*h)[int64(math.Round(d.Hours()*10))]++
}

func (h *histogram) merge(o histogram) {
	if len(o) == 0 {
		return
	}
	if *h == nil {
		*h = histogram{}
	}
	for k, n := range o {
		(*h)[k] += n
	}
}

// spread is the count, median and 90th percentile (nearest rank), in hours
// rounded to 0.1 h; nil figures for none.
func (h histogram) spread() Spread {
	keys := make([]int64, 0, len(h))
	n := 0
	for k, c := range h {
		keys = append(keys, k)
		n += c
	}
	out := Spread{Count: n}
	if n == 0 {
		return out
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	pick := func(p float64) *float64 {
		rank := max(int(math.Ceil(p*float64(n)))-1, 0)
		for _, k := range keys {
			if rank < h[k] {
				x := float64(k) / 10
				return &x
			}
			rank -= h[k]
		}
		return nil
	}
	out.MedianHours, out.P90Hours = pick(0.5), pick(0.9)
	return out
}
