package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

// Paired sera (domain.md §0, Paired sera): a released retest or redraw read
// against her earlier released sample, through the real router on both
// databases, with the staff of episode_staff_test.go.

// A pregnant woman's Toxo IgG goes from 0.5 to
// 45 with IgM positive both times. That is a seroconversion, urgent, on
// her one case, and the report says so, not "avidity advised".
func TestPairedSeroconversion(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		first, id := s.screened(1, pregnantBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		if c := s.caseDetail(id); id == 0 || c.Priority != lab.Urgent || !slices.Equal(codes(c.Findings), []string{"TOXO_IGM_POS_IGG_NEG"}) {
			t.Fatalf("first case %d = %+v", id, c.CaseView)
		}
		s.reached(id, "retest", "2026-03-16")
		retest := s.retestReleased(id, "2026-03-16", map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "15"})
		releasedAt := e.clock.Now()

		rep := s.report(retest)
		toxo := findingsOf(rep.Findings, "TOXO")
		if rep.PairedWith != first.Accession || !rep.Abnormal || !slices.Equal(codes(toxo), []string{"TOXO_SEROCONVERSION"}) {
			t.Fatalf("report paired with %q, abnormal %v, toxo findings %v", rep.PairedWith, rep.Abnormal, codes(toxo))
		}
		f := toxo[0]
		if !f.Abnormal || f.Priority != lab.Urgent || f.Recommendation != seroconversionZh || f.RecommendationEn != seroconversionEn ||
			f.EarlierIgG != "negative" || f.IgG != "positive" {
			t.Fatalf("seroconversion finding = %+v", f)
		}
		for _, f := range rep.Findings {
			if strings.Contains(f.RecommendationEn, "avidity") || strings.Contains(f.Recommendation, "亲和力") {
				t.Fatalf("the seroconversion's report still advises avidity: %+v", f)
			}
		}

		if n := s.casesOf(first.ClientID); n != 1 {
			t.Fatalf("%d cases for her; the retest belongs to the first", n)
		}
		c := s.caseDetail(id)
		if c.Status == lab.CaseClosed || c.Priority != lab.Urgent || !slices.Equal(codes(c.Findings), []string{"TOXO_SEROCONVERSION"}) {
			t.Fatalf("case after the retest = %+v", c.CaseView)
		}
		if c.NextAction == nil || c.NextAction.Kind != lab.ActionContact || !c.NextAction.DueAt.Equal(releasedAt.Add(24*time.Hour)) || c.Overdue {
			t.Fatalf("next action after an urgent retest = %+v (released %s)", c.NextAction, releasedAt)
		}
		if got := s.caseSamples(id); !slices.Equal(got, []string{first.Accession, retest}) {
			t.Fatalf("case samples = %v", got)
		}
		// The PDF says it too, in both languages.
		for lang, want := range map[string]string{"zh": "提示近期原发感染", "en": "a recent primary infection"} {
			res := e.do("GET", "/api/v1/samples/"+retest+"/report.pdf?lang="+lang, s.nurse, nil)
			expectStatus(t, res, http.StatusOK)
			text := strings.Join(strings.Fields(pdfToText(t, res.Body.Bytes())), " ")
			if text != "" && (!strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(want, " ", "")) ||
				strings.Contains(text, "avidity") || strings.Contains(text, "亲和力")) {
				t.Errorf("the %s PDF lacks %q or advises avidity:\n%s", lang, want, text)
			}
		}
		if len(c.Retests) != 1 || c.Retests[0].Accession != retest || len(c.Retests[0].Results) != 8 || len(c.Results) != 8 {
			t.Fatalf("the case does not show both samples: results %d, retests %+v", len(c.Results), c.Retests)
		}
	})
}

// IgM positive twice with IgG positive twice is a persistent IgM: high for
// a pregnant woman, and the case's priority follows it down from urgent.
func TestPairedIgMPersistent(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		first, id := s.screened(1, pregnantBody(1), map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "15"})
		if c := s.caseDetail(id); c.Priority != lab.Urgent || !slices.Equal(codes(c.Findings), []string{"TOXO_IGM_POS_IGG_POS"}) {
			t.Fatalf("first case = %+v", c.CaseView)
		}
		s.reached(id, "retest", "2026-03-16")
		retest := s.retestReleased(id, "2026-03-16", map[string]string{"TOXO_IGG": "50", "TOXO_IGM": "15"})
		releasedAt := e.clock.Now()

		rep := s.report(retest)
		toxo := findingsOf(rep.Findings, "TOXO")
		if rep.PairedWith != first.Accession || !slices.Equal(codes(toxo), []string{"TOXO_IGM_PERSISTENT"}) {
			t.Fatalf("report paired with %q, toxo findings %v", rep.PairedWith, codes(toxo))
		}
		if f := toxo[0]; !f.Abnormal || f.Priority != lab.High || f.RecommendationEn != persistentEn {
			t.Fatalf("persistent finding = %+v", f)
		}
		c := s.caseDetail(id)
		if s.casesOf(first.ClientID) != 1 || c.Priority != lab.High || !slices.Equal(codes(c.Findings), []string{"TOXO_IGM_PERSISTENT"}) {
			t.Fatalf("case after the retest (%d cases) = %+v", s.casesOf(first.ClientID), c.CaseView)
		}
		if c.NextAction == nil || c.NextAction.Kind != lab.ActionContact || !c.NextAction.DueAt.Equal(releasedAt.Add(72*time.Hour)) {
			t.Fatalf("next action = %+v", c.NextAction)
		}
	})
}

// IgM positive then negative with IgG negative both times: the first IgM
// was not confirmed. The retest is not abnormal (no acknowledgement), the
// case keeps the finding for the counselor, and closes as retest_normal
// once she has been reached.
func TestPairedIgMNotConfirmed(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		first, id := s.screened(1, pregnantBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		_, sm := s.retestDrawn(id, "2026-03-16")
		s.resulted(sm.Accession, map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "1.5"})
		expectStatus(t, s.verify(sm.Accession, map[string]any{}), http.StatusOK)

		rep := s.report(sm.Accession)
		toxo := findingsOf(rep.Findings, "TOXO")
		if rep.Abnormal || rep.PairedWith != first.Accession || !slices.Equal(codes(toxo), []string{"TOXO_IGM_NOT_CONFIRMED", "TOXO_SUSCEPTIBLE"}) {
			t.Fatalf("report abnormal %v, paired with %q, toxo findings %v", rep.Abnormal, rep.PairedWith, codes(toxo))
		}
		if f := toxo[0]; f.Abnormal || f.RecommendationEn != notConfirmedEn {
			t.Fatalf("not-confirmed finding = %+v", f)
		}
		c := s.caseDetail(id)
		if c.ID != id || c.Status == lab.CaseClosed || s.casesOf(first.ClientID) != 1 || c.Priority != lab.Routine ||
			!slices.Equal(codes(c.Findings), []string{"TOXO_IGM_NOT_CONFIRMED"}) {
			t.Fatalf("case after the retest = %+v", c.CaseView)
		}
		// Nobody has told her yet.
		expectProblem(t, s.closeCase(id, "retest_normal"), http.StatusConflict, "no_contact")
		expectStatus(t, s.contact(id, "reached", nil), http.StatusCreated)
		res := s.closeCase(id, "retest_normal")
		expectStatus(t, res, http.StatusOK)
		var closed lab.Followup
		decode(t, res, &closed)
		if closed.Status != lab.CaseClosed || closed.Outcome != "retest_normal" || closed.NextAction != nil || s.openCaseOf(first.ClientID) != 0 {
			t.Fatalf("closed = %+v", closed)
		}
	})
}

// An IgG that turns negative is a delta check: verify holds the release
// (409 delta_unacknowledged naming the earlier sample) until the second
// technician acknowledges it; nothing is released meanwhile.
func TestPairedIgGLossHeldAtVerify(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		first, id := s.screened(1, pregnantBody(1), map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "15"})
		_, sm := s.retestDrawn(id, "2026-03-16")
		s.resulted(sm.Accession, map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		releases := e.auditCount("sample.release")

		for _, body := range []map[string]any{{}, ackAbnormal} {
			res := s.verify(sm.Accession, body)
			expectProblem(t, res, http.StatusConflict, "delta_unacknowledged")
			var held struct {
				PairedWith lab.PairedSample `json:"paired_with"`
				Delta      []lab.Finding    `json:"delta"`
			}
			decode(t, res, &held)
			if held.PairedWith.Accession != first.Accession || held.PairedWith.CollectedOn != "2026-03-02" ||
				!slices.Equal(codes(held.Delta), []string{"TOXO_IGG_LOSS"}) {
				t.Fatalf("held release names %+v, delta %v", held.PairedWith, codes(held.Delta))
			}
		}
		// Acknowledging the delta is not acknowledging the abnormal result.
		expectProblem(t, s.verify(sm.Accession, map[string]any{"acknowledge_delta": true}), http.StatusConflict, "abnormal_not_acknowledged")

		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+sm.Accession, s.tech, nil), &d)
		expectProblem(t, e.do("GET", "/api/v1/samples/"+sm.Accession+"/report", s.nurse, nil), http.StatusConflict, "invalid_state")
		c := s.caseDetail(id)
		if d.Status != lab.SampleResulted || e.auditCount("sample.release") != releases ||
			!slices.Equal(s.caseSamples(id), []string{first.Accession}) || !slices.Equal(codes(c.Findings), []string{"TOXO_IGM_POS_IGG_POS"}) ||
			c.Priority != lab.Urgent || s.caseEvents(id, "retest_released") != 0 {
			t.Fatalf("while held: sample %s, releases %d→%d, case samples %v, findings %v, priority %s",
				d.Status, releases, e.auditCount("sample.release"), s.caseSamples(id), codes(c.Findings), c.Priority)
		}

		expectStatus(t, s.verify(sm.Accession, map[string]any{"acknowledge_delta": true, "acknowledge_abnormal": true}), http.StatusOK)
		rep := s.report(sm.Accession)
		toxo := findingsOf(rep.Findings, "TOXO")
		if rep.PairedWith != first.Accession || !slices.Equal(codes(toxo), []string{"TOXO_IGG_LOSS"}) ||
			!toxo[0].Abnormal || toxo[0].Priority != lab.High || toxo[0].RecommendationEn != iggLossEn {
			t.Fatalf("released report: paired with %q, toxo %+v", rep.PairedWith, toxo)
		}
		c = s.caseDetail(id)
		if s.casesOf(first.ClientID) != 1 || c.Priority != lab.High || !slices.Equal(codes(c.Findings), []string{"TOXO_IGG_LOSS"}) ||
			!slices.Equal(s.caseSamples(id), []string{first.Accession, sm.Accession}) {
			t.Fatalf("case after the acknowledged release = %+v, samples %v", c.CaseView, s.caseSamples(id))
		}
	})
}
