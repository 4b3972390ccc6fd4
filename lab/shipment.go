package lab

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ShipmentStatus is where a box of tubes stands.
type ShipmentStatus string

// Shipment statuses: packed at the station, then dispatched to the lab
// (arrived, when the lab has every tube: shipment_list.go).
const (
	ShipmentPacked     ShipmentStatus = "packed"
	ShipmentDispatched ShipmentStatus = "dispatched"
)

// Shipment is a station's box of collected tubes and its manifest.
type Shipment struct {
	ID           int64          `json:"id" gorm:"primaryKey"`
	StationID    int64          `json:"station_id"`
	Status       ShipmentStatus `json:"status"`
	CreatedBy    *int64         `json:"created_by"`
	CreatedAt    time.Time      `json:"created_at"`
	DispatchedBy *int64         `json:"dispatched_by,omitempty"`
	DispatchedAt *time.Time     `json:"dispatched_at,omitempty"`
	// TubesChangedAt is when a tube of the dispatched box last changed at
	// the lab (touchBoxSQL).
	TubesChangedAt *time.Time `json:"-"`
}

type shipmentItem struct {
	ID         int64 `gorm:"primaryKey"`
	ShipmentID int64
	SampleID   int64
	ScannedAt  *time.Time
	ScannedBy  *int64
}

type shipmentScan struct {
	ID         int64 `gorm:"primaryKey"`
	ShipmentID int64
	Accession  string
	ScannedAt  time.Time
	ScannedBy  *int64
}

// ManifestLine is one tube of a shipment and whether the lab scanned it.
type ManifestLine struct {
	Accession string       `json:"accession"`
	Status    SampleStatus `json:"status"`
	ScannedAt *time.Time   `json:"scanned_at"`
}

// ShipmentDetail is a shipment reconciled: its manifest, the tubes on it
// not scanned at the lab (missing) and the tubes scanned that are not on it
// (unexpected).
type ShipmentDetail struct {
	Shipment
	Items      []ManifestLine `json:"items"`
	Missing    []string       `json:"missing"`
	Unexpected []string       `json:"unexpected"`
}

// CreateShipment packs collected tubes of the actor's station into a new
// shipment. Every code must be a collected tube of one station, on no other
// shipment; each bad one is named (CodeValidation, field accessions[i]).
// Nurses and admins.
func (s *Service) CreateShipment(ctx context.Context, accessions []string) (*ShipmentDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	if len(accessions) == 0 {
		v.Add("accessions", "required", "the tubes in the box")
	}
	if len(accessions) > 1000 {
		v.Add("accessions", "too_many", "at most 1,000 tubes a shipment")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *txDB) error {
		v = Validation{}
		var samples []*Sample
		seen := map[string]bool{}
		codes := make([]string, len(accessions))
		for i, raw := range accessions {
			codes[i], _ = ParseAccession(raw)
		}
		// Lock every tube in id order first, so that overlapping shipments
		// packed at once queue instead of deadlocking.
		var rows []*Sample
		if err := tx.Clauses(lockForUpdate).Where("accession IN ?", codes).Order("id").Find(&rows).Error; err != nil {
			return err
		}
		byCode := map[string]*Sample{}
		for _, sm := range rows {
			if ActorFrom(ctx).canSeeStation(sm.StationID) {
				byCode[sm.Accession] = sm
			}
		}
		for i, acc := range codes {
			field := fmt.Sprintf("accessions[%d]", i)
			if acc == "" {
				v.Add(field, "bad_accession", "not an accession code")
				continue
			}
			if seen[acc] {
				v.Add(field, "duplicate", "listed twice")
				continue
			}
			seen[acc] = true
			sm := byCode[acc]
			switch {
			case sm == nil:
				v.Add(field, "not_found", "no such tube at your station")
				continue
			case sm.Status != SampleCollected:
				v.Add(field, "not_collected", "the tube is "+string(sm.Status))
				continue
			case sm.ShipmentID != nil:
				v.Add(field, "on_another_shipment", fmt.Sprintf("already on shipment %d", *sm.ShipmentID))
				continue
			case len(samples) > 0 && sm.StationID != samples[0].StationID:
				v.Add(field, "other_station", "a shipment holds one station's tubes")
				continue
			}
			samples = append(samples, sm)
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := tx.now
		sh := Shipment{StationID: samples[0].StationID, Status: ShipmentPacked, CreatedAt: now}
		if a.UserID != 0 {
			sh.CreatedBy = &a.UserID
		}
		if err := tx.Create(&sh).Error; err != nil {
			return err
		}
		id = sh.ID
		ids := make([]int64, len(samples))
		items := make([]shipmentItem, len(samples))
		for i, sm := range samples {
			ids[i] = sm.ID
			items[i] = shipmentItem{ShipmentID: sh.ID, SampleID: sm.ID}
		}
		if err := tx.CreateInBatches(items, 500).Error; err != nil {
			return err
		}
		if err := tx.Model(&Sample{}).Where("id IN ?", ids).Updates(map[string]any{"shipment_id": sh.ID, "updated_at": now}).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "shipment.create", "shipment", sh.ID, map[string]any{"accessions": keys(seen), "station_id": sh.StationID})
	})
	if err != nil {
		return nil, err
	}
	return s.GetShipment(ctx, id)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (s *Service) loadShipment(ctx context.Context, db *gorm.DB, id int64) (*Shipment, error) {
	var sh Shipment
	if err := db.First(&sh, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("shipment")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(sh.StationID) {
		return nil, notFound("shipment")
	}
	return &sh, nil
}

// DispatchShipment sends a packed shipment: its tubes become shipped.
// Nurses and admins. CodeNotFound, CodeInvalidState.
func (s *Service) DispatchShipment(ctx context.Context, id int64) (*ShipmentDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		sh, err := s.loadShipment(ctx, tx.Clauses(lockForUpdate), id)
		if err != nil {
			return err
		}
		if sh.Status != ShipmentPacked {
			return invalidState("shipment", string(sh.Status), "dispatch")
		}
		now := tx.now
		if err := tx.Model(&Shipment{}).Where("id = ?", id).
			Updates(map[string]any{"status": ShipmentDispatched, "dispatched_at": now, "dispatched_by": nilIfZero(a.UserID)}).Error; err != nil {
			return err
		}
		var samples []Sample
		if err := tx.Where("shipment_id = ? AND status = ?", id, SampleCollected).Find(&samples).Error; err != nil {
			return err
		}
		for _, sm := range samples {
			if err := tx.Model(&Sample{}).Where("id = ?", sm.ID).Updates(map[string]any{"status": SampleShipped, "updated_at": now}).Error; err != nil {
				return err
			}
			if err := s.addEvent(ctx, tx, sm.ID, EventShipped, fmt.Sprintf("shipment %d", id)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, "shipment.dispatch", "shipment", id, map[string]any{"tubes": len(samples)})
	})
	if err != nil {
		return nil, err
	}
	return s.GetShipment(ctx, id)
}

// ScanShipment records a tube scanned out of a dispatched shipment at the
// lab, and receives it (ReceiveSample's rules). A tube not on the manifest
// is listed as unexpected, and received too if it is a tube at all: it is
// in the lab's hands. Lab technicians and admins. CodeBadAccession,
// CodeNotFound, CodeInvalidState (the shipment is not dispatched).
func (s *Service) ScanShipment(ctx context.Context, id int64, rawAccession string) (*ShipmentDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		// The box first, then its tube (receiving.go, "Every change of a
		// dispatched box's tubes").
		sh, err := s.loadShipment(ctx, tx.Clauses(lockForUpdate), id)
		if err != nil {
			return err
		}
		if sh.Status != ShipmentDispatched {
			return invalidState("shipment", string(sh.Status), "scan")
		}
		now := tx.now
		var sm Sample
		err = tx.Where("accession = ?", acc).First(&sm).Error
		if err != nil && !isNotFound(err) {
			return err
		}
		onManifest := err == nil && sm.ShipmentID != nil && *sm.ShipmentID == id
		if onManifest {
			if err := tx.Model(&shipmentItem{}).Where("shipment_id = ? AND sample_id = ? AND scanned_at IS NULL", id, sm.ID).
				Updates(map[string]any{"scanned_at": now, "scanned_by": nilIfZero(a.UserID)}).Error; err != nil {
				return err
			}
		} else {
			var n int64
			if err := tx.Model(&shipmentScan{}).Where("shipment_id = ? AND accession = ?", id, acc).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				if err := tx.Create(&shipmentScan{ShipmentID: id, Accession: acc, ScannedAt: now, ScannedBy: nilIfZero(a.UserID)}).Error; err != nil {
					return err
				}
			}
		}
		if sm.ID != 0 && sm.Status != SampleRejected {
			if _, _, err := s.receive(ctx, tx, acc); err != nil {
				return err
			}
		}
		if err := s.audit(ctx, tx, "shipment.scan", "shipment", id, map[string]any{"accession": acc, "on_manifest": onManifest}); err != nil {
			return err
		}
		// A rejected tube scanned out of the box counts as in the lab's hands too.
		return s.arriveIfComplete(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	return s.GetShipment(ctx, id)
}

// GetShipment returns a shipment reconciled against the lab's scans.
func (s *Service) GetShipment(ctx context.Context, id int64) (*ShipmentDetail, error) {
	db := s.read(ctx)
	sh, err := s.loadShipment(ctx, db, id)
	if err != nil {
		return nil, err
	}
	d := &ShipmentDetail{Shipment: *sh, Items: []ManifestLine{}, Missing: []string{}, Unexpected: []string{}}
	err = db.Table("shipment_items").
		Select("samples.accession, samples.status, shipment_items.scanned_at").
		Joins("JOIN samples ON samples.id = shipment_items.sample_id").
		Where("shipment_items.shipment_id = ?", id).Order("samples.accession").Scan(&d.Items).Error
	if err != nil {
		return nil, err
	}
	for _, it := range d.Items {
		if it.ScannedAt == nil && sh.Status == ShipmentDispatched {
			d.Missing = append(d.Missing, it.Accession)
		}
	}
	if err := db.Model(&shipmentScan{}).Where("shipment_id = ?", id).Order("accession").Pluck("accession", &d.Unexpected).Error; err != nil {
		return nil, err
	}
	return d, nil
}

func nilIfZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
