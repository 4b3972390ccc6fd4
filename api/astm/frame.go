package astm

import (
	"bufio"
	"errors"
	"fmt"
)

// Control characters of the low-level protocol (E1381 §6, LIS1-A §6).
const (
	stx byte = 0x02
	etx byte = 0x03
	eot byte = 0x04
	enq byte = 0x05
	ack byte = 0x06
	lf  byte = 0x0A
	cr  byte = 0x0D
	nak byte = 0x15
	etb byte = 0x17
)

// maxFrameText is the most text one frame carries: a frame is at most 247
// characters, of which 7 are framing (STX, number, ETB/ETX, two checksum
// digits, CR, LF).
const maxFrameText = 240

// frame is one frame of the low-level protocol: its number (1 to 7, then
// 0), its text, and whether it ends with ETX (the last frame of a record
// or message) rather than ETB (an intermediate frame).
type frame struct {
	Number int
	Text   []byte
	Final  bool
}

// Errors of one frame: the receiver answers both with NAK.
var (
	errChecksum    = errors.New("astm: frame checksum does not match")
	errFrameFormat = errors.New("astm: malformed frame")
	// errTooLarge ends the connection: the peer sent more than the size
	// limit allows.
	errTooLarge = errors.New("astm: message larger than the size limit")
)

// checksum is the sum modulo 256 of the characters from the frame number
// through ETB or ETX, both included.
func checksum(number int, text []byte, final bool) byte {
	sum := byte('0' + number)
	for _, c := range text {
		sum += c
	}
	if final {
		return sum + etx
	}
	return sum + etb
}

const hexDigits = "0123456789ABCDEF"

// encodeFrame is the frame on the wire: STX, number, text, ETB or ETX,
// two upper-case hex digits of the checksum, CR, LF.
func encodeFrame(f frame) []byte {
	out := make([]byte, 0, len(f.Text)+7)
	out = append(out, stx, byte('0'+f.Number))
	out = append(out, f.Text...)
	if f.Final {
		out = append(out, etx)
	} else {
		out = append(out, etb)
	}
	sum := checksum(f.Number, f.Text, f.Final)
	return append(out, hexDigits[sum>>4], hexDigits[sum&0x0F], cr, lf)
}

// splitRecord cuts one record (ending with its CR) into frames of at most
// 240 characters, numbered on from next; only the last ends with ETX.
func splitRecord(record []byte, next int) []frame {
	var frames []frame
	for len(record) > 0 {
		n := min(len(record), maxFrameText)
		frames = append(frames, frame{Number: next, Text: record[:n], Final: n == len(record)})
		record = record[n:]
		next = (next + 1) % 8
	}
	return frames
}

// readFrameBody reads the rest of a frame whose STX has just been read.
// The text may hold any character but the control characters (CR
// excepted); at most limit characters of text are read, beyond which the
// frame is refused as too large. A frame whose checksum does not match is
// returned with errChecksum, so the receiver can NAK it.
func readFrameBody(r *bufio.Reader, limit int) (frame, error) {
	c, err := r.ReadByte()
	if err != nil {
		return frame{}, err
	}
	if c < '0' || c > '7' {
		return frame{}, fmt.Errorf("%w: frame number %q", errFrameFormat, c)
	}
	f := frame{Number: int(c - '0')}
	for {
		c, err := r.ReadByte()
		if err != nil {
			return frame{}, err
		}
		if c == etx || c == etb {
			f.Final = c == etx
			break
		}
		if c < 0x20 && c != cr || c == 0x7F {
			return frame{}, fmt.Errorf("%w: control character 0x%02X in the text", errFrameFormat, c)
		}
		if len(f.Text) >= limit {
			return frame{}, errTooLarge
		}
		f.Text = append(f.Text, c)
	}
	var tail [4]byte
	for i := range tail {
		if tail[i], err = r.ReadByte(); err != nil {
			return frame{}, err
		}
	}
	hi, okHi := hexValue(tail[0])
	lo, okLo := hexValue(tail[1])
	if !okHi || !okLo || tail[2] != cr || tail[3] != lf {
		return frame{}, fmt.Errorf("%w: frame does not end with two hex digits, CR, LF", errFrameFormat)
	}
	if hi<<4|lo != checksum(f.Number, f.Text, f.Final) {
		return frame{}, errChecksum
	}
	return f, nil
}

// hexValue reads one checksum digit; analysers send upper case, and
// lower case is read as well.
func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
