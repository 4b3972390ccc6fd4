package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/api/astm"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// astmOutcomes signals each message's outcome, so the test knows when the
// listener has finished with one.
type astmOutcomes struct{ c chan astm.Outcome }

func (o astmOutcomes) Connection(astm.ConnEvent) {}
func (o astmOutcomes) Message(_ string, out astm.Outcome) {
	if out != astm.Received {
		o.c <- out
	}
}

// astmPeer is an analyser's end of a TCP connection, written here from
// the standard rather than with torchlab's own sender.
type astmPeer struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func (p *astmPeer) write(b ...byte) {
	p.t.Helper()
	p.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if _, err := p.conn.Write(b); err != nil {
		p.t.Fatal(err)
	}
}

func (p *astmPeer) expect(want byte) {
	p.t.Helper()
	p.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := p.r.ReadByte()
	if err != nil || got != want {
		p.t.Fatalf("got %q %v, want %q", got, err, want)
	}
}

// send transmits records, one frame each.
func (p *astmPeer) send(records ...string) {
	p.t.Helper()
	p.write(0x05)
	p.expect(0x06)
	for i, rec := range records {
		body := fmt.Sprintf("%d%s\r\x03", (i+1)%8, rec)
		var sum byte
		for _, c := range []byte(body) {
			sum += c
		}
		p.write([]byte(fmt.Sprintf("\x02%s%02X\r\n", body, sum))...)
		p.expect(0x06)
	}
	p.write(0x04)
}

// receive takes the host's transmission and returns its frames' text.
func (p *astmPeer) receive() string {
	p.t.Helper()
	p.expect(0x05)
	p.write(0x06)
	var text strings.Builder
	for {
		p.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		c, err := p.r.ReadByte()
		if err != nil {
			p.t.Fatal(err)
		}
		if c == 0x04 {
			return text.String()
		}
		line, err := p.r.ReadString('\n')
		if err != nil || c != 0x02 {
			p.t.Fatalf("frame %q %v", line, err)
		}
		text.WriteString(line[1 : len(line)-5])
		p.write(0x06)
	}
}

// TestASTMListenerAppliesResultsToTheDatabase: an analyser configured for
// ASTM sends a sample's results over TCP and they are entered as its
// user, waiting for verification; a message naming an unknown sample is
// refused whole and kept; a host query is answered with the sample's
// panel in the analyser's codes.
func TestASTMListenerAppliesResultsToTheDatabase(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{Key: labtest.Key, BcryptCost: bcrypt.MinCost})
		samples := labtest.ReceivedSamples(t, db, "STA", 2)
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		codes := map[string]string{
			"TOXO-G": "TOXO_IGG", "TOXO-M": "TOXO_IGM", "RUB-G": "RUBV_IGG", "RUB-M": "RUBV_IGM",
			"CMV-G": "CMV_IGG", "CMV-M": "CMV_IGM", "HSV-G": "HSV_IGG", "HSV-M": "HSV_IGM",
		}
		an, err := svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "Maglumi", Protocol: lab.ProtocolASTM, SenderID: "MAGLUMI", CodeMap: codes})
		if err != nil {
			t.Fatal(err)
		}

		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		outcomes := astmOutcomes{c: make(chan astm.Outcome, 10)}
		done := make(chan error, 1)
		go func() {
			done <- astm.NewServer(astmHost{svc: svc}, astm.Config{Metrics: outcomes}).Serve(ctx, ln)
		}()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		}()
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		peer := &astmPeer{t: t, conn: conn, r: bufio.NewReader(conn)}

		values := [][3]string{
			{"TOXO-G", "0.4", "IU/mL"}, {"TOXO-M", "1.2", "AU/mL"}, {"RUB-G", "4", "IU/mL"}, {"RUB-M", "0.3", "index"},
			{"CMV-G", "2", "AU/mL"}, {"CMV-M", "0.2", "index"}, {"HSV-G", "0.3", "index"}, {"HSV-M", "0.4", "ratio"},
		}
		message := func(accession string) []string {
			recs := []string{`H|\^&|||MAGLUMI^1.0|||||||P|LIS2-A2|20260105093000`, "P|1", "O|1|" + accession + "||^^^TOXO-G|R"}
			for i, v := range values {
				recs = append(recs, fmt.Sprintf("R|%d|^^^%s|%s|%s|<1|N||F||||20260105092900", i+1, v[0], v[1], v[2]))
			}
			return append(recs, "L|1|N")
		}

		peer.send(message("NOSUCH")...)
		if o := <-outcomes.c; o != astm.Refused {
			t.Fatalf("a message naming no sample: %s", o)
		}
		peer.send(message(samples[0])...)
		if o := <-outcomes.c; o != astm.Accepted {
			t.Fatalf("the sample's results: %s", o)
		}

		var results []lab.Result
		if err := db.Gorm.Order("analyte_code").Find(&results).Error; err != nil {
			t.Fatal(err)
		}
		if len(results) != len(values) {
			t.Fatalf("%d results in the database, want %d", len(results), len(values))
		}
		for _, r := range results {
			if r.State != lab.ResultEntered || r.EnteredBy == nil || *r.EnteredBy != an.UserID || r.AbnormalFlags != "N" || r.ReferenceRange != "<1" {
				t.Fatalf("result %+v: want entered by the analyser's user %d, awaiting verification", r, an.UserID)
			}
		}
		kept, err := svc.InterfaceMessages(admin, an.ID, lab.InterfaceMessageFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var acks []string
		for _, m := range kept.Items {
			acks = append(acks, m.Ack+" "+m.Reason)
			if !strings.HasPrefix(m.Raw, `H|\^&|||MAGLUMI`) || m.Protocol != lab.ProtocolASTM {
				t.Fatalf("kept message %+v", m)
			}
		}
		if want := []string{"AA ", "AE " + lab.ReasonBadAccession}; !reflect.DeepEqual(acks, want) {
			t.Fatalf("kept messages %q, want %q", acks, want)
		}

		// The analyser scans the second tube and asks for its orders.
		peer.send(`H|\^&|||MAGLUMI|||||||P|LIS2-A2`, "Q|1|^"+samples[1]+"||ALL||||||||O", "L|1|N")
		<-outcomes.c
		answer := peer.receive()
		recs := strings.Split(strings.TrimSuffix(answer, "\r"), "\r")
		if len(recs) != 4 || !strings.HasPrefix(recs[0], `H|\^&|||torchlab|||||MAGLUMI`) || recs[3] != "L|1|F" {
			t.Fatalf("answer %q", answer)
		}
		o := strings.Split(recs[2], "|")
		if o[2] != samples[1] || o[4] != `^^^CMV-G\^^^CMV-M\^^^HSV-G\^^^HSV-M\^^^RUB-G\^^^RUB-M\^^^TOXO-G\^^^TOXO-M` {
			t.Fatalf("order record %q", recs[2])
		}
		// The first tube has its results: nothing is left to run on it.
		peer.send(`H|\^&|||MAGLUMI|||||||P|LIS2-A2`, "Q|1|^"+samples[0]+"||ALL||||||||O", "L|1|N")
		<-outcomes.c
		if answer := peer.receive(); !strings.HasSuffix(answer, "\rL|1|I\r") {
			t.Fatalf("answer for a tube with its results %q", answer)
		}
	})
}
