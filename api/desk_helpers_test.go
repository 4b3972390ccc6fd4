package api_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"torchlab/lab"
)

// womanID returns the n-th distinct valid female ID number.
func womanID(n int) string {
	return lab.MakeNationalID("110105", lab.Date(fmt.Sprintf("199%d-0%d-1%d", n%10, 1+n/10%9, n%10)), 2*(n%500))
}

// clientBody is a valid registration, changed by the options.
func clientBody(n int, opts ...func(map[string]any)) map[string]any {
	b := map[string]any{
		"name":        "王芳" + strconv.Itoa(n),
		"national_id": womanID(n),
		"phone":       fmt.Sprintf("139%08d", n),
		"address":     "北京市海淀区中关村大街" + strconv.Itoa(n) + "号",
		"category":    "planning",
		"consent":     map[string]any{"given": true, "text_version": "v1"},
	}
	for _, o := range opts {
		o(b)
	}
	return b
}

func with(k string, v any) func(map[string]any) { return func(b map[string]any) { b[k] = v } }

// register registers a client and returns her id.
func (e *env) register(token string, body map[string]any) int64 {
	e.t.Helper()
	res := e.do("POST", "/api/v1/clients", token, body)
	if res.Code != http.StatusCreated {
		e.t.Fatalf("register: %d %s", res.Code, res.Body)
	}
	var c lab.ClientView
	decode(e.t, res, &c)
	return c.ID
}

// slot creates a slot at the station and returns it.
func (e *env) slot(token string, station int64, date, start string, capacity int) lab.Slot {
	e.t.Helper()
	res := e.do("POST", "/api/v1/stations/"+strconv.FormatInt(station, 10)+"/slots", token,
		map[string]any{"date": date, "start": start, "capacity": capacity})
	if res.Code != http.StatusCreated {
		e.t.Fatalf("slot: %d %s", res.Code, res.Body)
	}
	var sl lab.Slot
	decode(e.t, res, &sl)
	return sl
}

// book books a client and returns the answer.
func (e *env) book(token string, client, slot int64) (*lab.Appointment, *problemResult) {
	e.t.Helper()
	res := e.do("POST", "/api/v1/appointments", token, map[string]any{"client_id": client, "slot_id": slot})
	if res.Code != http.StatusCreated {
		var p problem
		decode(e.t, res, &p)
		return nil, &problemResult{status: res.Code, problem: p}
	}
	var ap lab.Appointment
	decode(e.t, res, &ap)
	return &ap, nil
}

type problemResult struct {
	status int
	problem
}

func (e *env) slotBooked(id int64) int {
	e.t.Helper()
	var sl lab.Slot
	if err := e.db.Gorm.First(&sl, id).Error; err != nil {
		e.t.Fatal(err)
	}
	return sl.Booked
}

func path(format string, ids ...int64) string {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return fmt.Sprintf(format, args...)
}

func mustCode(t *testing.T, p *problemResult, status int, code string) {
	t.Helper()
	if p == nil || p.status != status || p.Code != code {
		t.Fatalf("got %+v, want %d %s", p, status, code)
	}
}
