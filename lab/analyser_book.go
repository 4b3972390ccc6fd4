package lab

import (
	"maps"
	"strings"

	"gorm.io/gorm"
)

// analyserBook is every analyser with its code map, as of one version of
// the reference data (reference_cache.go): each message an analyser sends
// is judged by it, so that finding the sender and mapping its test codes
// cost no read of their own. Nothing may change it once loaded.
type analyserBook struct {
	byID map[int64]*Analyser
	// bySender holds the active analysers only, by protocol and sender
	// id; byFoldedSender the same by the sender id folded (senderFold).
	bySender       map[analyserSender]*Analyser
	byFoldedSender map[analyserSender]*Analyser
}

type analyserSender struct{ protocol, senderID string }

// senderFold is a sender id as MySQL's collation compares it, case and
// trailing spaces aside, which is how the sender was found when it was
// read from the table for each message; on SQLite, where the table
// compares exactly, the exact match still comes first.
func senderFold(id string) string { return strings.ToLower(strings.TrimRight(id, " ")) }

// loadAnalyserBook reads every analyser in db.
func loadAnalyserBook(db *gorm.DB) (analyserBook, error) {
	var list []Analyser
	if err := db.Order("id").Find(&list).Error; err != nil {
		return analyserBook{}, err
	}
	b := analyserBook{byID: make(map[int64]*Analyser, len(list)),
		bySender: map[analyserSender]*Analyser{}, byFoldedSender: map[analyserSender]*Analyser{}}
	for i := range list {
		an := &list[i]
		if err := an.decode(); err != nil {
			return analyserBook{}, err
		}
		b.byID[an.ID] = an
		if !an.Active {
			continue
		}
		b.bySender[analyserSender{an.Protocol, an.SenderID}] = an
		folded := analyserSender{an.Protocol, senderFold(an.SenderID)}
		if b.byFoldedSender[folded] == nil { // the oldest, when SQLite holds two
			b.byFoldedSender[folded] = an
		}
	}
	return b, nil
}

// byActiveSender is the active analyser of the protocol with this sender
// id, or nil.
func (b analyserBook) byActiveSender(protocol, senderID string) *Analyser {
	if an := b.bySender[analyserSender{protocol, senderID}]; an != nil {
		return an
	}
	return b.byFoldedSender[analyserSender{protocol, senderFold(senderID)}]
}

// copied is an analyser of the book for a caller outside lab, who may
// change what it is given.
func (a *Analyser) copied() *Analyser {
	c := *a
	c.CodeMap = maps.Clone(a.CodeMap)
	return &c
}
