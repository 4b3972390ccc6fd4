package astm

import (
	"strconv"
	"strings"
	"time"
)

// Order is one test the host has ordered on a specimen, named by the
// analyser's own code (the Host maps its analytes back to them).
type Order struct {
	Code string
}

// QueryAnswer is the orders for one queried accession; none means the
// host knows of no test to run on it.
type QueryAnswer struct {
	Accession string
	Orders    []Order
}

// answerRecords is the message the host sends back for a host query
// (LIS2-A2 §9 and §13): H, then for each accession with orders a P and an
// O record naming its tests (action code N, report type O: an order),
// then L. L-3 is F ("last request for information processed") when some
// order is sent, and I ("no information available from last query")
// when none is.
func answerRecords(host, receiver string, now time.Time, answers []QueryAnswer) [][]byte {
	d := standardDelimiters
	f := string(d.Field)
	var recs [][]byte
	add := func(fields ...string) {
		recs = append(recs, []byte(strings.Join(fields, f)+"\r"))
	}
	add("H", `\^&`, "", "", d.escape(host), "", "", "", "", d.escape(receiver), "", "P", "LIS2-A2", now.Format("20060102150405"))
	seq := 0
	for _, a := range answers {
		if len(a.Orders) == 0 {
			continue
		}
		seq++
		tests := make([]string, 0, len(a.Orders))
		for _, o := range a.Orders {
			tests = append(tests, "^^^"+d.escape(o.Code))
		}
		add("P", strconv.Itoa(seq))
		o := []string{"O", "1", d.escape(a.Accession), "", strings.Join(tests, string(d.Repeat)), "R", "", "", "", "", "", "N"}
		for len(o) < 25 {
			o = append(o, "")
		}
		add(append(o, "O")...)
	}
	if seq == 0 {
		add("L", "1", "I")
	} else {
		add("L", "1", "F")
	}
	return recs
}
