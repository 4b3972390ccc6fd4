package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// sessionUser is the user as the sign-in answer and /me show her.
type sessionUser struct {
	ID                 int64    `json:"id"`
	Username           string   `json:"username"`
	DisplayName        string   `json:"display_name"`
	Role               lab.Role `json:"role"`
	StationID          *int64   `json:"station_id"`
	MustChangePassword bool     `json:"must_change_password"`
}

func toSessionUser(u *lab.User) sessionUser {
	return sessionUser{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
		StationID: u.StationID, MustChangePassword: u.MustChangePassword}
}

func (s *Server) login(c *gin.Context) {
	var req loginRequest
	if !bindJSON(c, &req) {
		return
	}
	in, err := s.svc.Login(c.Request.Context(), req.Username, req.Password, c.Request.UserAgent())
	if err != nil {
		fail(c, err)
		return
	}
	s.setSessionCookies(c, in.Token, in.ExpiresAt)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{
		"token":      in.Token,
		"expires_at": in.ExpiresAt.UTC().Format(time.RFC3339),
		"csrf_token": lab.CSRFToken(in.Token),
		"user":       toSessionUser(in.User),
	})
}

func (s *Server) logout(c *gin.Context) {
	token, _ := credentials(c)
	if err := s.svc.Logout(c.Request.Context(), token); err != nil {
		fail(c, err)
		return
	}
	s.clearSessionCookies(c)
	c.Status(http.StatusNoContent)
}

func (s *Server) me(c *gin.Context) {
	c.JSON(http.StatusOK, toSessionUser(currentSession(c).User))
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *Server) changePassword(c *gin.Context) {
	var req passwordRequest
	if !bindJSON(c, &req) {
		return
	}
	err := s.svc.ChangePassword(c.Request.Context(), currentSession(c).SessionID, req.CurrentPassword, req.NewPassword)
	if err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
