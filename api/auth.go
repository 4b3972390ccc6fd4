package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// Cookie and header names of a browser session.
const (
	SessionCookie = "torchlab_session"
	CSRFCookie    = "torchlab_csrf"
	CSRFHeader    = "X-CSRF-Token"
)

const sessionKey = "torchlab.session"

// credentials returns the session token of the request and whether it came
// from the cookie (which makes writes need the CSRF header).
func credentials(c *gin.Context) (token string, fromCookie bool) {
	if h := c.GetHeader("Authorization"); h != "" {
		// The scheme name is case-insensitive (RFC 9110 §11.1).
		if scheme, t, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(t), false
		}
		return "", false
	}
	if t, err := c.Cookie(SessionCookie); err == nil && t != "" {
		return t, true
	}
	return "", false
}

// anonymous puts an actor with the client's address and request ID into
// the context, for the routes that need no sign-in (log-in writes them into
// its audit rows and throttles by the address).
func anonymous(c *gin.Context) {
	ctx := lab.WithActor(c.Request.Context(), lab.Actor{IP: c.ClientIP(), RequestID: requestID(c)})
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// authenticate lets a request through only with a valid session, puts the
// signed-in actor into its context, holds back everything but /me, the
// password change and sign-out while the password must be changed, and
// asks writes authenticated by cookie for the anti-forgery token.
func (s *Server) authenticate(c *gin.Context) {
	token, fromCookie := credentials(c)
	auth, err := s.svc.Authenticate(c.Request.Context(), token)
	if err != nil {
		fail(c, err)
		return
	}
	if fromCookie && !safeMethod(c.Request.Method) && c.GetHeader(CSRFHeader) != lab.CSRFToken(token) {
		failCode(c, lab.CodeCSRF, "a write from the browser must carry the X-CSRF-Token header")
		return
	}
	u := auth.User
	if u.MustChangePassword && !allowedBeforePasswordChange[c.FullPath()] {
		failCode(c, lab.CodePasswordChangeRequired, "change your password first (POST /api/v1/me/password)")
		return
	}
	ctx := lab.WithActor(c.Request.Context(), lab.Actor{
		UserID: u.ID, Username: u.Username, Role: u.Role, StationID: u.StationID,
		IP: c.ClientIP(), RequestID: requestID(c),
	})
	c.Request = c.Request.WithContext(ctx)
	c.Set(sessionKey, auth)
	c.Next()
}

var allowedBeforePasswordChange = map[string]bool{
	"/api/v1/me":          true,
	"/api/v1/me/password": true,
	"/api/v1/auth/logout": true,
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// allow lets only the given roles through (403 forbidden otherwise).
func allow(roles ...lab.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		a, _ := actorOf(c)
		for _, r := range roles {
			if a.Role == r {
				c.Next()
				return
			}
		}
		failCode(c, lab.CodeForbidden, "the "+string(a.Role)+" role may not do this")
	}
}

func currentSession(c *gin.Context) *lab.Authenticated {
	v, _ := c.Get(sessionKey)
	a, _ := v.(*lab.Authenticated)
	return a
}

// setSessionCookies gives a browser the HttpOnly session cookie and the
// readable anti-forgery cookie. SameSite=Lax keeps both off cross-site
// requests other than top-level navigation.
func (s *Server) setSessionCookies(c *gin.Context, token string, expires time.Time) {
	maxAge := int(time.Until(expires).Seconds())
	s.setCookie(c, SessionCookie, token, maxAge, true)
	s.setCookie(c, CSRFCookie, lab.CSRFToken(token), maxAge, false)
}

func (s *Server) clearSessionCookies(c *gin.Context) {
	s.setCookie(c, SessionCookie, "", -1, true)
	s.setCookie(c, CSRFCookie, "", -1, false)
}

func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int, httpOnly bool) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: httpOnly, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}
