package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// The tool's HTTP client: a signed-in user's session and one request to
// the torchlab under load.

type session struct {
	token    string
	userID   int64
	username string
	station  int64 // 0 for users of no station
}

// call makes one request and returns its status, its problem code (for
// errors) and the decoded body.
func (r *runner) call(ctx context.Context, s *session, method, path string, body any, out any) (int, string, error) {
	return r.callURL(ctx, s, method, r.base+path, body, out)
}

// callURL is call to a whole URL (the yardstick's).
func (r *runner) callURL(ctx context.Context, s *session, method, url string, body any, out any) (int, string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s != nil {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		var p struct {
			Code string `json:"code"`
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return resp.StatusCode, "", err
		}
		json.Unmarshal(b, &p)
		return resp.StatusCode, p.Code, nil
	}
	var decodeErr error
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil && err != io.EOF {
			decodeErr = fmt.Errorf("%s %s: %v", method, url, err)
		}
	}
	// What is left (all of an answer nobody reads) is drained, not kept,
	// so the connection is reused: the queue's pages are 100-200 KB, and
	// reading each whole into memory cost this tool 0.87-0.91 ms of CPU a
	// queue visit against 0.23-0.27 ms drained (the visit alone against
	// the same server, the tool built both ways), CPU taken from the
	// server it measures when both share a small machine.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil && decodeErr == nil {
		decodeErr = fmt.Errorf("%s %s: %v", method, url, err)
	}
	return resp.StatusCode, "", decodeErr
}

func (r *runner) login(ctx context.Context, username string) (*session, error) {
	var out struct {
		Token string `json:"token"`
		User  struct {
			ID        int64  `json:"id"`
			Username  string `json:"username"`
			StationID *int64 `json:"station_id"`
		} `json:"user"`
	}
	st, code, err := r.call(ctx, nil, "POST", "/api/v1/auth/login", map[string]string{"username": username, "password": r.o.password}, &out)
	if err != nil {
		return nil, err
	}
	if st != 200 {
		return nil, fmt.Errorf("sign-in as %s: %d %s (was the database seeded with torchlab-load seed?)", username, st, code)
	}
	se := &session{token: out.Token, userID: out.User.ID, username: out.User.Username}
	if out.User.StationID != nil {
		se.station = *out.User.StationID
	}
	return se, nil
}
