package astm

import (
	"reflect"
	"testing"
)

// The published transcripts (testdata/README.md) replayed frame by frame:
// torchlab must ACK every frame and read the records as the analyser meant.

func TestTranscriptPentraXLRFramesNumberedPastSeven(t *testing.T) {
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.replay(loadTranscript(t, "pentra_xlr.txt"))
	a.close()
	msgs := host.got()
	if len(msgs) != 1 || host.senders[0] != "ABX" {
		t.Fatalf("messages %d from %v, want 1 from ABX", len(msgs), host.senders)
	}
	if len(msgs[0].Specimens) != 1 {
		t.Fatalf("specimens %+v", msgs[0].Specimens)
	}
	sp := msgs[0].Specimens[0]
	if sp.Accession != "S1234" || sp.ReportType != "F" || len(sp.Results) != 21 {
		t.Fatalf("specimen %q report %q with %d results", sp.Accession, sp.ReportType, len(sp.Results))
	}
	wbc := sp.Results[0]
	if wbc.Code != "WBC" || wbc.Value != "8.5" || wbc.Status != "W" || wbc.Completed != "20220727121550" {
		t.Fatalf("first result %+v", wbc)
	}
	want := []string{"Alarm_WBC LMNE- BASO+ LL NL LN NO SL1", "LARGE IMMATURE CELL NRBCs"}
	if !reflect.DeepEqual(wbc.Comments, want) {
		t.Fatalf("comments %q, want %q", wbc.Comments, want)
	}
	bas := sp.Results[9]
	if bas.Code != "BAS#" || bas.Value != "-----" || bas.Status != "X" || !reflect.DeepEqual(bas.Flags, []string{"HH"}) {
		t.Fatalf("tenth result %+v", bas)
	}
	// Frame 0 (the eighth) carried R|3: nothing was lost at the wrap.
	if lym := sp.Results[2]; lym.Code != "LYM%" || lym.Value != "38.6" {
		t.Fatalf("third result %+v", lym)
	}
	if last := sp.Results[20]; last.Code != "RDWSD" || last.Value != "43" {
		t.Fatalf("last result %+v", last)
	}
}

func TestTranscriptCobasC111IntermediateFrames(t *testing.T) {
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.replay(loadTranscript(t, "cobas_c111.txt"))
	a.close()
	msgs := host.got()
	if len(msgs) != 1 || msgs[0].Header.Sender != "SENAITE" || msgs[0].Termination != "N" {
		t.Fatalf("messages %+v", msgs)
	}
	sp := msgs[0].Specimens
	if len(sp) != 1 || sp[0].Accession != "T20 10134GA D28" || len(sp[0].Results) != 1 {
		t.Fatalf("specimens %+v", sp)
	}
	r := sp[0].Results[0]
	if r.Code != "413" || r.Value != "40.13" || r.Units != "g/L" || r.Status != "F" || !reflect.DeepEqual(r.Flags, []string{"N"}) {
		t.Fatalf("result %+v", r)
	}
}

func TestTranscriptAqualinkRecordOverTwoFrames(t *testing.T) {
	host := &fakeHost{}
	a := startDialogue(t, host, testConfig(nil))
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	a.close()
	assertAqualinkResults(t, host.got())
}

// assertAqualinkResults checks the message of aqualink_results.txt, whose
// last R record is cut between its two frames.
func assertAqualinkResults(t *testing.T, msgs []Message) {
	t.Helper()
	if len(msgs) != 1 || len(msgs[0].Specimens) != 1 {
		t.Fatalf("messages %+v", msgs)
	}
	sp := msgs[0].Specimens[0]
	if sp.Accession != "3788512" || !reflect.DeepEqual(sp.Tests, []string{"PRIMARY_T", "VELO"}) || len(sp.Results) != 2 {
		t.Fatalf("specimen %+v", sp)
	}
	if r := sp.Results[0]; r.Code != "PRIMARY_T" || r.Value != "#VELOCIDADES 1_A3" || r.Status != "SUCCESS" {
		t.Fatalf("first result %+v", r)
	}
	if r := sp.Results[1]; r.Code != "VELO" || r.Value != "OK" || r.Status != "F" || r.Completed != "20200715122300" {
		t.Fatalf("the result cut between frames reads %+v", r)
	}
}

func TestTranscriptAqualinkHostQueryAnswered(t *testing.T) {
	host := &fakeHost{orders: map[string][]Order{"3788513": {{Code: "VELO"}}}}
	a := startDialogue(t, host, testConfig(nil))
	a.replay(loadTranscript(t, "aqualink_query.txt"))
	a.close()
	if !reflect.DeepEqual(host.queried, []string{"A9000P/3788513"}) {
		t.Fatalf("queried %v", host.queried)
	}
	if len(host.got()) != 0 {
		t.Fatal("a query is not results")
	}
}
