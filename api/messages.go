package api

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

type remindersRequest struct {
	OptIn bool   `json:"opt_in"`
	Lang  string `json:"lang"`
}

func (r *remindersRequest) input() *lab.RemindersInput {
	if r == nil {
		return nil
	}
	return &lab.RemindersInput{OptIn: r.OptIn, Lang: r.Lang}
}

// listMessages is the log of messages to women (?client_id=, ?station_id=,
// ?status=), newest first.
func (s *Server) listMessages(c *gin.Context) {
	var v lab.Validation
	f := lab.MessageFilter{ClientID: queryID(c, "client_id", &v), StationID: queryID(c, "station_id", &v),
		Status: c.Query("status"), Page: pageOf(c, &v)}
	if err := v.Err(); err != nil {
		fail(c, err)
		return
	}
	list, err := s.svc.ListMessages(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

// setReminders records her choice of reminders: whoever she tells, a
// nurse or her counselor.
func (s *Server) setReminders(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req remindersRequest
	if !bindJSON(c, &req) {
		return
	}
	cl, err := s.svc.SetReminders(c.Request.Context(), id, *req.input())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cl.View())
}

func (s *Server) listMessageTemplates(c *gin.Context) {
	ts, err := s.svc.MessageTemplates(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": ts, "forbidden_words": lab.ForbiddenTemplateWords()})
}

func (s *Server) putMessageTemplate(c *gin.Context) {
	var req struct {
		Body string `json:"body"`
	}
	if !bindJSON(c, &req) {
		return
	}
	t, err := s.svc.SetMessageTemplate(c.Request.Context(), lab.MessageEvent(c.Param("event")), c.Param("lang"), req.Body)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

func (s *Server) resetMessageTemplate(c *gin.Context) {
	t, err := s.svc.ResetMessageTemplate(c.Request.Context(), lab.MessageEvent(c.Param("event")), c.Param("lang"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

// smsReport is one delivery receipt as Alibaba Cloud's SMS service pushes
// it over HTTP (a JSON array of them); a webhook receiver posts the same.
// Fields the handler does not read are ignored, since the vendor may add
// some.
type smsReport struct {
	Success bool   `json:"success"`
	ErrCode string `json:"err_code"`
	ErrMsg  string `json:"err_msg"`
	BizID   string `json:"biz_id"`
	OutID   string `json:"out_id"`
}

// messageReceipts takes the gateway's delivery receipts. The gateway
// cannot sign in, so the route's last segment is a secret token
// (TORCHLAB_SMS_RECEIPT_TOKEN) compared in constant time; the access log
// records the route pattern, never the token. Without a token configured
// the route answers 404. The answer is what the vendor expects of a
// receiver that took the receipts: {"code": 0, "msg": "成功"}.
func (s *Server) messageReceipts(c *gin.Context) {
	want := s.cfg.MessageReceiptToken
	if want == "" {
		failCode(c, lab.CodeNotFound, "delivery receipts are not taken here")
		return
	}
	if subtle.ConstantTimeCompare([]byte(c.Param("token")), []byte(want)) != 1 {
		failCode(c, lab.CodeUnauthenticated, "not a receipt token this server gave")
		return
	}
	var reports []smsReport
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxJSONBody)
	if err := json.NewDecoder(c.Request.Body).Decode(&reports); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			failCode(c, lab.CodeTooLarge, "the request body is over 1 MiB")
			return
		}
		failCode(c, lab.CodeMalformed, "a JSON array of delivery receipts")
		return
	}
	receipts := make([]lab.DeliveryReceipt, len(reports))
	for i, r := range reports {
		receipts[i] = lab.DeliveryReceipt{Key: r.OutID, ProviderID: r.BizID, Delivered: r.Success, Code: r.ErrCode, Detail: r.ErrMsg}
	}
	n, err := s.svc.RecordReceipts(lab.SystemContext(c.Request.Context(), "(sms gateway)"), receipts)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"code": 0, "msg": "成功", "matched": n})
}
