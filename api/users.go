package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type userRequest struct {
	Username    string   `json:"username"`
	Password    string   `json:"password"`
	Role        lab.Role `json:"role"`
	StationID   *int64   `json:"station_id"`
	DisplayName string   `json:"display_name"`
	Active      *bool    `json:"active"`
}

type userPatch struct {
	Username    *string   `json:"username"`
	Password    *string   `json:"password"`
	Role        *lab.Role `json:"role"`
	StationID   *int64    `json:"station_id"`
	DisplayName *string   `json:"display_name"`
	Active      *bool     `json:"active"`
}

func (s *Server) createUser(c *gin.Context) {
	var req userRequest
	if !bindJSON(c, &req) {
		return
	}
	u, err := s.svc.CreateUser(c.Request.Context(), lab.NewUser{
		Username: req.Username, Password: req.Password, Role: req.Role,
		StationID: req.StationID, DisplayName: req.DisplayName,
		// The admin knows this password; the user must replace it.
		MustChangePassword: true,
		Inactive:           req.Active != nil && !*req.Active,
	})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (s *Server) updateUser(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req userPatch
	if !bindJSON(c, &req) {
		return
	}
	u, err := s.svc.UpdateUser(c.Request.Context(), id, lab.UserPatch(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

func (s *Server) getUser(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	u, err := s.svc.GetUser(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

func (s *Server) listUsers(c *gin.Context) {
	var v lab.Validation
	f := lab.UserFilter{Role: lab.Role(c.Query("role")), Page: pageOf(c, &v)}
	f.StationID = queryID(c, "station_id", &v)
	if raw := c.Query("active"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			v.Add("active", "not_boolean", "true or false")
		}
		f.Active = &b
	}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListUsers(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}
