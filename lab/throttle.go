package lab

import (
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// LoginThrottle counts recent failed sign-ins for one username or one client
// address. It lives in the database so that every torchlab process behind a
// load balancer applies the same limit.
type LoginThrottle struct {
	ID            int64 `gorm:"primaryKey"`
	ScopeKey      string
	Failures      int
	LastFailureAt time.Time
	BlockedUntil  *time.Time
}

// A throttle policy: after Free failures within Window, each further
// attempt waits, starting at FirstDelay and doubling up to MaxDelay.
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

func userThrottleKey(username string) string { return "user:" + strings.ToLower(username) }
func ipThrottleKey(ip string) string         { return "ip:" + ip }

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

// blockedFor returns how long the keys stay blocked from now (0 if not).
func (s *Service) blockedFor(tx *txDB, keys ...string) (time.Duration, error) {
	var rows []LoginThrottle
	if err := tx.Where("scope_key IN ?", keys).Find(&rows).Error; err != nil {
		return 0, err
	}
	now := s.now()
	var wait time.Duration
	for _, r := range rows {
		if r.BlockedUntil != nil && r.BlockedUntil.After(now) {
			wait = max(wait, r.BlockedUntil.Sub(now))
		}
	}
	return wait, nil
}

// recordFailure counts one more failure for key, restarting the count when
// the last failure is older than the policy's window.
func (s *Service) recordFailure(tx *txDB, key string, p throttlePolicy) error {
	now := s.now()
	// Insert-if-missing first, so that two first failures at once do not
	// collide on the unique key; then lock and update the one row.
	seed := LoginThrottle{ScopeKey: key, LastFailureAt: now}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&seed).Error; err != nil {
		return err
	}
	var row LoginThrottle
	if err := tx.Clauses(lockForUpdate).Where("scope_key = ?", key).First(&row).Error; err != nil {
		return err
	}
	if now.Sub(row.LastFailureAt) > p.Window {
		row.Failures = 0
	}
	row.Failures++
	row.LastFailureAt = now
	row.BlockedUntil = nil
	if d := p.delayAfter(row.Failures); d > 0 {
		until := now.Add(d)
		row.BlockedUntil = &until
	}
	return tx.Save(&row).Error
}

func (s *Service) clearFailures(tx *txDB, key string) error {
	return tx.Where("scope_key = ?", key).Delete(&LoginThrottle{}).Error
}
