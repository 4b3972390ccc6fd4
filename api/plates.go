package api

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// runPlate answers a run's plate layout.
func (s *Server) runPlate(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	p, err := s.svc.RunPlate(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// setRunPlateLayout stores the layout of a run's plate.
func (s *Server) setRunPlateLayout(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var l lab.PlateLayout
	if !bindJSON(c, &l) {
		return
	}
	p, err := s.svc.SetRunPlateLayout(c.Request.Context(), id, l)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// runPlateCSV answers the plate map for the reader's software: one well a
// line in column order.
func (s *Server) runPlateCSV(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	p, err := s.svc.RunPlate(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="run-`+strconv.FormatInt(id, 10)+`-plate.csv"`)
	c.Status(http.StatusOK)
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"well", "row", "column", "kind", "accession"})
	for _, well := range p.Wells {
		_ = w.Write([]string{well.Well, well.Well[:1], well.Well[1:], well.Kind, well.Accession})
	}
	w.Flush()
}

// maxODBody bounds an OD upload, multipart framing included.
const maxODBody = lab.MaxODFile + 16<<10

// readRunPlate reads the reader's OD file (text/csv, or the multipart field
// "file"); the kit's formula and whether to enter the values come in the
// query.
func (s *Server) readRunPlate(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	in, ok := plateODInput(c)
	if !ok {
		return
	}
	body, ok := uploadedFile(c, maxODBody, "the reader's OD file")
	if !ok {
		return
	}
	defer body.Close()
	out, err := s.svc.ReadRunPlate(c.Request.Context(), id, body, in)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

// plateODInput reads the query: analyte, enter, and the kit's formula
// (factor, scale, decimals and the validity limits), each defaulting to
// lab.DefaultKitFormula's.
func plateODInput(c *gin.Context) (lab.PlateODInput, bool) {
	in := lab.PlateODInput{Analyte: c.Query("analyte"), Enter: c.Query("enter") == "true"}
	k := lab.DefaultKitFormula()
	var v lab.Validation
	num := func(name string, dst **float64) {
		s, ok := c.GetQuery(name)
		if !ok {
			return
		}
		if s == "" {
			*dst = nil
			return
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			v.Add(name, "invalid", "a number")
			return
		}
		*dst = &x
	}
	pos := func(name string, dst *float64) {
		var p *float64
		num(name, &p)
		if p != nil {
			*dst = *p
		}
	}
	pos("factor", &k.Factor)
	pos("scale", &k.Scale)
	if s, ok := c.GetQuery("decimals"); ok {
		d, err := strconv.Atoi(s)
		if err != nil {
			v.Add("decimals", "invalid", "0 to 4")
		}
		k.Decimals = d
	}
	num("cutoff_od_min", &k.CutoffODMin)
	num("cutoff_od_max", &k.CutoffODMax)
	num("blank_od_max", &k.BlankODMax)
	num("negative_max", &k.NegativeMax)
	num("positive_min", &k.PositiveMin)
	if err := v.Err(); err != nil {
		fail(c, err)
		return in, false
	}
	in.Formula = &k
	return in, true
}
