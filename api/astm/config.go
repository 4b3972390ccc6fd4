package astm

import (
	"log/slog"
	"time"
)

// Config holds the timers and limits of a connection. The zero value of a
// field means its default, which is the standard's where the standard
// names one.
type Config struct {
	// EstablishTimeout is how long a sender waits for the reply to ENQ
	// and for the reply to each frame (E1381 §6.5.2: 15 s).
	EstablishTimeout time.Duration
	// FrameTimeout is how long a receiver waits for the next frame or EOT
	// (E1381 §6.5.2: 30 s); the whole frame must arrive within it.
	FrameTimeout time.Duration
	// BusyWait is how long a sender waits after a NAK to its ENQ before
	// trying again (E1381 §6.2.4: at least 10 s); BusyRetries bounds the
	// tries.
	BusyWait    time.Duration
	BusyRetries int
	// IdleTimeout closes a connection on which no transmission starts.
	IdleTimeout time.Duration
	// MessageTimeout bounds one whole transmission, ENQ to EOT, so that a
	// peer sending a frame every 29 s cannot hold a connection forever.
	MessageTimeout time.Duration
	// MaxMessageBytes bounds the text of one transmission.
	MaxMessageBytes int
	// MaxConns bounds the connections served at once; more are closed as
	// soon as they are accepted.
	MaxConns int
	// HostName is the sender name in the H record of answers.
	HostName string
	Logger   *slog.Logger
	Metrics  Metrics
	// Now stamps the H record of answers; tests fix it.
	Now func() time.Time
}

// Defaults of the limits the standard leaves to the system.
const (
	defaultIdleTimeout     = 10 * time.Minute
	defaultMessageTimeout  = 5 * time.Minute
	defaultMaxMessageBytes = 1 << 20
	defaultMaxConns        = 32
	defaultBusyRetries     = 6
	// maxTransmissions is how often a frame is sent before the sender
	// gives up on the message (E1381 §6.5.1.2: six times).
	maxTransmissions = 6
)

// withDefaults fills every zero field.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.EstablishTimeout, 15*time.Second)
	def(&c.FrameTimeout, 30*time.Second)
	def(&c.BusyWait, 10*time.Second)
	def(&c.IdleTimeout, defaultIdleTimeout)
	def(&c.MessageTimeout, defaultMessageTimeout)
	if c.BusyRetries <= 0 {
		c.BusyRetries = defaultBusyRetries
	}
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = defaultMaxMessageBytes
	}
	if c.MaxConns <= 0 {
		c.MaxConns = defaultMaxConns
	}
	if c.HostName == "" {
		c.HostName = "torchlab"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Metrics == nil {
		c.Metrics = noMetrics{}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
