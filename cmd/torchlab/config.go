package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"torchlab/lab"
	"torchlab/migrations"
)

// config is the deployment's configuration, read from the environment
// (README.md lists every variable). Programme rules are not here: they are
// settings that admins change in the UI.
type config struct {
	Addr            string
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
}

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
	if c.SessionIdle > c.SessionMax {
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
		// Programme statistics at most a minute behind the records: one
		// summary a minute brings the kept days up to date, not every one
		// (docs/decisions.md, "Statistics at a million samples").
		StatsFreshness: time.Minute,
	}
}
