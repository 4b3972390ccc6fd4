// Package sms holds the adapters that hand torchlab's messages to women
// (lab.MessageSender) to a gateway: Alibaba Cloud's SMS service, whose
// RPC requests are signed with the AccessKey secret, and the signed
// webhook torchlab already speaks to other systems.
package sms

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"torchlab/lab"
)

// AliyunConfig configures the Alibaba Cloud SMS adapter (Dysmsapi,
// version 2017-05-25).
type AliyunConfig struct {
	// Endpoint is the API's URL, https://dysmsapi.aliyuncs.com/ unless set.
	Endpoint        string
	AccessKeyID     string
	AccessKeySecret string
	// SignName is the approved signature the vendor prefixes (【…】).
	SignName string
	// TemplateCodes gives the code of the template registered with the
	// vendor for each event's Chinese message ("report_ready") and, where
	// there is one, its English message ("report_ready.en"). Chinese
	// carriers take only registered templates: the vendor fills the
	// registered wording with the placeholders' values.
	TemplateCodes map[string]string
	// RegionID is cn-hangzhou unless set.
	RegionID string
}

// DefaultAliyunEndpoint is Alibaba Cloud's SMS API.
const DefaultAliyunEndpoint = "https://dysmsapi.aliyuncs.com/"

// Aliyun sends messages through Alibaba Cloud's SMS service.
type Aliyun struct {
	cfg    AliyunConfig
	client *http.Client
	// now and nonce are replaced by tests.
	now   func() time.Time
	nonce func() string
}

// NewAliyun returns the adapter; client nil uses one with a 10 s timeout.
func NewAliyun(cfg AliyunConfig, client *http.Client) *Aliyun {
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultAliyunEndpoint
	}
	if cfg.RegionID == "" {
		cfg.RegionID = "cn-hangzhou"
	}
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &Aliyun{cfg: cfg, client: client, now: time.Now, nonce: randomNonce}
}

func randomNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ParseTemplateCodes reads TORCHLAB_SMS_TEMPLATE_CODES:
// "appointment_reminder=SMS_1,report_ready=SMS_2,report_ready.en=SMS_7,…".
// Every event needs its Chinese template; English ones are optional (a
// message in English without one fails, naming the missing code).
func ParseTemplateCodes(raw string) (map[string]string, error) {
	codes := map[string]string{}
	var problems []string
	for _, pair := range strings.Split(raw, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		name, code, ok := strings.Cut(pair, "=")
		name, code = strings.TrimSpace(name), strings.TrimSpace(code)
		event, lang, hasLang := strings.Cut(name, ".")
		switch {
		case !ok || code == "":
			problems = append(problems, fmt.Sprintf("%q is not event=CODE", pair))
		case !knownEvent(event):
			problems = append(problems, fmt.Sprintf("%q is not an event (%s)", event, eventNames()))
		case hasLang && lang != lab.LangEn:
			problems = append(problems, fmt.Sprintf("%q: only .en names a second language", name))
		default:
			codes[name] = code
		}
	}
	for _, ev := range lab.MessageEvents {
		if codes[string(ev)] == "" {
			problems = append(problems, fmt.Sprintf("no template code for %s", ev))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return codes, nil
}

func knownEvent(name string) bool {
	for _, ev := range lab.MessageEvents {
		if string(ev) == name {
			return true
		}
	}
	return false
}

func eventNames() string {
	names := make([]string, len(lab.MessageEvents))
	for i, ev := range lab.MessageEvents {
		names[i] = string(ev)
	}
	return strings.Join(names, ", ")
}

// permanentCodes are the vendor's refusals that a retry cannot change: a
// bad number, a template or signature it does not accept, parameters it
// refuses, words it blocks.
var permanentCodes = map[string]bool{
	"isv.MOBILE_NUMBER_ILLEGAL":       true,
	"isv.TEMPLATE_MISSING_PARAMETERS": true,
	"isv.INVALID_PARAMETERS":          true,
	"isv.INVALID_JSON_PARAM":          true,
	"isv.PARAM_LENGTH_LIMIT":          true,
	"isv.SMS_TEMPLATE_ILLEGAL":        true,
	"isv.SMS_SIGNATURE_ILLEGAL":       true,
	"isv.BLACK_KEY_CONTROL_LIMIT":     true,
}

// SendMessage sends one message with SendSms, its idempotency key as the
// request's OutId, which the vendor's receipts and records quote. The
// vendor does not drop a repeated request by itself (its SendSms is not
// idempotent), so a message whose earlier attempt is Uncertain is first
// looked up with QuerySendDetails: if the vendor has a message with that
// OutId for her number, it is not sent again.
func (a *Aliyun) SendMessage(ctx context.Context, m lab.OutgoingMessage) (lab.SendResult, error) {
	if m.Uncertain {
		found, err := a.alreadySent(ctx, m)
		if err != nil {
			return lab.SendResult{}, fmt.Errorf("looking up an earlier attempt before sending again: %w", err)
		}
		if found {
			return lab.SendResult{AlreadySent: true}, nil
		}
	}
	name := string(m.Event)
	if m.Lang == lab.LangEn {
		name += ".en"
	}
	code := a.cfg.TemplateCodes[name]
	if code == "" {
		return lab.SendResult{}, lab.Permanent("no template is registered with the vendor for " + name + " (TORCHLAB_SMS_TEMPLATE_CODES)")
	}
	params, err := json.Marshal(m.Params)
	if err != nil {
		return lab.SendResult{}, lab.Permanent(err.Error())
	}
	var out struct {
		Code, Message, BizId, RequestId string
	}
	err = a.call(ctx, map[string]string{
		"Action": "SendSms", "PhoneNumbers": m.Phone, "SignName": a.cfg.SignName,
		"TemplateCode": code, "TemplateParam": string(params), "OutId": m.Key,
	}, &out)
	if err != nil {
		return lab.SendResult{}, err
	}
	if out.Code != "OK" {
		reason := fmt.Sprintf("%s: %s (request %s)", out.Code, out.Message, out.RequestId)
		if permanentCodes[out.Code] {
			return lab.SendResult{}, lab.Permanent(reason)
		}
		return lab.SendResult{}, fmt.Errorf("%s", reason)
	}
	return lab.SendResult{ProviderID: out.BizId}, nil
}

// flexInt reads a number the vendor writes as a number or a string.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.Atoi(s)
	*n = flexInt(v)
	return err
}

// beijing is the time zone the vendor's send dates are in.
var beijing = time.FixedZone("Asia/Shanghai", 8*3600)

// alreadySent asks the vendor whether it has a message with m's key sent
// to her number on the day of the earlier attempt or today (Beijing
// time), a few pages of 50 at most.
func (a *Aliyun) alreadySent(ctx context.Context, m lab.OutgoingMessage) (bool, error) {
	days := []string{m.EarlierClaimAt.In(beijing).Format("20060102")}
	if today := a.now().In(beijing).Format("20060102"); today != days[0] {
		days = append(days, today)
	}
	for _, day := range days {
		for page := 1; page <= 4; page++ {
			var out struct {
				Code, Message     string
				TotalCount        flexInt
				SmsSendDetailDTOs struct {
					SmsSendDetailDTO []struct{ OutId string }
				}
			}
			err := a.call(ctx, map[string]string{
				"Action": "QuerySendDetails", "PhoneNumber": m.Phone, "SendDate": day,
				"PageSize": "50", "CurrentPage": strconv.Itoa(page),
			}, &out)
			if err != nil {
				return false, err
			}
			if out.Code != "OK" {
				return false, fmt.Errorf("QuerySendDetails: %s: %s", out.Code, out.Message)
			}
			for _, d := range out.SmsSendDetailDTOs.SmsSendDetailDTO {
				if d.OutId == m.Key {
					return true, nil
				}
			}
			if int(out.TotalCount) <= page*50 {
				break
			}
		}
	}
	return false, nil
}

// call makes one signed RPC request (GET) and decodes its JSON answer,
// whatever its HTTP status: the vendor explains a refusal in the body.
func (a *Aliyun) call(ctx context.Context, params map[string]string, out any) error {
	q := map[string]string{
		"AccessKeyId":      a.cfg.AccessKeyID,
		"Format":           "JSON",
		"RegionId":         a.cfg.RegionID,
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureNonce":   a.nonce(),
		"SignatureVersion": "1.0",
		"Timestamp":        a.now().UTC().Format("2006-01-02T15:04:05Z"),
		"Version":          "2017-05-25",
	}
	for k, v := range params {
		q[k] = v
	}
	query := canonicalQuery(q)
	full := a.cfg.Endpoint + "?Signature=" + percentEncode(signRPC(http.MethodGet, query, a.cfg.AccessKeySecret)) + "&" + query
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, full, nil)
	if err != nil {
		return err
	}
	res, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("the gateway answered %s with no JSON", res.Status)
	}
	return nil
}

// percentEncode is the RPC signature's encoding: RFC 3986, every byte but
// A–Z a–z 0–9 - _ . ~ as %XX (a space is %20, never +).
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// canonicalQuery is the parameters sorted by name, each name and value
// percent-encoded, joined by & (the signature's canonicalized query).
func canonicalQuery(q map[string]string) string {
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = percentEncode(k) + "=" + percentEncode(q[k])
	}
	return strings.Join(parts, "&")
}

// signRPC is Alibaba Cloud's RPC signature, version 1.0:
// Base64(HMAC-SHA1(secret + "&", METHOD + "&%2F&" + percentEncode(query))).
func signRPC(method, canonical, secret string) string {
	toSign := method + "&" + percentEncode("/") + "&" + percentEncode(canonical)
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(toSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
