package lab

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// importErrorsKept is how long an import's refused lines stay for download.
const importErrorsKept = 7 * 24 * time.Hour

// resultImport is one analyser import, kept with its refused lines for
// importErrorsKept.
type resultImport struct {
	ID         int64 `gorm:"primaryKey"`
	ImportedBy *int64
	ImportedAt time.Time
	LineCount  int
	Saved      int
	Rejected   int
}

func (resultImport) TableName() string { return "result_imports" }

// resultImportError is one refused line of an import.
type resultImportError struct {
	ID        int64 `gorm:"primaryKey"`
	ImportID  int64
	Line      int
	Code      string
	Detail    string
	Accession string
	Analyte   string
}

func (resultImportError) TableName() string { return "result_import_errors" }

// keepImportErrors stores refused lines of an import, in their own
// transaction: a chunk that rolled back is recorded as not saved too.
func (s *Service) keepImportErrors(ctx context.Context, importID int64, rows []ImportRow) error {
	if len(rows) == 0 {
		return nil
	}
	// The text comes from the file: made valid UTF-8 and cut to the
	// columns, so that a line of any bytes can be kept.
	cut := func(v string, n int) string { return truncate(strings.ToValidUTF8(v, "\uFFFD"), n) }
	out := make([]resultImportError, len(rows))
	for i, r := range rows {
		out[i] = resultImportError{ImportID: importID, Line: r.Line, Code: cut(r.Code, 32), Detail: cut(r.Detail, 300),
			Accession: cut(r.Accession, 64), Analyte: cut(r.Analyte, 64)}
	}
	return s.inTx(ctx, func(tx *txDB) error { return tx.CreateInBatches(&out, importBatch).Error })
}

// ImportErrorsCSV writes every refused line of an import as CSV (line,
// code, detail, accession, analyte), in file order, reading a page at a
// time. The technician who imported and admins; another technician's
// import, or one older than a week, is CodeNotFound.
func (s *Service) ImportErrorsCSV(ctx context.Context, importID int64, w io.Writer) error {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return err
	}
	var run resultImport
	if err := s.read(ctx).First(&run, importID).Error; err != nil {
		if isNotFound(err) {
			return notFound("import")
		}
		return err
	}
	if a.Role != RoleAdmin && (run.ImportedBy == nil || *run.ImportedBy != a.UserID) {
		return notFound("import")
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"line", "code", "detail", "accession", "analyte"})
	var after int64
	for {
		var page []resultImportError
		if err := s.read(ctx).Where("import_id = ? AND id > ?", importID, after).Order("id").Limit(1000).Find(&page).Error; err != nil {
			return err
		}
		for _, e := range page {
			cw.Write([]string{strconv.Itoa(e.Line), e.Code, spreadsheetSafe(e.Detail), spreadsheetSafe(e.Accession), spreadsheetSafe(e.Analyte)})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if len(page) < 1000 {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// spreadsheetSafe keeps a cell that came from the file from being read as
// a formula when the CSV is opened in a spreadsheet.
func spreadsheetSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// PruneImports deletes the imports older than a week with their refused
// lines, and returns how many imports went.
func (s *Service) PruneImports(ctx context.Context) (int64, error) {
	before := s.now().Add(-importErrorsKept)
	var ids []int64
	if err := s.read(ctx).Model(&resultImport{}).Where("imported_at < ?", before).Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		if err := tx.Where("import_id IN ?", ids).Delete(&resultImportError{}).Error; err != nil {
			return err
		}
		return tx.Where("id IN ?", ids).Delete(&resultImport{}).Error
	})
	return int64(len(ids)), err
}
