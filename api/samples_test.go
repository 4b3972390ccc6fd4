package api_test

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"torchlab/lab"
)

// drawn books a woman for today at station A, checks her in and collects
// her blood, and returns the sample.
func (e *env) drawn(nurse string, n int, panel string) lab.Sample {
	e.t.Helper()
	sl := e.slotToday(nurse)
	ap, p := e.book(nurse, e.register(nurse, clientBody(n)), sl.ID)
	if p != nil {
		e.t.Fatalf("book: %+v", p)
	}
	return e.collect(nurse, ap.ID, panel)
}

func (e *env) slotToday(nurse string) lab.Slot {
	e.t.Helper()
	var existing lab.Slot
	if err := e.db.Gorm.Where("station_id = ? AND day = ? AND start_time = ?", e.stationA, "2026-03-02", "23:00").First(&existing).Error; err == nil {
		return existing
	}
	return e.slot(nurse, e.stationA, "2026-03-02", "23:00", 100)
}

func (e *env) collect(nurse string, appointment int64, panel string) lab.Sample {
	e.t.Helper()
	expectStatus(e.t, e.do("POST", path("/api/v1/appointments/%d/check-in", appointment), nurse, nil), http.StatusOK)
	body := map[string]any{}
	if panel != "" {
		body["panel"] = panel
	}
	res := e.do("POST", path("/api/v1/appointments/%d/samples", appointment), nurse, body)
	expectStatus(e.t, res, http.StatusCreated)
	var sm lab.Sample
	decode(e.t, res, &sm)
	return sm
}

func TestCollectSample(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sl := e.slotToday(nurse)
		ap, _ := e.book(nurse, e.register(nurse, clientBody(1)), sl.ID)
		collect := path("/api/v1/appointments/%d/samples", ap.ID)
		sequence := func() int64 {
			var n int64
			if err := e.db.Gorm.Table("sequences").Where("name = ?", "accession").Pluck("value", &n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := sequence()

		expectProblem(t, e.do("POST", collect, nurse, map[string]any{}), http.StatusConflict, "invalid_state")
		expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil), http.StatusOK)
		expectProblem(t, e.do("POST", collect, nurseB, map[string]any{}), http.StatusNotFound, "not_found")
		p := expectProblem(t, e.do("POST", collect, nurse, map[string]any{"panel": "TORCH99"}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("panel", "invalid") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		// Refused collections change nothing, not even the sequence of
		// accession numbers.
		if after := sequence(); after != before {
			t.Fatalf("three refused collections moved the accession sequence from %d to %d", before, after)
		}
		res := e.do("POST", collect, nurse, map[string]any{"panel": "NFPCP"})
		expectStatus(t, res, http.StatusCreated)
		var sm lab.Sample
		decode(t, res, &sm)
		if _, err := lab.ParseAccession(sm.Accession); err != nil || sm.Status != lab.SampleCollected || sm.PanelCode != "NFPCP" ||
			sm.AppointmentID != ap.ID || sm.CollectedBy == nil {
			t.Fatalf("sample = %+v (%v)", sm, err)
		}
		var got lab.Appointment
		decode(t, e.do("GET", path("/api/v1/appointments/%d", ap.ID), nurse, nil), &got)
		if got.Status != lab.Collected || got.CollectedAt == nil {
			t.Fatalf("appointment = %+v", got)
		}
		expectProblem(t, e.do("POST", collect, nurse, map[string]any{}), http.StatusConflict, "invalid_state")

		var detail lab.SampleDetail
		res = e.do("GET", "/api/v1/samples/"+strings.ToLower(sm.Accession), tech, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &detail)
		if len(detail.Analytes) != 5 || detail.Analytes[0] != "TOXO_IGG" || detail.StationCode != "STA" || detail.ClientName != "王芳1" ||
			len(detail.Events) != 1 || detail.Events[0].Event != "collected" || detail.Events[0].ActorUsername != "nurse.a" || detail.Results == nil {
			t.Fatalf("detail = %+v", detail)
		}
		expectProblem(t, e.do("GET", "/api/v1/samples/"+sm.Accession, nurseB, nil), http.StatusNotFound, "not_found")
		typo := sm.Accession[:8] + string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(strings.IndexByte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", sm.Accession[8])+1)%36])
		p = expectProblem(t, e.do("GET", "/api/v1/samples/"+typo, tech, nil), http.StatusUnprocessableEntity, "bad_accession")
		if p.Detail == "" {
			t.Fatal("a bad accession must say why")
		}
		next, _ := lab.FormatAccession(1 << 39)
		expectProblem(t, e.do("GET", "/api/v1/samples/"+next, tech, nil), http.StatusNotFound, "not_found")
	})
}

// Two torchlab processes collecting at the same moment never hand out the
// same accession code.
func TestAccessionsAreUniqueAcrossProcesses(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		sl := e.slot(nurse, e.stationA, "2026-03-02", "22:00", 100)
		const n = 40
		var apps []int64
		for i := 0; i < n; i++ {
			ap, p := e.book(nurse, e.register(nurse, clientBody(200+i)), sl.ID)
			if p != nil {
				t.Fatalf("book %d: %+v", i, p)
			}
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil), http.StatusOK)
			apps = append(apps, ap.ID)
		}
		other := e.secondProcess()
		ctx := lab.SystemContext(context.Background(), "(test)")
		codes := make([]string, n)
		var wg sync.WaitGroup
		for i, id := range apps {
			svc := e.svc
			if i%2 == 1 {
				svc = other
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				sm, err := svc.CollectSample(ctx, id, "")
				if err != nil {
					t.Errorf("collect %d: %v", id, err)
					return
				}
				codes[i] = sm.Accession
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for _, c := range codes {
			if c == "" || seen[c] {
				t.Fatalf("codes %v: empty or repeated %q", codes, c)
			}
			seen[c] = true
		}
	})
}

func TestLabels(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.drawn(nurse, 1, "")
		sm2 := e.drawn(nurse, 2, "")

		res := e.do("GET", "/api/v1/samples/"+sm.Accession+"/label.png", nurse, nil)
		expectStatus(t, res, http.StatusOK)
		if res.Header().Get("Content-Type") != "image/png" {
			t.Fatalf("type %q", res.Header().Get("Content-Type"))
		}
		img, err := png.Decode(bytes.NewReader(res.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		bmp, _ := gozxing.NewBinaryBitmapFromImage(img)
		qr, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
		if err != nil || qr.GetText() != sm.Accession {
			t.Fatalf("the label's QR code reads %v, %v", qr, err)
		}

		// Opening the preview again is not a print: no reason asked, nothing recorded.
		expectStatus(t, e.do("GET", "/api/v1/samples/"+sm.Accession+"/label.png", nurse, nil), http.StatusOK)
		expectStatus(t, e.do("GET", "/api/v1/labels.pdf?accession="+sm.Accession, nurse, nil), http.StatusOK)
		if e.auditCount("sample.label_print") != 0 {
			t.Fatalf("%d print audit rows after previews, want 0", e.auditCount("sample.label_print"))
		}
		// The nurse confirms the print; that is the first print.
		expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/label/printed", nurse, map[string]any{"format": "png"}), http.StatusNoContent)
		expectProblem(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/label/printed", nurse, map[string]any{"format": "zpl"}), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/label/printed", nurseB, map[string]any{"reason": "x"}), http.StatusNotFound, "not_found")
		// A second print of the same tube is a reprint: it needs a reason,
		// whether confirmed or sent as ZPL.
		p := expectProblem(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/label/printed", nurse, map[string]any{}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("reason", "required_for_reprint") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		p = expectProblem(t, e.do("GET", "/api/v1/samples/"+sm.Accession+"/label.zpl", nurse, nil), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("reason", "required_for_reprint") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		res = e.do("GET", "/api/v1/samples/"+sm.Accession+"/label.zpl?reason=smudged", nurse, nil)
		expectStatus(t, res, http.StatusOK)
		if !strings.Contains(res.Body.String(), "^FDHA,"+sm.Accession+"^FS") || !strings.Contains(res.Body.String(), "王芳1") {
			t.Fatalf("ZPL = %s", res.Body)
		}
		res = e.do("GET", "/api/v1/labels.pdf?accession="+sm2.Accession+"&accession="+strings.ToLower(sm.Accession), tech, nil)
		expectStatus(t, res, http.StatusOK)
		if res.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(res.Body.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", res.Header().Get("Content-Type"))
		}
		expectStatus(t, e.do("POST", "/api/v1/labels/printed", tech, map[string]any{"accessions": []string{sm2.Accession, strings.ToLower(sm.Accession)}, "reason": "sheet"}), http.StatusNoContent)
		expectProblem(t, e.do("GET", "/api/v1/labels.pdf?accession="+sm.Accession, nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", "/api/v1/labels.pdf", nurse, nil), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("GET", "/api/v1/labels.pdf?accession=NOPE", nurse, nil), http.StatusUnprocessableEntity, "bad_accession")

		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+sm.Accession, nurse, nil), &d)
		var events []string
		for _, ev := range d.Events {
			events = append(events, ev.Event+":"+ev.Detail)
		}
		want := "collected:panel TORCH8 label_printed:png label_reprinted:zpl smudged label_reprinted:pdf sheet"
		if strings.Join(events, " ") != want || d.LabelsPrinted != 3 {
			t.Fatalf("events %q, printed %d", events, d.LabelsPrinted)
		}
		if e.auditCount("sample.label_print") != 3 {
			t.Fatalf("%d print audit rows, want 3 (previews and refused prints leave none)", e.auditCount("sample.label_print"))
		}
	})
}

func TestReceiveAndReject(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.drawn(nurse, 1, "")
		receive := "/api/v1/samples/" + sm.Accession + "/receive"

		expectProblem(t, e.do("POST", receive, nurse, nil), http.StatusForbidden, "forbidden")
		var out struct {
			Receipt string     `json:"receipt"`
			Sample  lab.Sample `json:"sample"`
		}
		res := e.do("POST", receive, tech, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &out)
		if out.Receipt != "received" || out.Sample.Status != lab.SampleReceived || out.Sample.ReceivedBy == nil {
			t.Fatalf("receipt = %+v", out)
		}
		decode(t, e.do("POST", receive, tech, nil), &out)
		if out.Receipt != "already_received" || e.auditCount("sample.receive") != 1 {
			t.Fatalf("second scan = %+v", out)
		}
		expectProblem(t, e.do("POST", "/api/v1/samples/ZZZZ/receive", tech, nil), http.StatusUnprocessableEntity, "bad_accession")

		t.Run("reject needs a known reason", func(t *testing.T) {
			reject := "/api/v1/samples/" + sm.Accession + "/reject"
			p := expectProblem(t, e.do("POST", reject, tech, map[string]any{"reason": "dropped"}), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("reason", "invalid") {
				t.Fatalf("errors %+v", p.Errors)
			}
			p = expectProblem(t, e.do("POST", reject, tech, map[string]any{"reason": "other"}), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("note", "required") {
				t.Fatalf("errors %+v", p.Errors)
			}
			res := e.do("POST", reject, tech, map[string]any{"reason": "hemolyzed", "note": "gross haemolysis"})
			expectStatus(t, res, http.StatusOK)
			var got lab.Sample
			decode(t, res, &got)
			if got.Status != lab.SampleRejected || got.RejectReason != "hemolyzed" {
				t.Fatalf("sample = %+v", got)
			}
			expectProblem(t, e.do("POST", reject, tech, map[string]any{"reason": "hemolyzed"}), http.StatusConflict, "invalid_state")
			expectProblem(t, e.do("POST", receive, tech, nil), http.StatusConflict, "invalid_state")
		})

		t.Run("the redraw is booked from the recollection request", func(t *testing.T) {
			var list struct {
				Items []lab.RecollectionView
				Total int
			}
			decode(t, e.do("GET", "/api/v1/recollections?open=true", nurse, nil), &list)
			if list.Total != 1 || list.Items[0].Reason != "hemolyzed" || list.Items[0].Accession != sm.Accession || list.Items[0].Booked {
				t.Fatalf("recollections = %+v", list)
			}
			rc := list.Items[0]
			nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
			decode(t, e.do("GET", "/api/v1/recollections?open=true", nurseB, nil), &list)
			if list.Total != 0 {
				t.Fatal("station B sees station A's recollections")
			}
			// Her first screening this year was collected; the redraw is
			// exempt from the once-a-year rule.
			sl := e.slot(nurse, e.stationA, "2026-03-03", "09:00", 5)
			res := e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": rc.ClientID, "slot_id": sl.ID, "recollection_id": rc.ID})
			expectStatus(t, res, http.StatusCreated)
			var ap lab.Appointment
			decode(t, res, &ap)
			if ap.Kind != lab.KindRedraw {
				t.Fatalf("appointment = %+v", ap)
			}
			decode(t, e.do("GET", "/api/v1/recollections?open=true", nurse, nil), &list)
			if list.Total != 0 {
				t.Fatal("a booked recollection is still listed as open")
			}
			// Booking the same request twice is refused.
			res = e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": rc.ClientID, "slot_id": sl.ID, "recollection_id": rc.ID})
			expectStatus(t, res, http.StatusUnprocessableEntity)
			// Cancelling the redraw puts the request back on the list.
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/cancel", ap.ID), nurse, nil), http.StatusOK)
			decode(t, e.do("GET", "/api/v1/recollections?open=true", nurse, nil), &list)
			if list.Total != 1 {
				t.Fatal("a cancelled redraw did not reopen the request")
			}
		})
	})
}

func TestExpiredAtReceipt(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.drawn(nurse, 1, "")
		e.clock.Advance(7*24*time.Hour + time.Minute)
		tech = e.login("tech", testPassword)
		var out struct {
			Receipt string     `json:"receipt"`
			Sample  lab.Sample `json:"sample"`
		}
		res := e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &out)
		if out.Receipt != "rejected_expired" || out.Sample.Status != lab.SampleRejected || out.Sample.RejectReason != "expired" {
			t.Fatalf("receipt = %+v", out)
		}
		nurse = e.login("nurse.a", testPassword)
		var list struct{ Total int }
		decode(t, e.do("GET", "/api/v1/recollections?open=true", nurse, nil), &list)
		if list.Total != 1 {
			t.Fatal("an expired tube asked for no redraw")
		}
	})
}

func TestShipments(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		a, b, c := e.drawn(nurse, 1, ""), e.drawn(nurse, 2, ""), e.drawn(nurse, 3, "")
		stray := e.drawn(nurse, 4, "")

		res := e.do("POST", "/api/v1/shipments", nurse, map[string]any{"accessions": []string{a.Accession, "BAD", a.Accession}})
		p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
		if !p.hasField("accessions[1]", "bad_accession") || !p.hasField("accessions[2]", "duplicate") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		res = e.do("POST", "/api/v1/shipments", nurse, map[string]any{"accessions": []string{a.Accession, b.Accession, c.Accession}})
		expectStatus(t, res, http.StatusCreated)
		var sh lab.ShipmentDetail
		decode(t, res, &sh)
		if sh.Status != lab.ShipmentPacked || len(sh.Items) != 3 || len(sh.Missing) != 0 {
			t.Fatalf("shipment = %+v", sh)
		}
		p = expectProblem(t, e.do("POST", "/api/v1/shipments", nurse, map[string]any{"accessions": []string{a.Accession}}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("accessions[0]", "on_another_shipment") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		ship := path("/api/v1/shipments/%d", sh.ID)
		expectProblem(t, e.do("POST", ship+"/scan", tech, map[string]any{"accession": a.Accession}), http.StatusConflict, "invalid_state")
		expectStatus(t, e.do("POST", ship+"/dispatch", nurse, nil), http.StatusOK)
		expectProblem(t, e.do("POST", ship+"/dispatch", nurse, nil), http.StatusConflict, "invalid_state")
		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+a.Accession, nurse, nil), &d)
		if d.Status != lab.SampleShipped {
			t.Fatalf("a dispatched tube is %s", d.Status)
		}

		expectStatus(t, e.do("POST", ship+"/scan", tech, map[string]any{"accession": a.Accession}), http.StatusOK)
		expectStatus(t, e.do("POST", ship+"/scan", tech, map[string]any{"accession": a.Accession}), http.StatusOK)
		expectStatus(t, e.do("POST", ship+"/scan", tech, map[string]any{"accession": c.Accession}), http.StatusOK)
		res = e.do("POST", ship+"/scan", tech, map[string]any{"accession": stray.Accession})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &sh)
		if len(sh.Missing) != 1 || sh.Missing[0] != b.Accession || len(sh.Unexpected) != 1 || sh.Unexpected[0] != stray.Accession {
			t.Fatalf("reconciliation = missing %v, unexpected %v", sh.Missing, sh.Unexpected)
		}
		expectProblem(t, e.do("POST", ship+"/scan", tech, map[string]any{"accession": "0000"}), http.StatusUnprocessableEntity, "bad_accession")
		decode(t, e.do("GET", "/api/v1/samples/"+a.Accession, tech, nil), &d)
		if d.Status != lab.SampleReceived {
			t.Fatalf("a scanned tube is %s", d.Status)
		}
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		expectProblem(t, e.do("GET", ship, nurseB, nil), http.StatusNotFound, "not_found")
	})
}

func TestListSamples(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		for i := 0; i < 3; i++ {
			e.drawn(nurse, i, "")
		}
		first := e.drawn(nurse, 9, "")
		e.do("POST", "/api/v1/samples/"+first.Accession+"/receive", tech, nil)
		var list struct {
			Items      []lab.Sample
			NextCursor string `json:"next_cursor"`
		}
		decode(t, e.do("GET", "/api/v1/samples?status=collected&limit=2", tech, nil), &list)
		if len(list.Items) != 2 || list.NextCursor == "" || list.Items[0].Accession <= list.Items[1].Accession {
			t.Fatalf("page 1 = %+v", list)
		}
		cursor := list.NextCursor
		list.NextCursor = ""
		decode(t, e.do("GET", "/api/v1/samples?status=collected&limit=2&cursor="+cursor, tech, nil), &list)
		if len(list.Items) != 1 || list.NextCursor != "" {
			t.Fatalf("page 2 = %+v", list)
		}
		// A nurse's list by status at her station pages the same way,
		// newest first (its query spells the order as its index is).
		var mine struct {
			Items      []lab.Sample
			NextCursor string `json:"next_cursor"`
		}
		decode(t, e.do("GET", "/api/v1/samples?status=collected&limit=2", nurse, nil), &mine)
		if len(mine.Items) != 2 || mine.NextCursor == "" || mine.Items[0].Accession <= mine.Items[1].Accession {
			t.Fatalf("a nurse's page 1 = %+v", mine)
		}
		last, next := mine.Items[1].Accession, mine.NextCursor
		mine.NextCursor = ""
		decode(t, e.do("GET", "/api/v1/samples?status=collected&limit=2&cursor="+next, nurse, nil), &mine)
		if len(mine.Items) != 1 || mine.NextCursor != "" || mine.Items[0].Accession >= last || mine.Items[0].Status != lab.SampleCollected {
			t.Fatalf("a nurse's page 2 = %+v", mine)
		}
		decode(t, e.do("GET", "/api/v1/samples?from=2026-03-02&to=2026-03-02", nurse, nil), &list)
		if len(list.Items) != 4 {
			t.Fatalf("today's samples = %d", len(list.Items))
		}
		decode(t, e.do("GET", "/api/v1/samples?from=2026-03-03", nurse, nil), &list)
		if len(list.Items) != 0 {
			t.Fatalf("tomorrow's samples = %d", len(list.Items))
		}
		decode(t, e.do("GET", "/api/v1/samples", nurseB, nil), &list)
		if len(list.Items) != 0 {
			t.Fatal("station B sees station A's samples")
		}
		expectProblem(t, e.do("GET", path("/api/v1/samples?station_id=%d", e.stationA), nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", "/api/v1/samples?status=lost", tech, nil), http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("GET", "/api/v1/samples?include=events", tech, nil), http.StatusUnprocessableEntity, "validation")

		// The bench's grid: a page of received samples with her name and
		// what has been entered so far; nurses never see unverified values.
		expectStatus(t, e.do("PUT", "/api/v1/samples/"+first.Accession+"/results", tech, map[string]any{
			"results": []map[string]any{{"analyte": "TOXO_IGM", "value": 12}, {"analyte": "TOXO_IGG", "value": 0.5}}}), http.StatusOK)
		var grid struct {
			Items []lab.SampleListItem
		}
		decode(t, e.do("GET", "/api/v1/samples?status=received&include=results", tech, nil), &grid)
		if len(grid.Items) != 1 || grid.Items[0].Accession != first.Accession || grid.Items[0].ClientName != "王芳9" {
			t.Fatalf("received = %+v", grid.Items)
		}
		if grid.Items[0].Results == nil {
			t.Fatal("include=results answered no results list")
		}
		if rs := *grid.Items[0].Results; len(rs) != 2 || rs[0].AnalyteCode != "TOXO_IGG" || rs[1].AnalyteCode != "TOXO_IGM" ||
			rs[1].Interpretation != lab.Positive {
			t.Fatalf("results in panel order = %+v", rs)
		}
		grid.Items = nil
		decode(t, e.do("GET", "/api/v1/samples?status=received&include=results", nurse, nil), &grid)
		if len(grid.Items) != 1 || grid.Items[0].Results == nil || len(*grid.Items[0].Results) != 0 {
			t.Fatalf("a nurse sees unverified results (or no list): %+v", grid.Items)
		}
		grid.Items = nil
		decode(t, e.do("GET", "/api/v1/samples?status=received", tech, nil), &grid)
		if len(grid.Items) != 1 || grid.Items[0].Results != nil || grid.Items[0].ClientName == "" {
			t.Fatalf("without include, no results but the name: %+v", grid.Items)
		}
	})
}
