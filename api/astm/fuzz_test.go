package astm

import (
	"bufio"
	"bytes"
	"net"
	"os"
	"testing"
	"time"
	"unicode/utf8"
)

// memConn is a connection whose peer's bytes are given in advance and
// whose replies are kept: the whole receiver runs on it without a
// goroutine per input. A read past the input reports a timeout, as a
// silent peer would.
type memConn struct {
	in  *bytes.Reader
	out bytes.Buffer
}

func (c *memConn) Read(p []byte) (int, error) {
	if c.in.Len() == 0 {
		return 0, os.ErrDeadlineExceeded
	}
	return c.in.Read(p)
}
func (c *memConn) Write(p []byte) (int, error)      { return c.out.Write(p) }
func (c *memConn) Close() error                     { return nil }
func (c *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (c *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzASTMFrames: whatever bytes an analyser sends after ENQ, the
// receiver never panics, answers only ACK and NAK, keeps no more than
// the size limit, and what it keeps is exactly the text of frames whose
// checksums it verified.
func FuzzASTMFrames(f *testing.F) {
	for _, name := range []string{"aqualink_results.txt", "cobas_c111.txt", "aqualink_query.txt"} {
		var in []byte
		for _, s := range loadTranscript(f, name) {
			if s.fromAnalyser {
				in = append(in, s.data...)
			}
		}
		f.Add(in[1:])
	}
	f.Add([]byte("\x021H|\\^&\r\x03XX\r\n\x04"))
	f.Add([]byte("\x029\x03\x04"))
	f.Fuzz(func(t *testing.T, in []byte) {
		conn := &memConn{in: bytes.NewReader(in)}
		cfg := Config{MaxMessageBytes: 512}.withDefaults()
		text, err := newLink(conn, cfg).receive()
		if err == nil && len(text) > cfg.MaxMessageBytes {
			t.Fatalf("kept %d bytes over the limit", len(text))
		}
		for _, c := range conn.out.Bytes() {
			if c != ack && c != nak {
				t.Fatalf("receiver sent %q", c)
			}
		}
		if err == nil && !framesHold(in, text) {
			t.Fatalf("kept %q, which no verified frame sequence of %q spells", text, in)
		}
	})
}

// framesHold: text is a concatenation of texts of well-formed frames
// found in in, in order.
func framesHold(in, text []byte) bool {
	r := bufio.NewReader(bytes.NewReader(in))
	for len(text) > 0 {
		c, err := r.ReadByte()
		if err != nil {
			return false
		}
		if c != stx {
			continue
		}
		f, err := readFrameBody(r, len(in))
		if err != nil || !bytes.HasPrefix(text, f.Text) {
			continue
		}
		text = text[len(f.Text):]
	}
	return true
}

// FuzzASTMRecords: whatever text arrives, reading records never panics
// and no value read carries a control character; and an answer built
// from any accession and code reads back as that accession and code
// (less control characters and outer spaces), whatever delimiters they
// hold.
func FuzzASTMRecords(f *testing.F) {
	f.Add([]byte("H|\\^&|||ABX\rO|1|S1234^00^00||^^^DIF\rR|1|^^^WBC^804-5^1|8.5|1||||W\rC|1|I|a^b|I\rL|1|N\r"), "3788513", "VELO")
	f.Add([]byte("H|`^&\rQ|1|^0201`0202|||S|||||||O\rL|1|N\r"), "A&B", "^^^|")
	f.Add([]byte("H\\|^&\rO|1|&X41&&F&&E&\r"), " 12 ", "GLU\\")
	f.Fuzz(func(t *testing.T, text []byte, accession, code string) {
		msgs, err := parse(text)
		if err == nil && len(msgs) == 0 {
			t.Fatal("no error and no message")
		}
		for _, m := range msgs {
			for _, sp := range m.Specimens {
				for _, r := range sp.Results {
					for _, s := range []string{r.Code, r.Value, r.Units, r.Status} {
						for _, c := range []byte(s) {
							if c < 0x20 || c == 0x7F {
								t.Fatalf("control character in %q", s)
							}
						}
					}
				}
			}
		}
		if !utf8.ValidString(accession) || !utf8.ValidString(code) {
			return
		}
		recs := answerRecords("torchlab", "AN", time.Unix(0, 0), []QueryAnswer{{Accession: accession, Orders: []Order{{Code: code}}}})
		back, err := parse(bytes.Join(recs, nil))
		if err != nil {
			t.Fatalf("our own answer does not read: %v", err)
		}
		wantAcc, wantCode := cleaned(accession), cleaned(code)
		if wantAcc == "" || wantCode == "" {
			return
		}
		sp := back[0].Specimens
		if len(sp) != 1 || sp[0].Accession != wantAcc || len(sp[0].Tests) != 1 || sp[0].Tests[0] != wantCode {
			t.Fatalf("answer for %q/%q reads back as %+v", accession, code, sp)
		}
	})
}

// cleaned is s as an answer carries it: no control characters, no outer
// spaces.
func cleaned(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x20 && s[i] != 0x7F {
			b = append(b, s[i])
		}
	}
	return string(bytes.TrimSpace(b))
}
