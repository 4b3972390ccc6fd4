package lab

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// What a package built on lab (lab/stats) uses of the service: its clock,
// its database, its transactions and its checks of who may see what. lab
// itself calls the unexported forms; these exist so that such a package
// reads and writes the way lab's own use cases do, without lab importing
// it.

// Now is the time by the service's clock (Options.Clock), in UTC.
func (s *Service) Now() time.Time { return s.now() }

// Read returns a handle for queries that change nothing.
func (s *Service) Read(ctx context.Context) *gorm.DB { return s.read(ctx) }

// InTx runs fn in one transaction, again if the database refuses it for a
// lock conflict or a lost connection: fn must use only tx, and may run more
// than once.
func (s *Service) InTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.inTx(ctx, func(tx *txDB) error { return fn(tx.DB) })
}

// StationLocation is the time zone of the station (CodeNotFound if the
// actor may not see it), or of the programme when station is nil.
func (s *Service) StationLocation(ctx context.Context, station *int64) (*time.Location, error) {
	return s.stationLocation(ctx, station)
}

// Require refuses the actor unless she has one of the roles:
// CodeUnauthenticated without a user, CodeForbidden for another role.
func (a Actor) Require(roles ...Role) error { return a.require(roles...) }

// StationFilter applies station scope to a station filter: a nurse or
// counselor always gets her own station, and naming another is
// CodeNotFound; admins and lab technicians get what they named (nil: all).
func (a Actor) StationFilter(named *int64) (*int64, error) { return a.stationFilter(named) }

// LoadSettings reads the programme's settings through db (a transaction
// or not).
func LoadSettings(db *gorm.DB) (Settings, error) { return loadSettings(db) }

// FindingsOf interprets a sample's results, as its release did.
func FindingsOf(rs []Result, pregnant bool, st Settings) ([]Finding, bool) {
	return findingsOf(rs, pregnant, st)
}
