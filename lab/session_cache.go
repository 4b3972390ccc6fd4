package lab

import (
	"sync"
	"time"
)

// sessionCacheTTL is how long a session check may be answered from this
// process's memory instead of the database. It is the price of a check
// that costs no round trip on most requests, and the bound on what another
// process cannot know at once: a session ended (sign-out, password change,
// deactivation) in another torchlab process behind the same load balancer
// keeps working here for at most this long. In this process, sign-out and
// every revocation forget the session at once. Expiry and idle time are
// judged on every request against the cached times; a session due for its
// last-seen write is read from the database. A role or
// station change of a signed-in user reaches every process within the TTL.
const sessionCacheTTL = 2 * time.Second

// sessionCacheMax bounds the memory: past it the cache starts afresh.
const sessionCacheMax = 20_000

type cachedSession struct {
	row   Session
	user  User
	until time.Time // real (monotonic) time, not the injected clock
}

type sessionCache struct {
	mu sync.Mutex
	m  map[string]cachedSession
}

// newSessionCache is each Service's own cache: two services in one
// process, as tests make, never share one.
func newSessionCache() *sessionCache {
	return &sessionCache{m: map[string]cachedSession{}}
}

func (c *sessionCache) get(hash string) (cachedSession, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || time.Now().After(e.until) {
		return cachedSession{}, false
	}
	return e, true
}

func (c *sessionCache) put(hash string, row Session, u User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= sessionCacheMax {
		c.m = map[string]cachedSession{}
	}
	c.m[hash] = cachedSession{row: row, user: u, until: time.Now().Add(sessionCacheTTL)}
}

func (c *sessionCache) forget(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, hash)
}

// forgetUser forgets every cached session of a user, the one she keeps
// too (it holds her user row as it was, such as a password change still
// required).
func (c *sessionCache) forgetUser(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.m {
		if e.user.ID == userID {
			delete(c.m, h)
		}
	}
}
