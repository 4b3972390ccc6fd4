package lab

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// FHIRSource is what the FHIR export of a released sample is made of.
type FHIRSource struct {
	Report *Report
	// OrgURI names the deployment (Options.OrgURI, or its default): the
	// system of its identifiers and the seed of its resource ids.
	OrgURI      string
	Panel       *Panel
	ClientID    int64
	BirthDate   Date
	LOINC       map[string]string // by analyte code
	CollectedAt time.Time
	// Cases are the follow-up cases that read the sample, with the
	// external results recorded on them.
	Cases           []Followup
	ExternalResults []ExternalResult
}

// FHIRData gathers what the FHIR export of a released sample needs beyond
// its report. Same access as SampleReport; the export is audited
// (fhir.export).
func (s *Service) FHIRData(ctx context.Context, rawAccession string) (*FHIRSource, error) {
	rep, err := s.SampleReport(ctx, rawAccession)
	if err != nil {
		return nil, err
	}
	db := s.read(ctx)
	var sm Sample
	if err := db.Where("accession = ?", rep.Accession).First(&sm).Error; err != nil {
		return nil, err
	}
	var c Client
	if err := db.Select("id, birth_date").First(&c, sm.ClientID).Error; err != nil {
		return nil, err
	}
	var as []Analyte
	if err := db.Find(&as).Error; err != nil {
		return nil, err
	}
	org, err := s.orgURI(db)
	if err != nil {
		return nil, err
	}
	panel, err := s.panel(db, sm.PanelCode)
	if err != nil {
		return nil, err
	}
	src := &FHIRSource{Report: rep, OrgURI: org, Panel: panel, ClientID: c.ID, BirthDate: c.BirthDate,
		LOINC: map[string]string{}, CollectedAt: sm.CollectedAt}
	for _, a := range as {
		src.LOINC[a.Code] = a.LOINC
	}
	if err := db.Where("id IN (SELECT followup_id FROM followup_samples WHERE sample_id = ?)", sm.ID).Order("id").Find(&src.Cases).Error; err != nil {
		return nil, err
	}
	if len(src.Cases) > 0 {
		ids := make([]int64, len(src.Cases))
		for i, c := range src.Cases {
			ids[i] = c.ID
		}
		if err := db.Where("followup_id IN ?", ids).Order("id").Find(&src.ExternalResults).Error; err != nil {
			return nil, err
		}
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		return s.auditKey(ctx, tx, "fhir.export", "sample", rep.Accession, nil)
	})
	return src, err
}

// DefaultOrgURIPrefix begins the URI of a deployment that does not set
// one: the rest is the random name its database was made with (table
// deployment, migration 00019), so that no two databases share it.
const DefaultOrgURIPrefix = "urn:torchlab:"

// orgURI is Options.OrgURI, or the default made from the database's name.
func (s *Service) orgURI(db *gorm.DB) (string, error) {
	if s.opts.OrgURI != "" {
		return s.opts.OrgURI, nil
	}
	var uid []string
	if err := db.Table("deployment").Order("id").Limit(1).Pluck("uid", &uid).Error; err != nil {
		return "", err
	}
	if len(uid) == 0 || uid[0] == "" {
		return "", errors.New("the deployment table has no name: migration 00019 did not run")
	}
	return DefaultOrgURIPrefix + uid[0], nil
}

var urnNID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,31}$`)

// CheckOrgURI says what is wrong with a deployment's URI
// (TORCHLAB_ORG_URI), or nil. Identifier systems are made by appending
// "/client", "/accession"… to an http(s) URL and ":client"… to a URN,
// so it must be one of those, and not a urn:oid or urn:uuid (which take
// no such suffix).
func CheckOrgURI(raw string) error {
	const want = "an absolute http(s) URL or a urn: URI, such as https://fybj.example.gov.cn or urn:example:fybj"
	if raw == "" || len(raw) > 200 || strings.ContainsAny(raw, " \t\r\n#?") {
		return fmt.Errorf("%q is not %s (at most 200 characters, no spaces, query or fragment)", raw, want)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not %s", raw, want)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.Opaque != "" || u.User != nil {
			return fmt.Errorf("%q is not %s", raw, want)
		}
	case "urn":
		nid, nss, ok := strings.Cut(u.Opaque, ":")
		if !ok || !urnNID.MatchString(nid) || nss == "" || strings.HasSuffix(nss, ":") {
			return fmt.Errorf("%q is not %s", raw, want)
		}
		if n := strings.ToLower(nid); n == "oid" || n == "uuid" {
			return fmt.Errorf("%q is a urn:%s, which cannot be extended into identifier systems; use %s", raw, n, want)
		}
	default:
		return fmt.Errorf("%q is not %s", raw, want)
	}
	return nil
}
