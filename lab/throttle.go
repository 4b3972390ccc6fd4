package lab

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// LoginThrottle counts recent password attempts for one username or one
// client address. It lives in the database so that every torchlab process
// behind a load balancer applies the same limit.
type LoginThrottle struct {
	ID            int64 `gorm:"primaryKey"`
	ScopeKey      string
	Failures      int
	LastFailureAt time.Time
	BlockedUntil  *time.Time
}

// A throttle policy: after Free attempts within Window that were not
// followed by a success, each further attempt waits, starting at FirstDelay
// and doubling up to MaxDelay.
type throttlePolicy struct {
	Free       int
	Window     time.Duration
	FirstDelay time.Duration
	MaxDelay   time.Duration
}

// Per username the limit is tight (it protects one account); per address it
// is looser, because a whole station may sit behind one address.
var (
	userThrottle = throttlePolicy{Free: 5, Window: 15 * time.Minute, FirstDelay: 30 * time.Second, MaxDelay: 15 * time.Minute}
	ipThrottle   = throttlePolicy{Free: 30, Window: 15 * time.Minute, FirstDelay: 30 * time.Second, MaxDelay: 15 * time.Minute}
)

// throttleKey is one counter and its policy.
type throttleKey struct {
	key    string
	policy throttlePolicy
}

// loginKeys are the counters a sign-in by username from ip charges. A
// username longer than any real one is cut: it cannot exist, and the
// column is bounded.
func loginKeys(username, ip string) []throttleKey {
	keys := []throttleKey{{"user:" + truncate(strings.ToLower(username), 64), userThrottle}}
	if ip != "" {
		keys = append(keys, throttleKey{"ip:" + ip, ipThrottle})
	}
	return keys
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

// chargeAttempt counts one password attempt against every key before the
// password is checked, and refuses it (CodeTooManyAttempts) while any key is
// blocked. Counting first, under a row lock, is what makes the limit hold
// when many attempts arrive at once: each one sees the ones before it. A
// success then gives the attempt back (clearAttempt).
func (s *Service) chargeAttempt(ctx context.Context, keys []throttleKey) error {
	var wait time.Duration
	err := s.inTxRetry(ctx, func(tx *txDB) error {
		now := s.now()
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
				wait = max(wait, b.Sub(now))
			}
		}
		if wait > 0 {
			return nil // refused: the blocked attempt is not counted
		}
		for i, k := range keys {
			r := &rows[i]
			if now.Sub(r.LastFailureAt) > k.policy.Window {
				r.Failures = 0
			}
			r.Failures++
			r.LastFailureAt = now
			r.BlockedUntil = nil
			if d := k.policy.delayAfter(r.Failures); d > 0 {
				until := now.Add(d)
				r.BlockedUntil = &until
			}
			if err := tx.Save(r).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if wait > 0 {
		return tooManyAttempts(wait)
	}
	return nil
}

// clearAttempt gives back a successful attempt: the username's count
// starts again; the address's loses the one attempt, so a station signing
// in all its staff from one address never blocks itself.
func (s *Service) clearAttempt(tx *txDB, keys []throttleKey) error {
	for i, k := range keys {
		if i == 0 {
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
		if k.policy.delayAfter(r.Failures) == 0 {
			r.BlockedUntil = nil
		}
		if err := tx.Save(&r).Error; err != nil {
			return err
		}
	}
	return nil
}
