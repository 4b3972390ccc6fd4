package astm

import "context"

// Host is what the protocol needs from torchlab: a place for results and
// an answer to host queries. Both are called with the analyser's name from
// the message's H record; the Host decides whether it knows that analyser.
type Host interface {
	// Results applies one message's results (all of them, or none and an
	// error saying why). ASTM has no application acknowledgement: the
	// analyser has its ACKs for the frames already, so a refusal is
	// logged and counted, not sent back.
	Results(ctx context.Context, sender string, msg Message) error
	// Orders lists the tests ordered on one scanned accession, in the
	// analyser's codes; none (and no error) when there is nothing to run.
	Orders(ctx context.Context, sender, accession string) ([]Order, error)
}
