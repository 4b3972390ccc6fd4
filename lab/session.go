package lab

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"math"
	"strings"
	"time"
)

// Session is one sign-in. The token itself is never stored: only its
// SHA-256, so a copy of the database cannot be used to sign in.
type Session struct {
	ID         int64 `gorm:"primaryKey"`
	TokenHash  string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
	IP         string
	UserAgent  string
}

// touchEvery is how often a session's last-seen time is written: a tenth
// of the idle limit, at most a minute, so that most requests cost no
// write. The stored time then lags the last use by less than this, and a
// session ends only once it has been unused for the idle limit plus this:
// a session in use never ends within its idle limit, and an unused one
// ends at most a tenth later (TORCHLAB_SESSION_IDLE is at least 5 minutes).
func (s *Service) touchEvery() time.Duration {
	return min(time.Minute, s.opts.SessionIdle/10)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// CSRFToken derives the anti-forgery token of a session from its token:
// the browser gets it in a readable cookie and must echo it in a header on
// every write that is authenticated by the session cookie. Another site can
// make the browser send the cookie but cannot read it to compute this.
func CSRFToken(sessionToken string) string {
	sum := sha256.Sum256([]byte("torchlab csrf\x00" + sessionToken))
	return base64.RawURLEncoding.EncodeToString(sum[:18])
}

// SignIn is a successful log-in: the bearer token (shown once) and the user.
type SignIn struct {
	Token     string
	ExpiresAt time.Time
	User      *User
}

// Login checks a username and password and opens a session. The actor in
// ctx carries the client's address, which is throttled as well as the
// username. CodeInvalidCredentials for a wrong username or password (the
// same for both), CodeTooManyAttempts with "retry_after" seconds while
// throttled (even for the right password), CodeValidation for empty fields.
// An inactive user's right password is refused like a wrong one.
func (s *Service) Login(ctx context.Context, username, password, userAgent string) (*SignIn, error) {
	username = normalizeUsername(username)
	var v Validation
	if username == "" {
		v.Add("username", "required", "")
	}
	if password == "" {
		v.Add("password", "required", "")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	a := ActorFrom(ctx)
	charge, err := s.chargeAttempt(ctx, s.loginKeys(username, a.IP))
	if err != nil {
		return nil, err
	}

	var u User
	found := true
	if err := s.read(ctx).Where("username = ?", username).First(&u).Error; err != nil {
		if !isNotFound(err) {
			return nil, err
		}
		found = false
	}
	hash := string(s.dummyHash)
	if found {
		hash = u.PasswordHash
	}
	if !passwordMatches(hash, password) || !found || !u.Active || u.Role == RoleAnalyser {
		// The attempt is already counted; audit it and refuse. A username
		// that names no one is kept only as its keyed hash: it may be a
		// password typed into the wrong box.
		var actor int64
		who := map[string]any{"username_hash": s.usernameHash(username)}
		if found {
			actor, who = u.ID, map[string]any{"username": u.Username}
		}
		err := s.inTx(ctx, func(tx *txDB) error {
			return s.audit(ctx, tx, "auth.login_failed", "user", actor, who)
		})
		if err != nil {
			return nil, err
		}
		return nil, Errorf(CodeInvalidCredentials, "wrong username or password")
	}

	token := newToken()
	now := s.now()
	sess := &Session{
		TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.opts.SessionMax), IP: a.IP, UserAgent: truncate(userAgent, 255),
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		if err := s.clearAttempt(tx, charge); err != nil {
			return err
		}
		if err := tx.Create(sess).Error; err != nil {
			return err
		}
		ctx := WithActor(ctx, Actor{UserID: u.ID, Username: u.Username, Role: u.Role, StationID: u.StationID, IP: a.IP, RequestID: a.RequestID})
		return s.audit(ctx, tx, "auth.login", "session", sess.ID, nil)
	})
	if err != nil {
		return nil, err
	}
	return &SignIn{Token: token, ExpiresAt: sess.ExpiresAt, User: &u}, nil
}

func tooManyAttempts(wait time.Duration) *Error {
	secs := int(math.Ceil(wait.Seconds()))
	return &Error{
		Code:    CodeTooManyAttempts,
		Message: "too many failed sign-ins; try again later",
		Extra:   map[string]any{"retry_after": secs},
	}
}

// Authenticated is the user behind a valid session token.
type Authenticated struct {
	User      *User
	SessionID int64
}

// Authenticate returns the user of a session token. CodeUnauthenticated for
// an unknown, revoked, idle-expired or expired token, or an inactive user.
func (s *Service) Authenticate(ctx context.Context, token string) (*Authenticated, error) {
	if token == "" {
		return nil, Errorf(CodeUnauthenticated, "sign in first")
	}
	h := hashToken(token)
	cache := s.sessions
	if hit, ok := cache.get(h); ok {
		if auth, err, ok := s.checkSession(hit.row, hit.user, true); ok {
			return auth, err
		}
	}
	var row struct {
		Session
		U User `gorm:"embedded;embeddedPrefix:u_"`
	}
	err := s.read(ctx).Table("sessions").
		Select("sessions.*, users.id AS u_id, users.username AS u_username, users.display_name AS u_display_name, "+
			"users.role AS u_role, users.station_id AS u_station_id, users.active AS u_active, "+
			"users.must_change_password AS u_must_change_password, users.password_changed_at AS u_password_changed_at, "+
			"users.created_at AS u_created_at, users.updated_at AS u_updated_at").
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.token_hash = ?", h).
		Take(&row).Error
	if err != nil {
		if isNotFound(err) {
			return nil, Errorf(CodeUnauthenticated, "the session is not valid; sign in again")
		}
		return nil, err
	}
	auth, err, _ := s.checkSession(row.Session, row.U, false)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if now.Sub(row.LastSeenAt) >= s.touchEvery() {
		err := retryStatement(ctx, func() error {
			return s.read(ctx).Model(&Session{}).Where("id = ?", row.Session.ID).Update("last_seen_at", now).Error
		})
		if err != nil {
			return nil, err
		}
		row.LastSeenAt = now
	}
	cache.put(h, row.Session, row.U)
	return auth, nil
}

// checkSession applies the session rules to a session and its user as
// read. From the cache (cached), a session due for its last-seen write is
// not answered (ok false): the caller reads and touches it in the database.
func (s *Service) checkSession(row Session, u User, cached bool) (auth *Authenticated, err error, ok bool) {
	now := s.now()
	switch {
	case row.RevokedAt != nil:
		return nil, Errorf(CodeUnauthenticated, "the session has ended; sign in again"), true
	case !now.Before(row.ExpiresAt):
		return nil, Errorf(CodeUnauthenticated, "the session has expired; sign in again"), true
	case now.Sub(row.LastSeenAt) >= s.opts.SessionIdle+s.touchEvery():
		return nil, Errorf(CodeUnauthenticated, "the session expired after inactivity; sign in again"), true
	case !u.Active:
		return nil, Errorf(CodeUnauthenticated, "this account is deactivated"), true
	case cached && now.Sub(row.LastSeenAt) >= s.touchEvery():
		return nil, nil, false
	}
	return &Authenticated{User: &u, SessionID: row.ID}, nil, true
}

// Logout ends the session of token; the token stops working at once.
// Ending an unknown or ended session is not an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	h := hashToken(token)
	// Forgotten again once committed: a request racing the sign-out may
	// have cached the session meanwhile.
	defer s.sessions.forget(h)
	return s.inTx(ctx, func(tx *txDB) error {
		var sess Session
		if err := tx.Where("token_hash = ? AND revoked_at IS NULL", h).First(&sess).Error; err != nil {
			if isNotFound(err) {
				return nil
			}
			return err
		}
		now := tx.now
		if err := tx.Model(&sess).Update("revoked_at", now).Error; err != nil {
			return err
		}
		s.sessions.forget(h)
		return s.audit(ctx, tx, "auth.logout", "session", sess.ID, nil)
	})
}

// revokeSessions ends every open session of a user except keep (0: all).
func (s *Service) revokeSessions(tx *txDB, userID, keep int64) error {
	s.sessions.forgetUser(userID)
	q := tx.Model(&Session{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if keep != 0 {
		q = q.Where("id <> ?", keep)
	}
	return q.Update("revoked_at", tx.now).Error
}

// ChangePassword changes the signed-in user's own password and lifts
// must_change_password. Her other sessions end; the one she uses stays.
// CodeValidation for a wrong current password (field current_password,
// code "wrong": a 401 would look like an expired session to the UI) and for
// a weak or unchanged new one. Wrong current passwords count against the
// username's sign-in limit (CodeTooManyAttempts), so a stolen session
// cannot be used to guess the password.
func (s *Service) ChangePassword(ctx context.Context, sessionID int64, current, next string) error {
	a := ActorFrom(ctx)
	if a.UserID == 0 {
		return Errorf(CodeUnauthenticated, "sign in first")
	}
	var u User
	if err := s.read(ctx).First(&u, a.UserID).Error; err != nil {
		return err
	}
	charge, err := s.chargeAttempt(ctx, s.loginKeys(u.Username, a.IP))
	if err != nil {
		return err
	}
	// bcrypt runs outside the transaction: on SQLite the transaction holds
	// the only connection, and every other request would wait for it.
	if !passwordMatches(u.PasswordHash, current) {
		return &Error{Code: CodeValidation, Message: "the current password is wrong",
			Fields: []FieldError{{Field: "current_password", Code: "wrong"}}}
	}
	if err := s.inTx(ctx, func(tx *txDB) error { return s.clearAttempt(tx, charge) }); err != nil {
		return err
	}
	var v Validation
	checkPassword(&v, "new_password", u.Username, next)
	if next == current {
		v.Add("new_password", "unchanged", "the new password must differ from the current one")
	}
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := s.hashPassword(next)
	if err != nil {
		return err
	}
	defer s.sessions.forgetUser(u.ID)
	return s.inTx(ctx, func(tx *txDB) error {
		now := tx.now
		// Only if the password is still the one checked above.
		res := tx.Model(&User{}).Where("id = ? AND password_hash = ?", u.ID, u.PasswordHash).Updates(map[string]any{
			"password_hash": hash, "must_change_password": false,
			"password_changed_at": now, "updated_at": now,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return Errorf(CodeConflict, "the password was changed meanwhile; sign in again")
		}
		if err := s.revokeSessions(tx, u.ID, sessionID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "user.password_change", "user", u.ID, nil)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	// Do not leave half a UTF-8 character at the end.
	return strings.ToValidUTF8(s, "")
}
