package lab

import (
	"context"
	"sync"

	"gorm.io/gorm"
)

// The reference data result entry and receipt judge by — the settings,
// the kits' cut-offs, the plausible ranges, the reagent lots and the lots
// in use — change a few times a year and are read by every such
// operation: five queries each, most of an entry's round trips. The
// analysers and their code maps, by which every message an analyser sends
// is found and read, change as seldom. Each process keeps them all in a
// referenceCache instead.
//
// torchlab may run as several processes on one database, so a cache must
// learn of a change another process made. Every change to the reference
// data bumps the one row of reference_version in its own transaction
// (bumpReference); an operation reads that version as a scalar subquery
// of the read it makes anyway (referenceVersionSQL), and the cache is
// read again, in the operation's transaction, only when the version moved.
// The data an operation judges by is then the data of the version it
// read, whichever process changed it: the version and the rows commit
// together, and the cache reads them in one snapshot.
//
// Whatever writes these tables must call bumpReference in the same
// transaction (settings.go, kits.go, result_values.go, lots.go,
// analyser.go; a migration that changes them bumps the row too). Panels
// are not here: only a migration writes them (panel_cache.go).

// reference is the reference data as of one version. It is shared by
// every operation that reads that version: nothing may change it.
type reference struct {
	version   int64
	settings  Settings
	kits      kitBook
	ranges    rangeBook
	lots      *lotBook
	analysers analyserBook
}

// referenceCache holds the newest reference this process has read.
type referenceCache struct {
	mu  sync.Mutex
	cur *reference
}

func newReferenceCache() *referenceCache { return &referenceCache{} }

// at is the cached reference when it is of version, or nil.
func (c *referenceCache) at(version int64) *reference {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && c.cur.version == version && version >= 0 {
		return c.cur
	}
	return nil
}

// referenceVersionSQL is the reference data's version as a column of an
// operation's first read; -1 when the row is missing, which is never
// cached.
const referenceVersionSQL = "COALESCE((SELECT version FROM reference_version WHERE id = 1), -1)"

// bumpReference moves the reference data's version on, in the
// transaction that changes them.
func bumpReference(tx *txDB) error {
	_, err := execDirect(tx, "UPDATE reference_version SET version = version + 1 WHERE id = 1")
	return err
}

// reference returns the reference data of version, read in tx when the
// process does not hold that version. version is what tx read from
// referenceVersionSQL, so the data read here is as new as it or newer
// (a newer read is kept under the older number, and replaced at the next
// operation that reads the newer one).
func (s *Service) reference(tx *txDB, version int64) (*reference, error) {
	if cur := s.refs.at(version); cur != nil {
		return cur, nil
	}
	r, err := loadReference(tx.DB, version)
	if err != nil {
		return nil, err
	}
	c := s.refs
	c.mu.Lock()
	// Two operations may read two versions at once: keep the newer.
	if version >= 0 && (c.cur == nil || c.cur.version < version) {
		c.cur = r
	}
	c.mu.Unlock()
	return r, nil
}

// currentReference is reference for an operation with no read of its own
// to carry the version: one small read more.
func (s *Service) currentReference(tx *txDB) (*reference, error) {
	var v int64
	if err := queryRowDirect(tx, "SELECT "+referenceVersionSQL).Scan(&v); err != nil {
		return nil, err
	}
	return s.reference(tx, v)
}

// poolReference is currentReference for an operation that runs no
// transaction of its own (finding an analyser by its sender): the version
// is read on the pool, and only when it moved is the data read, with the
// version again, in a transaction, so that what is cached is one
// snapshot's.
func (s *Service) poolReference(ctx context.Context) (*reference, error) {
	var v int64
	if err := queryRowOn(s.read(ctx), []any{&v}, "SELECT "+referenceVersionSQL); err != nil {
		return nil, err
	}
	if cur := s.refs.at(v); cur != nil {
		return cur, nil
	}
	var r *reference
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		r, err = s.currentReference(tx)
		return err
	})
	return r, err
}

// loadReference reads the reference data in db.
func loadReference(db *gorm.DB, version int64) (*reference, error) {
	r := &reference{version: version}
	var err error
	if r.settings, err = loadSettings(db); err != nil {
		return nil, err
	}
	if r.kits, err = loadKitBook(db); err != nil {
		return nil, err
	}
	if r.ranges, err = loadRangeBook(db); err != nil {
		return nil, err
	}
	if r.lots, err = loadLotBook(db); err != nil {
		return nil, err
	}
	if r.analysers, err = loadAnalyserBook(db); err != nil {
		return nil, err
	}
	return r, nil
}
