package hl7

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"torchlab/api/interfaces"
	"torchlab/lab"
)

// MLLP framing: a message is sent as <VT> message <FS><CR>.
const (
	startBlock = 0x0b
	endBlock   = 0x1c
	carriage   = 0x0d
)

// Config bounds the listener, so that a slow or hostile peer costs a
// connection slot for a bounded time and a bounded amount of memory.
type Config struct {
	// MaxMessageBytes is the largest message read (default 1 MiB); a
	// larger one is answered AR and its connection closed.
	MaxMessageBytes int
	// MaxConnections is how many connections are served at once (default
	// 32); more are closed as soon as accepted.
	MaxConnections int
	// IdleTimeout is how long a connection may wait before a message
	// begins (default 5 minutes; analysers keep connections open).
	IdleTimeout time.Duration
	// MessageTimeout is how long a message may take from its first byte to
	// its last (default 1 minute).
	MessageTimeout time.Duration
	// WriteTimeout bounds writing an ACK (default 10 seconds).
	WriteTimeout time.Duration
	Logger       *slog.Logger
	// Metrics are shared with the other interface listeners; nil makes
	// unregistered ones.
	Metrics *interfaces.Metrics
	// Now is the clock of the ACKs' timestamps (default time.Now).
	Now func() time.Time
}

// Server is the HL7 v2 MLLP listener.
type Server struct {
	svc   *lab.Service
	cfg   Config
	slots chan struct{}
	seq   atomic.Int64
	mu    sync.Mutex
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

// New makes a listener that applies results through svc.
func New(svc *lab.Service, cfg Config) *Server {
	if cfg.MaxMessageBytes <= 0 {
		cfg.MaxMessageBytes = 1 << 20
	}
	if cfg.MaxConnections <= 0 {
		cfg.MaxConnections = 32
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 5 * time.Minute
	}
	if cfg.MessageTimeout <= 0 {
		cfg.MessageTimeout = time.Minute
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 10 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = interfaces.NewMetrics(nil)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Server{svc: svc, cfg: cfg, slots: make(chan struct{}, cfg.MaxConnections), conns: map[net.Conn]bool{}}
}

// Serve accepts connections on ln until ctx ends, then closes ln and every
// connection and waits for their handlers.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() {
		ln.Close()
		s.mu.Lock()
		for c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
	})
	defer stop()
	defer s.wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			return err
		}
		select {
		case s.slots <- struct{}{}:
		default:
			s.cfg.Metrics.Closed.WithLabelValues(lab.ProtocolHL7, "limit").Inc()
			conn.Close()
			continue
		}
		s.mu.Lock()
		s.conns[conn] = true
		s.mu.Unlock()
		s.cfg.Metrics.Open.WithLabelValues(lab.ProtocolHL7).Inc()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() {
				conn.Close()
				s.mu.Lock()
				delete(s.conns, conn)
				s.mu.Unlock()
				s.cfg.Metrics.Open.WithLabelValues(lab.ProtocolHL7).Dec()
				<-s.slots
			}()
			s.serveConn(ctx, conn)
		}()
	}
}

// serveConn reads framed messages and answers each, until the peer
// closes, a deadline passes or a message is too large.
func (s *Server) serveConn(ctx context.Context, conn net.Conn) {
	br := bufio.NewReaderSize(conn, 4096)
	cut := func(reason string) { s.cfg.Metrics.Closed.WithLabelValues(lab.ProtocolHL7, reason).Inc() }
	for {
		// Wait for a message to begin; bytes outside a frame are dropped
		// and do not extend the wait.
		conn.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout))
		for {
			b, err := br.ReadByte()
			if err != nil {
				if isTimeout(err) {
					cut("idle")
				}
				return
			}
			if b == startBlock {
				break
			}
		}
		conn.SetReadDeadline(time.Now().Add(s.cfg.MessageTimeout))
		raw, err := s.readFrame(br)
		if errors.Is(err, errTooLarge) {
			cut("too_large")
			refusal := &lab.InterfaceError{Reason: lab.ReasonMalformed, Detail: "the message is over " + strconv.Itoa(s.cfg.MaxMessageBytes) + " bytes", Reject: true}
			s.write(conn, ACK(nil, lab.AckRejected, refusal, s.cfg.Now(), s.ackID()))
			return
		}
		if err != nil {
			if isTimeout(err) {
				cut("slow")
			}
			return
		}
		if ctx.Err() != nil {
			return
		}
		if !s.write(conn, s.handle(ctx, raw)) {
			return
		}
	}
}

var errTooLarge = errors.New("message too large")

// readFrame reads a message's bytes up to <FS><CR> (an <FS> not followed
// by <CR> ends it too: some analysers omit the CR).
func (s *Server) readFrame(br *bufio.Reader) ([]byte, error) {
	var raw []byte
	for {
		chunk, err := br.ReadSlice(endBlock)
		if len(raw)+len(chunk) > s.cfg.MaxMessageBytes+1 {
			return nil, errTooLarge
		}
		raw = append(raw, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return nil, err
		}
		raw = raw[:len(raw)-1]
		if next, err := br.Peek(1); err == nil && next[0] == carriage {
			br.Discard(1)
		}
		return raw, nil
	}
}

func (s *Server) write(conn net.Conn, ack []byte) bool {
	conn.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
	frame := make([]byte, 0, len(ack)+3)
	frame = append(append(append(frame, startBlock), ack...), endBlock, carriage)
	_, err := conn.Write(frame)
	return err == nil
}

func (s *Server) ackID() string {
	return "TL" + strconv.FormatInt(s.cfg.Now().UnixMilli(), 36) + "-" + strconv.FormatInt(s.seq.Add(1), 36)
}

// handle answers one message: it finds the analyser by MSH-3/MSH-4, reads
// the ORU, and has the lab apply it.
func (s *Server) handle(ctx context.Context, raw []byte) []byte {
	m := s.cfg.Metrics
	sys := lab.SystemContext(ctx, "(hl7)")
	msg, perr := Parse(raw)
	if perr != nil {
		m.Received.WithLabelValues(lab.ProtocolHL7, "unknown").Inc()
		m.Refused.WithLabelValues(lab.ProtocolHL7, "unknown", lab.AckRejected).Inc()
		var pe *ParseError
		refusal := &lab.InterfaceError{Reason: lab.ReasonMalformed, Detail: perr.Error(), Reject: true}
		if errors.As(perr, &pe) {
			refusal.At = lab.FieldRef{Segment: pe.Segment, Sequence: 1, Field: pe.Field}
		}
		return ACK(nil, lab.AckRejected, refusal, s.cfg.Now(), s.ackID())
	}
	h := ReadHeader(msg)
	an, err := s.svc.AnalyserBySender(sys, lab.ProtocolHL7, h.Senders...)
	if err != nil {
		m.Received.WithLabelValues(lab.ProtocolHL7, "unknown").Inc()
		ack, refusal := lab.AckRejected, &lab.InterfaceError{Reason: reasonUnknownSender, At: lab.FieldRef{Segment: "MSH", Sequence: 1, Field: 3},
			Detail: "no analyser is configured in torchlab with this sender (MSH-3, MSH-4)", Reject: true}
		if lab.ErrorCode(err) != lab.CodeNotFound {
			s.cfg.Logger.Error("hl7: finding the analyser failed", "err", err)
			ack, refusal = lab.AckError, &lab.InterfaceError{Reason: reasonInternal, Detail: "torchlab could not read its database; send the message again"}
		}
		m.Refused.WithLabelValues(lab.ProtocolHL7, "unknown", ack).Inc()
		return ACK(msg, ack, refusal, s.cfg.Now(), s.ackID())
	}
	m.Received.WithLabelValues(lab.ProtocolHL7, an.Name).Inc()
	out, err := s.svc.ApplyAnalyserResults(sys, an.ID, ORU(msg, string(raw)))
	if err != nil {
		s.cfg.Logger.Error("hl7: applying a message failed", "analyser", an.Name, "control_id", h.ControlID, "err", err)
		m.Refused.WithLabelValues(lab.ProtocolHL7, an.Name, lab.AckError).Inc()
		return ACK(msg, lab.AckError, &lab.InterfaceError{Reason: reasonInternal,
			Detail: "torchlab could not save the message; nothing of it was applied; send it again"}, s.cfg.Now(), s.ackID())
	}
	if out.Ack == lab.AckAccepted {
		m.Accepted.WithLabelValues(lab.ProtocolHL7, an.Name).Inc()
	} else {
		m.Refused.WithLabelValues(lab.ProtocolHL7, an.Name, out.Ack).Inc()
		s.cfg.Logger.Info("hl7: message refused", "analyser", an.Name, "control_id", h.ControlID, "ack", out.Ack, "reason", out.Refusal.Error())
	}
	return ACK(msg, out.Ack, out.Refusal, s.cfg.Now(), s.ackID())
}

func isTimeout(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded) || (err != nil && !errors.Is(err, io.EOF) && isNetTimeout(err))
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
