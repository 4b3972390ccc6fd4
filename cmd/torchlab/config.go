package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"torchlab/lab"
	"torchlab/lab/sms"
	"torchlab/migrations"
)

// config is the deployment's configuration, read from the environment
// (README.md lists every variable). Programme rules are not here: they are
// settings that admins change in the UI.
type config struct {
	Addr        string
	MetricsAddr string
	// HL7Addr is where analysers send HL7 v2 results over MLLP
	// (TORCHLAB_HL7_ADDR); empty, no listener.
	HL7Addr string
	// ASTMAddr is where analysers speaking ASTM E1394 connect; "" is off.
	ASTMAddr        string
	DB              string
	Key             []byte
	KeyFileCreated  string
	LogLevel        slog.Level
	LogFormat       string
	SessionIdle     time.Duration
	SessionMax      time.Duration
	SecureCookies   bool
	TrustedProxies  []string
	ShutdownTimeout time.Duration
	JobInterval     time.Duration
	DBMaxOpen       int
	Timezone        string
	WebhookURLs     []string
	WebhookSecret   []byte
	OrgURI          string
	// Messages to women (docs/operations.md, "Messages to women"):
	// SMSProvider is "aliyun", "webhook" or "" (none: messages are kept,
	// queued, and not sent).
	SMSProvider     string
	SMSAliyun       sms.AliyunConfig
	SMSWebhookURL   string
	SMSReceiptToken string
}

// minSessionIdle is the shortest idle limit a deployment may set.
const minSessionIdle = 5 * time.Minute

// env reads one variable with its default.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// loadConfig reads and validates the environment. Every bad value is
// reported by name, all at once, so that one start shows every mistake.
func loadConfig() (*config, error) {
	var errs []string
	bad := func(name, format string, args ...any) {
		errs = append(errs, name+": "+fmt.Sprintf(format, args...))
	}
	c := &config{
		Addr:      env("TORCHLAB_ADDR", ":8080"),
		DB:        env("TORCHLAB_DB", "sqlite:torchlab.db"),
		LogFormat: env("TORCHLAB_LOG_FORMAT", "json"),
		Timezone:  env("TORCHLAB_TIMEZONE", "Asia/Shanghai"),
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("TORCHLAB_ADDR", "%q is not host:port (for example :8080)", c.Addr)
	}
	if c.MetricsAddr = os.Getenv("TORCHLAB_METRICS_ADDR"); c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			bad("TORCHLAB_METRICS_ADDR", "%q is not host:port (for example 127.0.0.1:9464)", c.MetricsAddr)
		}
	}
	if c.HL7Addr = os.Getenv("TORCHLAB_HL7_ADDR"); c.HL7Addr != "" {
		if _, _, err := net.SplitHostPort(c.HL7Addr); err != nil {
			bad("TORCHLAB_HL7_ADDR", "%q is not host:port (for example :2575)", c.HL7Addr)
		}
	}
	if c.ASTMAddr = os.Getenv("TORCHLAB_ASTM_ADDR"); c.ASTMAddr != "" {
		if _, _, err := net.SplitHostPort(c.ASTMAddr); err != nil {
			bad("TORCHLAB_ASTM_ADDR", "%q is not host:port (for example :4001)", c.ASTMAddr)
		}
	}
	dialect, dsn, err := lab.ParseDatabaseURL(c.DB)
	if err != nil {
		bad("TORCHLAB_DB", "%v", err)
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("TORCHLAB_LOG_LEVEL", "info"))); err != nil {
		bad("TORCHLAB_LOG_LEVEL", "one of debug, info, warn, error")
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		bad("TORCHLAB_LOG_FORMAT", "json or text, not %q", c.LogFormat)
	}
	duration := func(name, def string) time.Duration {
		raw := env(name, def)
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			bad(name, "%q is not a positive duration such as 30s, 2h", raw)
		}
		return d
	}
	c.SessionIdle = duration("TORCHLAB_SESSION_IDLE", "2h")
	c.SessionMax = duration("TORCHLAB_SESSION_MAX", "12h")
	switch {
	case c.SessionIdle > 0 && c.SessionIdle < minSessionIdle:
		bad("TORCHLAB_SESSION_IDLE", "%s is under the minimum of 5m: staff would be signed out between two patients", c.SessionIdle)
	case c.SessionIdle > c.SessionMax:
		bad("TORCHLAB_SESSION_IDLE", "longer than TORCHLAB_SESSION_MAX")
	}
	c.ShutdownTimeout = duration("TORCHLAB_SHUTDOWN_TIMEOUT", "30s")
	c.JobInterval = duration("TORCHLAB_JOB_INTERVAL", "5m")
	secure := env("TORCHLAB_COOKIE_SECURE", "false")
	if c.SecureCookies, err = strconv.ParseBool(secure); err != nil {
		bad("TORCHLAB_COOKIE_SECURE", "true or false, not %q", secure)
	}
	maxOpen := env("TORCHLAB_DB_MAX_OPEN", "32")
	if c.DBMaxOpen, err = strconv.Atoi(maxOpen); err != nil || c.DBMaxOpen < 1 || c.DBMaxOpen > 1000 {
		bad("TORCHLAB_DB_MAX_OPEN", "a whole number from 1 to 1000, not %q", maxOpen)
	}
	if raw := env("TORCHLAB_TRUSTED_PROXIES", ""); raw != "" {
		for _, p := range strings.Split(raw, ",") {
			p = strings.TrimSpace(p)
			if net.ParseIP(p) == nil {
				if _, _, err := net.ParseCIDR(p); err != nil {
					bad("TORCHLAB_TRUSTED_PROXIES", "%q is neither an IP address nor a CIDR range", p)
				}
			}
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if raw := env("TORCHLAB_WEBHOOK_URLS", ""); raw != "" {
		for _, u := range strings.Split(raw, ",") {
			u = strings.TrimSpace(u)
			parsed, err := url.Parse(u)
			if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" || len(u) > 255 {
				bad("TORCHLAB_WEBHOOK_URLS", "%q is not an http(s) URL", u)
				continue
			}
			c.WebhookURLs = append(c.WebhookURLs, u)
		}
		c.WebhookSecret = []byte(os.Getenv("TORCHLAB_WEBHOOK_SECRET"))
		if len(c.WebhookSecret) < 16 {
			bad("TORCHLAB_WEBHOOK_SECRET", "required with TORCHLAB_WEBHOOK_URLS, at least 16 characters (receivers check the HMAC-SHA256 signature with it)")
		}
	}
	if c.OrgURI = os.Getenv("TORCHLAB_ORG_URI"); c.OrgURI != "" {
		if err := lab.CheckOrgURI(c.OrgURI); err != nil {
			bad("TORCHLAB_ORG_URI", "%v", err)
		}
	}
	c.loadSMS(bad)
	if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "Local" {
		bad("TORCHLAB_TIMEZONE", "%q is not an IANA time zone such as Asia/Shanghai", c.Timezone)
	}
	switch raw := os.Getenv("TORCHLAB_KEY"); {
	case raw != "":
		key, err := lab.ParseKey(raw)
		if err != nil {
			bad("TORCHLAB_KEY", "%v", err)
		}
		c.Key = key
	case dialect == migrations.MySQL:
		bad("TORCHLAB_KEY", "required with MySQL (every process of a deployment shares it); make one with: head -c 32 /dev/urandom | base64")
	case dialect == migrations.SQLite && len(errs) == 0:
		path := dsn + ".key"
		key, created, err := lab.LoadOrCreateKeyFile(path)
		if err != nil {
			bad("TORCHLAB_KEY", "not set, and the key file beside the database failed: %v", err)
		}
		c.Key = key
		if created {
			c.KeyFileCreated = path
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("configuration:\n  %s", strings.Join(errs, "\n  "))
	}
	return c, nil
}

// receiptToken is a secret path segment: URL-safe, long enough not to be
// guessed.
var receiptToken = regexp.MustCompile(`^[A-Za-z0-9_-]{24,128}$`)

// loadSMS reads the gateway of messages to women; off unless
// TORCHLAB_SMS_PROVIDER names one.
func (c *config) loadSMS(bad func(name, format string, args ...any)) {
	httpURL := func(name, raw string) bool {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(name, "%q is not an http(s) URL", raw)
			return false
		}
		return true
	}
	required := func(name string) string {
		v := os.Getenv(name)
		if v == "" {
			bad(name, "required with TORCHLAB_SMS_PROVIDER=%s", c.SMSProvider)
		}
		return v
	}
	c.SMSProvider = env("TORCHLAB_SMS_PROVIDER", "")
	switch c.SMSProvider {
	case "":
	case "aliyun":
		c.SMSAliyun = sms.AliyunConfig{
			Endpoint:        env("TORCHLAB_SMS_ENDPOINT", sms.DefaultAliyunEndpoint),
			AccessKeyID:     required("TORCHLAB_SMS_ACCESS_KEY_ID"),
			AccessKeySecret: required("TORCHLAB_SMS_ACCESS_KEY_SECRET"),
			SignName:        required("TORCHLAB_SMS_SIGN_NAME"),
		}
		httpURL("TORCHLAB_SMS_ENDPOINT", c.SMSAliyun.Endpoint)
		if raw := required("TORCHLAB_SMS_TEMPLATE_CODES"); raw != "" {
			codes, err := sms.ParseTemplateCodes(raw)
			if err != nil {
				bad("TORCHLAB_SMS_TEMPLATE_CODES", "%v", err)
			}
			c.SMSAliyun.TemplateCodes = codes
		}
	case "webhook":
		if c.SMSWebhookURL = required("TORCHLAB_SMS_WEBHOOK_URL"); c.SMSWebhookURL != "" {
			httpURL("TORCHLAB_SMS_WEBHOOK_URL", c.SMSWebhookURL)
		}
		c.WebhookSecret = []byte(os.Getenv("TORCHLAB_WEBHOOK_SECRET"))
		if len(c.WebhookSecret) < 16 {
			bad("TORCHLAB_WEBHOOK_SECRET", "required with TORCHLAB_SMS_PROVIDER=webhook, at least 16 characters (the receiver checks the HMAC-SHA256 signature with it)")
		}
	default:
		bad("TORCHLAB_SMS_PROVIDER", "aliyun or webhook (or unset: no messages are sent), not %q", c.SMSProvider)
	}
	c.SMSReceiptToken = os.Getenv("TORCHLAB_SMS_RECEIPT_TOKEN")
	if c.SMSReceiptToken != "" && !receiptToken.MatchString(c.SMSReceiptToken) {
		bad("TORCHLAB_SMS_RECEIPT_TOKEN", "24 to 128 letters, digits, - or _ (it is the last segment of the receipt URL); make one with: head -c 24 /dev/urandom | base64 | tr +/ -_")
	}
}

// messageSender is the configured gateway of messages to women, nil when
// none is.
func (c *config) messageSender() lab.MessageSender {
	switch c.SMSProvider {
	case "aliyun":
		return sms.NewAliyun(c.SMSAliyun, nil)
	case "webhook":
		return sms.NewWebhook(c.SMSWebhookURL, c.WebhookSecret, nil)
	}
	return nil
}

func (c *config) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}

func (c *config) pool() lab.PoolOptions {
	p := lab.DefaultPool
	p.MaxOpen = c.DBMaxOpen
	p.MaxIdle = c.DBMaxOpen // as many idle as open: see lab.DefaultPool
	return p
}

func (c *config) serviceOptions() lab.Options {
	return lab.Options{
		SessionIdle:       c.SessionIdle,
		SessionMax:        c.SessionMax,
		DefaultTimezone:   c.Timezone,
		Key:               c.Key,
		WebhookRecipients: c.WebhookURLs,
		OrgURI:            c.OrgURI,
	}
}
