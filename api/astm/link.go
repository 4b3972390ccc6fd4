package astm

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// link is one connection's low-level protocol (E1381 / LIS1-A): it
// receives a transmission after the peer's ENQ, and sends one as the
// host. Every wait has a deadline, so a silent peer ends a wait, never
// the server.
type link struct {
	conn net.Conn
	r    *bufio.Reader
	cfg  Config
	// stop ends every wait once the server shuts down (nil: never); a
	// deadline set when it closes could otherwise be reset by the next
	// read.
	stop <-chan struct{}
}

var (
	// errTimeout: the peer stayed silent past a timer; the transmission
	// is dropped and the link is neutral again.
	errTimeout = errors.New("astm: peer timed out")
	// errContention: both sides sent ENQ; the instrument has priority
	// (E1381 §6.2.7), so the host receives first and sends afterwards.
	errContention = errors.New("astm: line contention, the analyser sends first")
	// errBusy: the peer kept answering ENQ with NAK.
	errBusy = errors.New("astm: analyser busy")
	// errAborted: a frame was refused six times; the message is abandoned.
	errAborted = errors.New("astm: frame refused six times, message abandoned")
	// errStopped: the server is shutting down.
	errStopped = errors.New("astm: server shutting down")
	// errIncomplete: EOT came while a record was still open (its last
	// frame ended with ETB); the partial text is dropped.
	errIncomplete = errors.New("astm: transmission ended inside a record")
)

func newLink(conn net.Conn, cfg Config) *link {
	return &link{conn: conn, r: bufio.NewReader(conn), cfg: cfg}
}

// readByte reads one character, waiting until deadline.
func (l *link) readByte(deadline time.Time) (byte, error) {
	select {
	case <-l.stop:
		return 0, errStopped
	default:
	}
	if err := l.conn.SetReadDeadline(deadline); err != nil {
		return 0, err
	}
	c, err := l.r.ReadByte()
	return c, timeoutAs(err)
}

// write sends bytes; a peer that does not read for a frame timeout ends
// the connection rather than blocking it.
func (l *link) write(b ...byte) error {
	if err := l.conn.SetWriteDeadline(time.Now().Add(l.cfg.FrameTimeout)); err != nil {
		return err
	}
	_, err := l.conn.Write(b)
	return timeoutAs(err)
}

func timeoutAs(err error) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return errTimeout
	}
	return err
}

// receive answers an ENQ that has just been read: ACK, then frames until
// EOT. It returns the text of all accepted frames joined (a record split
// over intermediate frames comes back whole).
//
// A frame with a bad checksum, a malformed frame, or a frame whose number
// is not the next one is answered NAK, and its retransmission is accepted.
// A frame with the number of the frame last accepted is a retransmission
// after a lost ACK: it is ACKed again and not kept twice. Characters other
// than STX and EOT between frames are ignored (E1381 §6.3.3). If no frame
// or EOT comes within the frame timeout, the transmission is dropped.
func (l *link) receive() ([]byte, error) {
	if err := l.write(ack); err != nil {
		return nil, err
	}
	msgDeadline := time.Now().Add(l.cfg.MessageTimeout)
	var text []byte
	accepted := 0
	last := 0
	open := false // the last accepted frame ended with ETB
	for {
		deadline := time.Now().Add(l.cfg.FrameTimeout)
		if deadline.After(msgDeadline) {
			deadline = msgDeadline
		}
		c, err := l.readByte(deadline)
		if err != nil {
			return nil, err
		}
		switch c {
		case eot:
			if open {
				return nil, errIncomplete
			}
			return text, nil
		case stx:
		default:
			continue
		}
		f, err := readFrameBody(l.r, l.cfg.MaxMessageBytes-len(text))
		switch {
		case errors.Is(err, errChecksum) || errors.Is(err, errFrameFormat):
			if err := l.write(nak); err != nil {
				return nil, err
			}
			continue
		case err != nil:
			return nil, timeoutAs(err)
		case accepted > 0 && f.Number == last:
			if err := l.write(ack); err != nil {
				return nil, err
			}
			continue
		case f.Number != (last+1)%8:
			if err := l.write(nak); err != nil {
				return nil, err
			}
			continue
		}
		if err := l.write(ack); err != nil {
			return nil, err
		}
		text = append(text, f.Text...)
		accepted++
		last = f.Number
		open = !f.Final
	}
}

// send transmits records as the host: ENQ, each record in frames of at
// most 240 characters, EOT. A NAK to ENQ means the analyser is busy: wait
// and try again. An ENQ in reply is contention, and the analyser goes
// first (errContention; its ENQ has been consumed). A frame answered with
// anything but ACK (or EOT, the receiver's interrupt request, taken as
// ACK) is sent again, six times at most; no reply within the timer sends
// EOT and gives up.
func (l *link) send(records [][]byte) error {
	if err := l.establish(); err != nil {
		return err
	}
	next := 1
	for _, rec := range records {
		for _, f := range splitRecord(rec, next) {
			if err := l.sendFrame(f); err != nil {
				return err
			}
			next = (f.Number + 1) % 8
		}
	}
	return l.write(eot)
}

func (l *link) establish() error {
	for try := 1; ; try++ {
		if err := l.write(enq); err != nil {
			return err
		}
		reply, err := l.reply()
		switch {
		case errors.Is(err, errTimeout):
			l.write(eot)
			return err
		case err != nil:
			return err
		case reply == ack:
			return nil
		case reply == enq:
			return errContention
		}
		// NAK: the analyser is busy.
		if try >= l.cfg.BusyRetries {
			return errBusy
		}
		time.Sleep(l.cfg.BusyWait)
	}
}

// reply waits for ACK, NAK, ENQ or EOT, ignoring any other character.
func (l *link) reply() (byte, error) {
	deadline := time.Now().Add(l.cfg.EstablishTimeout)
	for {
		c, err := l.readByte(deadline)
		if err != nil {
			return 0, err
		}
		switch c {
		case ack, nak, enq, eot:
			return c, nil
		}
	}
}

func (l *link) sendFrame(f frame) error {
	wire := encodeFrame(f)
	for try := 1; ; try++ {
		if err := l.write(wire...); err != nil {
			return err
		}
		reply, err := l.reply()
		switch {
		case errors.Is(err, errTimeout):
			l.write(eot)
			return err
		case err != nil:
			return err
		case reply == ack || reply == eot:
			return nil
		}
		if try >= maxTransmissions {
			if err := l.write(eot); err != nil {
				return err
			}
			return fmt.Errorf("%w (frame %d)", errAborted, f.Number)
		}
	}
}
