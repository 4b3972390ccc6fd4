package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// torchlab serve with TORCHLAB_HL7_ADDR listens for MLLP and answers an
// HL7 message (here from a sender no analyser is configured with: AR),
// counting it on the metrics address, on the same interface metrics as
// the ASTM listener beside it.
func TestServeListensForHL7(t *testing.T) {
	isolate(t)
	addr, metricsAddr, hl7Addr, astmAddr := freeAddr(t), freeAddr(t), freeAddr(t), freeAddr(t)
	t.Setenv("TORCHLAB_ASTM_ADDR", astmAddr)
	t.Setenv("TORCHLAB_ADDR", addr)
	t.Setenv("TORCHLAB_METRICS_ADDR", metricsAddr)
	t.Setenv("TORCHLAB_HL7_ADDR", hl7Addr)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, os.Stdout, &stderr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	var conn net.Conn
	for i := 0; i < 2400 && conn == nil; i++ {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v; stderr: %s", err, stderr.String())
		default:
		}
		if c, err := net.Dial("tcp", hl7Addr); err == nil {
			conn = c
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if conn == nil {
		t.Fatalf("the HL7 port never opened; stderr: %s", stderr.String())
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Minute))
	msg := "MSH|^~\\&|NOBODY|NOWHERE|||20260302||ORU^R01|C-1|P|2.5.1\rOBR|1||100000003\rOBX|1|NM|X||1\r"
	if _, err := conn.Write([]byte("\x0b" + msg + "\x1c\r")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	var ack []byte
	for !bytes.Contains(ack, []byte{0x1c, '\r'}) {
		n, err := conn.Read(buf)
		ack = append(ack, buf[:n]...)
		if err != nil {
			t.Fatalf("read the ACK: %v (%q)", err, ack)
		}
	}
	if !bytes.Contains(ack, []byte("\rMSA|AR|C-1\r")) || !bytes.Contains(ack, []byte("\rERR||MSH^1^3|204^")) {
		t.Fatalf("ACK %q", ack)
	}
	astmConn, err := net.Dial("tcp", astmAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer astmConn.Close()
	// The ASTM connection is counted once the listener has accepted it.
	var body []byte
	for range 2400 {
		res, err := http.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), `torchlab_interface_connections_open{protocol="astm"} 1`) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(string(body), `torchlab_interface_messages_refused_total{ack="AR",analyser="unknown",protocol="hl7"} 1`) ||
		!strings.Contains(string(body), `torchlab_interface_connections_open{protocol="hl7"} 1`) ||
		!strings.Contains(string(body), `torchlab_interface_connections_open{protocol="astm"} 1`) {
		t.Fatalf("metrics lack the HL7 message and the HL7 and ASTM connections:\n%s", body)
	}
}
