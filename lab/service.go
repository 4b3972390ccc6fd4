package lab

import (
	"context"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Clock tells the time. The use cases never call time.Now themselves, so
// that tests can move time forward (expiry, throttling, due times).
type Clock func() time.Time

// SystemClock is the real clock, in UTC and at the microsecond precision
// that both databases store.
func SystemClock() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Options configure a Service.
type Options struct {
	Clock Clock
	// SessionIdle ends a session that has not been used for this long.
	SessionIdle time.Duration
	// SessionMax ends every session this long after sign-in.
	SessionMax time.Duration
	// DefaultTimezone is given to stations created without one.
	DefaultTimezone string
	// BcryptCost is the work factor of password hashes (bcrypt.DefaultCost
	// when zero); tests lower it.
	BcryptCost int
	// WebhookRecipients are the URLs every notification is also delivered
	// to, through the outbox (TORCHLAB_WEBHOOK_URLS).
	WebhookRecipients []string
	// Key encrypts personal data at rest (AES-256-GCM) and keys the hashes
	// that find an ID number without decrypting (TORCHLAB_KEY).
	Key []byte
	// OrgURI names the deployment in FHIR exports: the system of its
	// identifiers and the seed of its resource ids (TORCHLAB_ORG_URI,
	// checked by CheckOrgURI). Empty: DefaultOrgURIPrefix and the name
	// the database was made with.
	OrgURI string
}

// Service carries the database and the settings every use case needs.
type Service struct {
	db        *DB
	opts      Options
	dummyHash []byte
	// seal is nil without a key; the use cases that need it then fail.
	seal *sealer
	// releaseSteps are the workflows every release runs in its
	// transaction, their writes in its batch (releaseRun); releaseHooks
	// run after them with the transaction itself (OnRelease).
	releaseSteps []func(r *releaseRun) error
	releaseHooks []ReleaseHook
	// calendarHooks run inside every change of the working calendar
	// (OnCalendarChange).
	calendarHooks []CalendarHook
	// sessions answers session checks from memory for a moment.
	sessions *sessionCache
	// panels keeps the panels, which only migrations write.
	panels *panelCache
	// refs keeps the settings, kits, ranges and lots (reference_cache.go).
	refs *referenceCache
	// orphanLook is the safety net's last full look for released
	// abnormal samples without a case (safety_net.go).
	orphanLook orphanLook
}

// NewService returns the use cases over db.
func NewService(db *DB, opts Options) *Service {
	if opts.Clock == nil {
		opts.Clock = SystemClock
	}
	if opts.SessionIdle == 0 {
		opts.SessionIdle = 2 * time.Hour
	}
	if opts.SessionMax == 0 {
		opts.SessionMax = 12 * time.Hour
	}
	if opts.DefaultTimezone == "" {
		opts.DefaultTimezone = "Asia/Shanghai"
	}
	if opts.BcryptCost == 0 {
		opts.BcryptCost = bcrypt.DefaultCost
	}
	svc := &Service{db: db, opts: opts, dummyHash: newDummyHash(opts.BcryptCost), sessions: newSessionCache(),
		panels: newPanelCache(), refs: newReferenceCache()}
	if len(opts.Key) > 0 {
		seal, err := newSealer(opts.Key)
		if err != nil {
			panic(err) // the key's length is checked when the configuration is read
		}
		svc.seal = seal
	}
	svc.releaseSteps = []func(*releaseRun) error{svc.followUpRelease, svc.reportReadyRelease}
	return svc
}

func (s *Service) now() time.Time {
	return s.opts.Clock().UTC().Truncate(time.Microsecond)
}

// read returns a handle for queries that change nothing.
func (s *Service) read(ctx context.Context) *gorm.DB {
	return s.db.Gorm.WithContext(ctx)
}

// isNotFound reports whether a GORM error means "no row".
func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// isDuplicate reports whether a GORM error is a unique-key violation
// (translated from either dialect by TranslateError).
func isDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

// Models tag UpdatedAt with autoUpdateTime:false: GORM would otherwise set
// it from the wall clock on every update, and the use cases keep time by
// the injected Clock.

// txDB is an open transaction: its handle, and the time by the service's
// clock read once when the run of the transaction began (a retried
// transaction reads it again). Writers take a *txDB and stamp everything
// they write with Now: the change, its audit row, updated_at and the
// times of its events agree to the microsecond, whatever the clock does
// meanwhile. Reads that need not see the transaction's writes take a
// plain *gorm.DB. Only the functions that begin a transaction (runTx,
// runTxBatchMySQL) make one, so a handle outside a transaction, or one
// carrying a query's conditions, is never passed as a txDB by mistake.
// The embedded *gorm.DB keeps tx.Where, tx.Create and the like.
type txDB struct {
	*gorm.DB
	now time.Time
}

// Now is the time of the transaction, read once when it began.
func (tx *txDB) Now() time.Time { return tx.now }

// lockForUpdate locks the rows a query reads until the transaction ends
// (SELECT ... FOR UPDATE). On SQLite, where the single connection already
// serialises transactions, the SQLite dialect leaves the clause out.
var lockForUpdate = clause.Locking{Strength: "UPDATE"}

// gormExpr is an SQL expression for updates such as booked + 1.
func gormExpr(sql string, args ...any) clause.Expr { return gorm.Expr(sql, args...) }

// RetryLockConflicts runs fn, and runs it again while MySQL refuses it for a
// deadlock (error 1213) or a lock wait timeout (1205), five times at most
// with short, growing pauses. fn must be a whole transaction or statement:
// the refused one has been rolled back. It is for the load tool's bare
// transactions; the service's own go through inTx (database_retry.go).
func RetryLockConflicts(fn func() error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = fn(); !isLockConflict(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return err
}

// freshStatement makes a fresh GORM statement, for counting a query and then reusing it.
var freshStatement = gorm.Session{}
