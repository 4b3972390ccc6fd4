package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// bareHandler serves the bare booking transaction (bareDB.bookTx) over
// HTTP through Gin and does nothing else: no session, no eligibility, no
// validation beyond decoding the body. It is the second reference
// point, "a Gin handler doing nothing but that transaction", measured in
// the same run as the API and the bare SQL, so that the report shows how
// much of the API's distance from the bare transaction is HTTP's alone.
// It runs in this tool's process (its CPU shows as the load tool's).
type bareHandler struct {
	url string
	srv *http.Server
}

// bareBooking is the handler's request: the woman as the pool holds her
// (the API reads her station and category itself) and the slot.
type bareBooking struct {
	ClientID  int64  `json:"client_id"`
	StationID int64  `json:"station_id"`
	Category  string `json:"category"`
	SlotID    int64  `json:"slot_id"`
}

func startBareHandler(b *bareDB) (*bareHandler, error) {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.POST("/book", func(c *gin.Context) {
		var in bareBooking
		if err := c.ShouldBindJSON(&in); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"code": "bad_request", "message": err.Error()})
			return
		}
		var id int64
		var code string
		err := lab.RetryLockConflicts(func() (err error) {
			id, code, err = b.bookTx(c.Request.Context(), poolClient{id: in.ClientID, station: in.StationID, category: in.Category}, in.SlotID, 1)
			return err
		})
		switch {
		case err != nil:
			c.JSON(http.StatusInternalServerError, gin.H{"code": "internal", "message": err.Error()})
		case code != "":
			c.JSON(http.StatusUnprocessableEntity, gin.H{"code": code})
		default:
			c.JSON(http.StatusCreated, gin.H{"id": id})
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: g, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(err)
		}
	}()
	return &bareHandler{url: "http://" + ln.Addr().String(), srv: srv}, nil
}

func (h *bareHandler) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h.srv.Shutdown(ctx)
}
