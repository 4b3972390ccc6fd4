package lab

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"torchlab/lab/labels"
)

// LabelFormat is how a label is printed.
type LabelFormat string

// The label formats.
const (
	LabelPNG LabelFormat = "png"
	LabelPDF LabelFormat = "pdf"
	LabelZPL LabelFormat = "zpl"
)

// maxLabelsPerPrint bounds one print job (a little over 10 A4 sheets).
const maxLabelsPerPrint = 500

// PrepareLabels returns what the labels of the tubes show, and records the
// print: a custody event on each tube and one audit row, with the format.
// It serves the ZPL, which goes straight to a printer, so that handing it
// out is the print. A tube whose label was printed before needs a reason
// for the reprint (CodeValidation on reason): two labels for one tube is
// how tubes get mixed up. Nurses (their station's tubes), lab technicians
// and admins. CodeBadAccession, CodeNotFound.
func (s *Service) PrepareLabels(ctx context.Context, accessions []string, format LabelFormat, reason string) ([]labels.Label, error) {
	return s.labels(ctx, accessions, format, reason, true)
}

// PreviewLabels returns what the labels show and records nothing: opening
// a preview (the PNG or the PDF sheet) is not a print, so looking twice
// never asks for a reprint reason. The nurse confirms the print afterwards
// (ConfirmLabelsPrinted). Same roles and errors as PrepareLabels.
func (s *Service) PreviewLabels(ctx context.Context, accessions []string) ([]labels.Label, error) {
	return s.labels(ctx, accessions, "", "", false)
}

// ConfirmLabelsPrinted records that the labels of the tubes came out of
// the printer (format pdf or png, the preview she printed), with the same
// reprint rule, custody events and audit row as PrepareLabels.
func (s *Service) ConfirmLabelsPrinted(ctx context.Context, accessions []string, format LabelFormat, reason string) error {
	if format != LabelPDF && format != LabelPNG {
		return &Error{Code: CodeValidation, Message: "format is pdf or png",
			Fields: []FieldError{{Field: "format", Code: "invalid"}}}
	}
	_, err := s.labels(ctx, accessions, format, reason, true)
	return err
}

func (s *Service) labels(ctx context.Context, accessions []string, format LabelFormat, reason string, record bool) ([]labels.Label, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	reason = v.text("reason", reason, oneLine)
	switch {
	case len(accessions) == 0:
		v.Add("accession", "required", "the tubes to label")
	case len(accessions) > maxLabelsPerPrint:
		v.Add("accession", "too_many", fmt.Sprintf("at most %d labels at once", maxLabelsPerPrint))
	}
	if utf8.RuneCountInString(reason) > 200 {
		v.Add("reason", "too_long", "at most 200 characters")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var codes []string // in the order asked, each once
	seen := map[string]bool{}
	for _, raw := range accessions {
		acc, err := ParseAccession(raw)
		if err != nil {
			return nil, err
		}
		if !seen[acc] {
			seen[acc] = true
			codes = append(codes, acc)
		}
	}
	var out []labels.Label
	err := s.inTx(ctx, func(tx *txDB) error {
		out = out[:0]
		// Lock the tubes in id order, so that two prints of the same tubes
		// in different orders queue instead of deadlocking, and the second
		// of two simultaneous first prints is counted as a reprint.
		locked, err := s.lockSamples(ctx, tx, codes)
		if err != nil {
			return err
		}
		var reprints []string
		for _, acc := range codes {
			sm := locked[acc]
			var who struct {
				Name             string
				NationalIDMasked string
				Code             string
				Timezone         string
			}
			if err := tx.Table("clients").Select("clients.name, clients.national_id_masked, stations.code, stations.timezone").
				Joins("JOIN stations ON stations.id = ?", sm.StationID).Where("clients.id = ?", sm.ClientID).Take(&who).Error; err != nil {
				return err
			}
			st := Station{Timezone: who.Timezone}
			out = append(out, labels.Label{
				Accession: sm.Accession, Name: who.Name, MaskedID: who.NationalIDMasked,
				CollectedOn: string(DateOf(sm.CollectedAt.In(st.Location()))), Station: who.Code,
			})
			if !record {
				continue
			}
			event := EventLabelPrinted
			if sm.LabelsPrinted > 0 {
				event = EventLabelReprint
				reprints = append(reprints, sm.Accession)
			}
			if err := tx.Model(&Sample{}).Where("id = ?", sm.ID).UpdateColumn("labels_printed", gormExpr("labels_printed + 1")).Error; err != nil {
				return err
			}
			if err := s.addEvent(ctx, tx, sm.ID, event, strings.TrimSpace(string(format)+" "+reason)); err != nil {
				return err
			}
		}
		if !record {
			return nil
		}
		if len(reprints) > 0 && reason == "" {
			return &Error{Code: CodeValidation, Message: "reprinting a label needs a reason: " + strings.Join(reprints, ", "),
				Fields: []FieldError{{Field: "reason", Code: "required_for_reprint"}}}
		}
		entityID := ""
		if len(codes) == 1 {
			entityID = codes[0]
		}
		return s.auditKey(ctx, tx, "sample.label_print", "sample", entityID, map[string]any{
			"format": format, "reason": reason, "accessions": codes, "reprints": reprints})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
