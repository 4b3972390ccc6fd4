package lab

import (
	"slices"
	"strings"
)

// A nurse finds a woman by a fragment of her name or phone number ("王",
// "秀英", "5678"). LIKE '%…%' cannot use an index, so such a search read
// every name or phone of the station (10,000 at a station of a
// million-woman programme, about 4 ms of the database's time each, and
// more as the station grows). Instead each client has search terms, kept
// with her row in the same transaction and indexed by station: every
// character of her name and every pair of neighbouring characters, and
// every run of four digits of her phone. A fragment is then one look-up of
// one of its terms, newest first, confirmed with LIKE on the few rows it
// finds. Migration 00010 made the terms of the clients registered before
// it.

// The fields a term comes from. termIDTail is the last four characters of
// her ID number as its masked form already shows them (110***********0027):
// a term that reveals nothing the masked column and every list do not.
const (
	termName   = "n"
	termPhone  = "p"
	termIDTail = "i"
)

// idTail is the ID-number term of a masked number: its last four
// characters, upper-cased (a final check character X); "" if too short.
func idTail(masked string) string {
	if len(masked) < phoneGram {
		return ""
	}
	return strings.ToUpper(masked[len(masked)-phoneGram:])
}

// phoneGram is the length of a phone term, and the shortest phone fragment
// searched (ClientFilter.Q).
const phoneGram = 4

// ClientTerm is one row of client_terms: a search term of a client.
type ClientTerm struct {
	StationID int64
	Field     string
	Term      string
	ClientID  int64
}

func (ClientTerm) TableName() string { return "client_terms" }

// foldTerm is how a name and a fragment of it are compared in terms:
// lower-cased, so that Latin letters match in either case (Chinese
// characters have none), and without spaces, so that "anna li" has the
// pair "al" and the fragment "a l" looks it up (LIKE then keeps only the
// names with the space). MySQL compares VARCHARs ignoring trailing
// spaces, so a term ending in one would collide with the one without.
func foldTerm(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "") }

// nameTerms returns each character of a name and each pair of neighbouring
// characters, folded, each once.
func nameTerms(name string) []string {
	runes := []rune(foldTerm(name))
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for i := range runes {
		add(string(runes[i]))
		if i+1 < len(runes) {
			add(string(runes[i : i+2]))
		}
	}
	return out
}

// phoneTerms returns each run of phoneGram digits of a phone number (kept
// as digits only, normalizePhone), each once.
func phoneTerms(phone string) []string {
	seen := map[string]bool{}
	var out []string
	for i := 0; i+phoneGram <= len(phone); i++ {
		if t := phone[i : i+phoneGram]; !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// ClientTerms returns the search terms of a client as the rows the service
// writes with her; exported for tools that write clients in bulk (the
// load generator).
func ClientTerms(c *Client) []ClientTerm {
	names, phones := nameTerms(c.Name), phoneTerms(c.Phone)
	out := make([]ClientTerm, 0, len(names)+len(phones))
	for _, t := range names {
		out = append(out, ClientTerm{StationID: c.StationID, Field: termName, Term: t, ClientID: c.ID})
	}
	for _, t := range phones {
		out = append(out, ClientTerm{StationID: c.StationID, Field: termPhone, Term: t, ClientID: c.ID})
	}
	if t := idTail(c.NationalIDMasked); t != "" {
		out = append(out, ClientTerm{StationID: c.StationID, Field: termIDTail, Term: t, ClientID: c.ID})
	}
	return out
}

// writeClientTerms writes a registered client's search terms, in one
// statement.
func writeClientTerms(tx *txDB, c *Client) error {
	terms := ClientTerms(c)
	if len(terms) == 0 {
		return nil
	}
	return tx.Create(&terms).Error
}

// rewriteClientTerms replaces a client's search terms after a change of
// her name, phone, ID number or station.
func rewriteClientTerms(tx *txDB, c *Client) error {
	if err := tx.Where("client_id = ?", c.ID).Delete(&ClientTerm{}).Error; err != nil {
		return err
	}
	return writeClientTerms(tx, c)
}

// searchTerms are the terms a fragment is looked up by: a one-character
// name fragment is a term itself, a longer one every pair of it (each
// once); a phone fragment its last four digits (a number's first digits
// are its operator's and an area's, shared by many). The look-up finds a
// superset of the matches, which LIKE then narrows.
func searchTerms(field, fragment string) []string {
	if field == termPhone {
		return []string{fragment[len(fragment)-phoneGram:]}
	}
	runes := []rune(foldTerm(fragment))
	if len(runes) == 1 {
		return []string{string(runes)}
	}
	var out []string
	for i := 0; i+1 < len(runes); i++ {
		if pair := string(runes[i : i+2]); !slices.Contains(out, pair) {
			out = append(out, pair)
		}
	}
	return out
}
