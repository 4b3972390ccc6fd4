package astm

import (
	"context"
	"errors"
	"net"
	"time"
)

// dialogue serves one analyser's connection: it waits in the neutral state
// for ENQ, receives a transmission, hands results to the Host, and answers
// host queries by sending as the host once the line is free.
type dialogue struct {
	link    *link
	host    Host
	cfg     Config
	pending [][][]byte // answers waiting for the line
}

// serveConn runs the protocol on conn until the peer leaves, stays idle
// past the idle timeout, breaks a limit, or ctx ends.
func serveConn(ctx context.Context, conn net.Conn, host Host, cfg Config) {
	s := &dialogue{link: newLink(conn, cfg), host: host, cfg: cfg}
	s.link.stop = ctx.Done()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	log := cfg.Logger.With("remote", conn.RemoteAddr().String())
	contention := false
	for ctx.Err() == nil {
		if !contention {
			if len(s.pending) > 0 {
				err := s.link.send(s.pending[0])
				if errors.Is(err, errContention) {
					contention = true
					continue
				}
				s.pending = s.pending[1:]
				if err != nil {
					// The analyser asks again when it scans the tube again.
					log.Warn("astm: host query answer not delivered", "err", err)
					if !errors.Is(err, errTimeout) && !errors.Is(err, errAborted) && !errors.Is(err, errBusy) {
						return
					}
				}
				continue
			}
			c, err := s.link.readByte(time.Now().Add(cfg.IdleTimeout))
			if err != nil {
				if errors.Is(err, errTimeout) && ctx.Err() == nil {
					cfg.Metrics.Connection(ConnIdle)
				}
				return
			}
			if c != enq {
				continue // E1381: in the neutral state, anything but ENQ is ignored
			}
		}
		contention = false
		text, err := s.link.receive()
		switch {
		case errors.Is(err, errTimeout) || errors.Is(err, errIncomplete):
			// The transmission is dropped; the line is neutral again.
			log.Warn("astm: transmission dropped", "err", err)
			cfg.Metrics.Message("", Refused)
			continue
		case err != nil:
			log.Warn("astm: connection closed", "err", err)
			if errors.Is(err, errTooLarge) {
				cfg.Metrics.Message("", Refused)
				cfg.Metrics.Connection(ConnTooLarge)
			}
			return
		}
		s.handle(ctx, text, conn.RemoteAddr().String())
	}
}

// handle applies what one transmission carried.
func (s *dialogue) handle(ctx context.Context, text []byte, remote string) {
	log := s.cfg.Logger.With("remote", remote)
	msgs, err := parse(text)
	if err != nil {
		log.Warn("astm: message refused", "err", err)
		s.cfg.Metrics.Message("", Refused)
		return
	}
	for _, msg := range msgs {
		msg.Remote = remote
		sender := msg.Header.Sender
		s.cfg.Metrics.Message(sender, Received)
		refused := false
		if hasResults(msg) {
			if err := s.host.Results(ctx, sender, msg); err != nil {
				log.Warn("astm: results refused", "sender", sender, "err", err)
				refused = true
			}
		}
		if len(msg.Queries) > 0 {
			answer, err := s.answer(ctx, sender, msg.Queries)
			if err != nil {
				log.Warn("astm: host query refused", "sender", sender, "err", err)
				refused = true
			} else {
				s.pending = append(s.pending, answer)
			}
		}
		if refused {
			s.cfg.Metrics.Message(sender, Refused)
		} else {
			s.cfg.Metrics.Message(sender, Accepted)
		}
	}
}

func hasResults(msg Message) bool {
	for _, sp := range msg.Specimens {
		if len(sp.Results) > 0 {
			return true
		}
	}
	return false
}

// maxQueried bounds the tubes one transmission may ask about: an
// analyser asks for a rack at most, and each tube costs the Host a query.
const maxQueried = 100

// answer asks the Host for each queried accession's orders (the first
// maxQueried of them).
func (s *dialogue) answer(ctx context.Context, sender string, queries []Query) ([][]byte, error) {
	var answers []QueryAnswer
	for _, q := range queries {
		for _, acc := range q.Accessions {
			if len(answers) == maxQueried {
				s.cfg.Logger.Warn("astm: host query names too many tubes; the rest are not answered", "sender", sender, "max", maxQueried)
				break
			}
			orders, err := s.host.Orders(ctx, sender, acc)
			if err != nil {
				return nil, err
			}
			answers = append(answers, QueryAnswer{Accession: acc, Orders: orders})
		}
	}
	return answerRecords(s.cfg.HostName, sender, s.cfg.Now(), answers), nil
}
