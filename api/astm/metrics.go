package astm

// Metrics counts what the server sees. SharedMetrics backs it with the
// counters every interface listener shares (api/interfaces); tests back it
// with their own. Methods must be safe for concurrent use.
type Metrics interface {
	// Connection counts one connection event.
	Connection(event ConnEvent)
	// Message counts one E1394 message (H to L) from sender, the analyser's
	// name in its H record.
	Message(sender string, outcome Outcome)
}

// ConnEvent is what happened to a connection.
type ConnEvent string

const (
	ConnOpened ConnEvent = "opened"
	ConnClosed ConnEvent = "closed"
	// ConnRefused: the connection cap was reached.
	ConnRefused ConnEvent = "refused"
	// ConnIdle: no transmission began within the idle timeout; the
	// connection is closed (ConnClosed follows).
	ConnIdle ConnEvent = "idle"
	// ConnTooLarge: a transmission passed the size limit; the connection
	// is closed (ConnClosed follows).
	ConnTooLarge ConnEvent = "too_large"
)

// Outcome is what became of a message.
type Outcome string

const (
	Received Outcome = "received"
	Accepted Outcome = "accepted"
	Refused  Outcome = "refused"
)

type noMetrics struct{}

func (noMetrics) Connection(ConnEvent)    {}
func (noMetrics) Message(string, Outcome) {}
