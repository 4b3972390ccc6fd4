package astm

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// aqualinkFrames are the two published frames of aqualink_results.txt.
func aqualinkFrames(t *testing.T) (first, second []byte) {
	t.Helper()
	var frames [][]byte
	for _, s := range loadTranscript(t, "aqualink_results.txt") {
		if s.fromAnalyser && s.data[0] == stx {
			frames = append(frames, s.data)
		}
	}
	if len(frames) != 2 {
		t.Fatalf("%d frames", len(frames))
	}
	return frames[0], frames[1]
}

// withChecksum is frame with its checksum digits replaced.
func withChecksum(frame []byte, digits string) []byte {
	bad := bytes.Clone(frame)
	copy(bad[len(bad)-4:], digits)
	return bad
}

func TestChecksumErrorIsNAKedAndRetransmissionAccepted(t *testing.T) {
	first, second := aqualinkFrames(t)
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.send(enq)
	a.expect([]byte{ack})
	a.send(withChecksum(first, "69")...)
	a.expect([]byte{nak})
	a.send(first...)
	a.expect([]byte{ack})
	// A text changed in transit, checksum as sent: refused too.
	corrupt := bytes.Clone(second)
	corrupt[3] = 'X'
	a.send(corrupt...)
	a.expect([]byte{nak})
	a.send(second...)
	a.expect([]byte{ack})
	a.send(eot)
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestWrongFrameNumberIsNAKedAndARepeatedFrameKeptOnce(t *testing.T) {
	first, second := aqualinkFrames(t)
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.send(enq)
	a.expect([]byte{ack})
	a.send(second...) // frame 2 before frame 1
	a.expect([]byte{nak})
	a.send(first...)
	a.expect([]byte{ack})
	// The analyser missed our ACK and sends frame 1 again: ACKed, not kept twice.
	a.send(first...)
	a.expect([]byte{ack})
	a.send(second...)
	a.expect([]byte{ack})
	a.send(eot)
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestNoiseBetweenFramesIsIgnored(t *testing.T) {
	first, second := aqualinkFrames(t)
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.send([]byte("\r\nnoise")...) // neutral state: anything but ENQ is ignored
	a.send(enq)
	a.expect([]byte{ack})
	a.send(first...)
	a.expect([]byte{ack})
	a.send([]byte("\r\n")...)
	a.send(second...)
	a.expect([]byte{ack})
	a.send(eot)
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestEOTInsideARecordDropsTheTransmission(t *testing.T) {
	first, _ := aqualinkFrames(t)
	host := &fakeHost{}
	m := newCountingMetrics()
	a := startDialogue(t, host, testConfig(m))
	a.send(enq)
	a.expect([]byte{ack})
	a.send(first...) // ends with ETB: the record goes on in the next frame
	a.expect([]byte{ack})
	a.send(eot)
	m.waitFor(t, Refused)
	// Neutral again: the next transmission is served.
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestFrameTimeoutDropsTheTransmissionAndTheLineIsNeutral(t *testing.T) {
	first, _ := aqualinkFrames(t)
	host := &fakeHost{}
	m := newCountingMetrics()
	a := startDialogue(t, host, testConfig(m))
	a.send(enq)
	a.expect([]byte{ack})
	a.send(first...)
	a.expect([]byte{ack})
	// Silence: the receiver's timer ends the transmission.
	m.waitFor(t, Refused)
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestMessageOverTheSizeLimitClosesTheConnection(t *testing.T) {
	first, _ := aqualinkFrames(t)
	host := &fakeHost{}
	m := newCountingMetrics()
	cfg := testConfig(m)
	cfg.MaxMessageBytes = 100
	a := startDialogue(t, host, cfg)
	a.send(enq)
	a.expect([]byte{ack})
	a.conn.Write(first) // the dialogue stops reading part way
	<-a.done
	if len(host.got()) != 0 {
		t.Fatal("nothing of an oversized message is applied")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.conns[ConnTooLarge] != 1 || m.conns[ConnIdle] != 0 {
		t.Fatalf("the cut is counted as too large: %+v", m.conns)
	}
}

// A connection on which no transmission begins is closed and counted as
// cut for idleness; one the analyser hangs up is not.
func TestIdleConnectionIsClosedAndCounted(t *testing.T) {
	m := newCountingMetrics()
	cfg := testConfig(m)
	cfg.IdleTimeout = 20 * time.Millisecond
	a := startDialogue(t, &fakeHost{}, cfg)
	<-a.done
	hungUp := startDialogue(t, &fakeHost{}, testConfig(m))
	hungUp.close()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.conns[ConnIdle] != 1 {
		t.Fatalf("connections %+v", m.conns)
	}
}

// The host's side: answering a query as the sender.

func queryFrame(t *testing.T) []byte {
	t.Helper()
	steps := loadTranscript(t, "aqualink_query.txt")
	return steps[2].data
}

// askForOrders sends the published query and waits for the host's ENQ.
func askForOrders(t *testing.T, a *analyser) {
	t.Helper()
	a.send(enq)
	a.expect([]byte{ack})
	a.send(queryFrame(t)...)
	a.expect([]byte{ack})
	a.send(eot)
	a.expect([]byte{enq})
}

func answerFrames(t *testing.T) [][]byte {
	t.Helper()
	var frames [][]byte
	for _, s := range loadTranscript(t, "aqualink_query.txt") {
		if !s.fromAnalyser && s.data[0] == stx {
			frames = append(frames, s.data)
		}
	}
	return frames
}

func TestHostRetransmitsANAKedFrameAndGivesUpAfterSixTries(t *testing.T) {
	host := &fakeHost{orders: map[string][]Order{"3788513": {{Code: "VELO"}}}}
	a := startDialogue(t, host, testConfig(nil))
	askForOrders(t, a)
	a.send(ack)
	h := answerFrames(t)[0]
	a.expect(h)
	a.send(nak)
	a.expect(h) // the same frame, the same number
	a.send(ack)
	p := answerFrames(t)[1]
	for range maxTransmissions - 1 {
		a.expect(p)
		a.send(nak)
	}
	a.expect(p)
	a.send(nak)
	a.expect([]byte{eot}) // sixth refusal: the message is abandoned
	// The line is neutral: the analyser can send again.
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestHostGivesUpWhenTheAnalyserDoesNotAnswerENQ(t *testing.T) {
	host := &fakeHost{orders: map[string][]Order{"3788513": {{Code: "VELO"}}}}
	a := startDialogue(t, host, testConfig(nil))
	askForOrders(t, a)
	// No reply within the establishment timer: EOT, and neutral again.
	a.expect([]byte{eot})
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestHostWaitsWhileTheAnalyserIsBusy(t *testing.T) {
	host := &fakeHost{orders: map[string][]Order{"3788513": {{Code: "VELO"}}}}
	a := startDialogue(t, host, testConfig(nil))
	askForOrders(t, a)
	a.send(nak) // busy
	a.expect([]byte{enq})
	a.send(ack)
	for _, f := range answerFrames(t) {
		a.expect(f)
		a.send(ack)
	}
	a.expect([]byte{eot})
}

func TestContentionTheAnalyserSendsFirstThenGetsItsAnswer(t *testing.T) {
	host := &fakeHost{orders: map[string][]Order{"3788513": {{Code: "VELO"}}}}
	a := startDialogue(t, host, testConfig(nil))
	askForOrders(t, a)
	// Both sent ENQ: the analyser has priority and the host receives.
	a.send(enq)
	first, second := aqualinkFrames(t)
	a.expect([]byte{ack})
	a.send(first...)
	a.expect([]byte{ack})
	a.send(second...)
	a.expect([]byte{ack})
	a.send(eot)
	// Then the host tries again and delivers the answer.
	a.expect([]byte{enq})
	a.send(ack)
	for _, f := range answerFrames(t) {
		a.expect(f)
		a.send(ack)
	}
	a.expect([]byte{eot})
	a.close()
	assertAqualinkResults(t, host.got())
}

func TestQueryForAnUnknownAccessionAnswersNoInformation(t *testing.T) {
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	askForOrders(t, a)
	a.send(ack)
	a.expect(encodeFrame(frame{Number: 1, Text: []byte("H|\\^&|||torchlab|||||A9000P||P|LIS2-A2|20200715070100\r"), Final: true}))
	a.send(ack)
	a.expect(encodeFrame(frame{Number: 2, Text: []byte("L|1|I\r"), Final: true}))
	a.send(ack)
	a.expect([]byte{eot})
}

func TestAQueryOfManyTubesAsksTheHostForAHundred(t *testing.T) {
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	q := []byte("Q|1|")
	for i := range 150 {
		if i > 0 {
			q = append(q, '\\')
		}
		q = append(q, []byte("^T"+strings.Repeat("1", i%5+1))...)
	}
	a.send(enq)
	a.expect([]byte{ack})
	n := 1
	for _, rec := range [][]byte{[]byte("H|\\^&|||AN\r"), append(q, '\r'), []byte("L|1|N\r")} {
		for _, f := range splitRecord(rec, n) {
			a.send(encodeFrame(f)...)
			a.expect([]byte{ack})
			n = (f.Number + 1) % 8
		}
	}
	a.send(eot)
	a.expect([]byte{enq})
	a.close()
	if len(host.queried) != maxQueried {
		t.Fatalf("the host was asked about %d tubes", len(host.queried))
	}
}
