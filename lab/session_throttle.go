package lab

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// LoginThrottle counts recent password attempts for one username or one
// client address. It lives in the database so that every torchlab process
// behind a load balancer applies the same limit. A username is kept only
// as its keyed hash (a password typed into the username box must not be
// stored); an address as it is.
type LoginThrottle struct {
	ID       int64 `gorm:"primaryKey"`
	ScopeKey string
	Failures int
	// LastFailureAt is the last counted failure; for a key whose count
	// decays, the time from which the count has decayed (see charge).
	LastFailureAt time.Time
	BlockedUntil  *time.Time
}

// A throttle policy: after Free attempts that were not followed by a
// success, each further attempt waits, starting at FirstDelay and doubling
// up to MaxDelay. The count either starts again once Window has passed
// without a failure, or, with Decays, loses one failure every Window/Free
// (a leaky bucket: a steady trickle below that rate never blocks).
type throttlePolicy struct {
	Free       int
	Window     time.Duration
	FirstDelay time.Duration
	MaxDelay   time.Duration
	Decays     bool
}

// Per username the limit is tight (it protects one account); per address
// it is looser and decays, because a whole station may sit behind one
// address (docs/operations.md, "Sign-in limits").
var (
	userThrottle = throttlePolicy{Free: 5, Window: 15 * time.Minute, FirstDelay: 30 * time.Second, MaxDelay: 15 * time.Minute}
	ipThrottle   = throttlePolicy{Free: 30, Window: 15 * time.Minute, FirstDelay: 30 * time.Second, MaxDelay: 15 * time.Minute, Decays: true}
)

// throttleKey is one counter and its policy.
type throttleKey struct {
	key    string
	policy throttlePolicy
}

// loginKeys are the counters a sign-in by username from ip charges: the
// address first, so that a blocked address is refused before a row is
// made for the username, and every transaction locks them in one order.
func (s *Service) loginKeys(username, ip string) []throttleKey {
	var keys []throttleKey
	if ip != "" {
		keys = append(keys, throttleKey{"ip:" + ip, ipThrottle})
	}
	return append(keys, throttleKey{"user:" + s.usernameHash(username), userThrottle})
}

// usernameHash is the keyed hash of a typed username, as ID numbers are
// hashed: what a failed sign-in records instead of the text, which may be
// a password typed into the wrong box. Without a key (tests only) it is a
// plain SHA-256.
func (s *Service) usernameHash(username string) string {
	username = strings.ToLower(username)
	if s.seal != nil {
		return s.seal.lookupHash("login_username", username)
	}
	sum := sha256.Sum256([]byte("torchlab login_username\x00" + username))
	return hex.EncodeToString(sum[:])
}

// delayAfter returns how long to block after the given number of failures.
func (p throttlePolicy) delayAfter(failures int) time.Duration {
	if failures < p.Free {
		return 0
	}
	d := p.FirstDelay
	for i := p.Free; i < failures && d < p.MaxDelay; i++ {
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// leak is how long a decaying count takes to forget one failure.
func (p throttlePolicy) leak() time.Duration { return p.Window / time.Duration(p.Free) }

// charge counts one failure on r at now: the count first starts again or
// decays by the time passed, then grows by one, and the block the new
// count calls for is armed (nil when none).
func (p throttlePolicy) charge(r *LoginThrottle, now time.Time) {
	if p.Decays {
		if r.Failures > 0 {
			gone := int(now.Sub(r.LastFailureAt) / p.leak())
			if gone >= r.Failures {
				r.Failures = 0
			} else {
				r.Failures -= gone
				// Keep the part of a leak that has run, so that a
				// failure every 59 s still decays at one per 30 s.
				r.LastFailureAt = r.LastFailureAt.Add(time.Duration(gone) * p.leak())
			}
		}
		if r.Failures == 0 {
			r.LastFailureAt = now
		}
	} else {
		if now.Sub(r.LastFailureAt) > p.Window {
			r.Failures = 0
		}
		r.LastFailureAt = now
	}
	r.Failures++
	r.BlockedUntil = nil
	if d := p.delayAfter(r.Failures); d > 0 {
		until := now.Add(d)
		r.BlockedUntil = &until
	}
}

// loginCharge is what one attempt's charge armed, per key: a success gives
// back exactly that (clearAttempt).
type loginCharge struct {
	keys  []throttleKey
	armed []*time.Time
}

// chargeAttempt counts one password attempt against every key before the
// password is checked, and refuses it (CodeTooManyAttempts) while any key is
// blocked. Counting first, under a row lock, is what makes the limit hold
// when many attempts arrive at once: each one sees the ones before it. A
// blocked attempt is not counted, and the keys after the blocked one are
// not even read: a blocked address trying new usernames makes no rows. A
// success then gives the attempt back (clearAttempt).
func (s *Service) chargeAttempt(ctx context.Context, keys []throttleKey) (*loginCharge, error) {
	var wait time.Duration
	charge := &loginCharge{keys: keys, armed: make([]*time.Time, len(keys))}
	err := s.inTx(ctx, func(tx *txDB) error {
		now := tx.now
		wait = 0
		rows := make([]LoginThrottle, len(keys))
		for i, k := range keys {
			// Make the row if it is missing, then lock it.
			seed := LoginThrottle{ScopeKey: k.key, LastFailureAt: now}
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&seed).Error; err != nil {
				return err
			}
			if err := tx.Clauses(lockForUpdate).Where("scope_key = ?", k.key).First(&rows[i]).Error; err != nil {
				return err
			}
			if b := rows[i].BlockedUntil; b != nil && b.After(now) {
				wait = b.Sub(now)
				// The rows made so far are for keys already known (an
				// address first): this transaction commits nothing
				// new for a refused attempt.
				return errRefused
			}
		}
		for i, k := range keys {
			r := &rows[i]
			k.policy.charge(r, now)
			charge.armed[i] = r.BlockedUntil
			if err := tx.Save(r).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errRefused) {
		return nil, tooManyAttempts(wait)
	}
	if err != nil {
		return nil, err
	}
	return charge, nil
}

// errRefused rolls back the charge of a blocked attempt: a row made for a
// new key in it must not stay.
var errRefused = Errorf(CodeTooManyAttempts, "refused")

// clearAttempt gives back a successful attempt: the username's count
// starts again; the address's loses the one attempt, and a block that
// this attempt's own charge armed is lifted, so that a station signing in
// its staff from one address never blocks itself by its successes.
func (s *Service) clearAttempt(tx *txDB, c *loginCharge) error {
	for i, k := range c.keys {
		if strings.HasPrefix(k.key, "user:") {
			if err := tx.Where("scope_key = ?", k.key).Delete(&LoginThrottle{}).Error; err != nil {
				return err
			}
			continue
		}
		var r LoginThrottle
		if err := tx.Clauses(lockForUpdate).Where("scope_key = ?", k.key).First(&r).Error; err != nil {
			if isNotFound(err) {
				continue
			}
			return err
		}
		r.Failures = max(r.Failures-1, 0)
		if a := c.armed[i]; a != nil && r.BlockedUntil != nil && r.BlockedUntil.Equal(*a) {
			r.BlockedUntil = nil
		}
		if err := tx.Save(&r).Error; err != nil {
			return err
		}
	}
	return nil
}

// PruneThrottles deletes the counters that no longer count anything: no
// failure for a window and no block in force. Unknown usernames make rows
// (so that they are throttled as known ones are, and which usernames exist
// stays hidden); this bounds them. It returns how many went.
func (s *Service) PruneThrottles(ctx context.Context) (int64, error) {
	now := s.now()
	window := max(userThrottle.Window, ipThrottle.Window)
	res := s.read(ctx).Where("last_failure_at < ? AND (blocked_until IS NULL OR blocked_until < ?)", now.Add(-window), now).
		Delete(&LoginThrottle{})
	return res.RowsAffected, res.Error
}
