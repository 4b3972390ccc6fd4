package lab

import "context"

// ShipmentArrived: every tube of the manifest is in the lab's hands
// (received, or rejected there). The box is closed; its history stays.
const ShipmentArrived ShipmentStatus = "arrived"

// ShipmentFilter selects shipments: one station's (a nurse always sees
// only her own), in one status, newest first.
type ShipmentFilter struct {
	StationID *int64
	Status    ShipmentStatus
	Page      Page
}

// ListShipments lists shipments with their manifests: the lab's incoming
// boxes (status dispatched) and a station's history. Nurses (their own
// station), lab technicians and admins. CodeValidation for an unknown status.
func (s *Service) ListShipments(ctx context.Context, f ShipmentFilter) (List[ShipmentDetail], error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleLabTech, RoleAdmin); err != nil {
		return List[ShipmentDetail]{}, err
	}
	var v Validation
	switch f.Status {
	case "", ShipmentPacked, ShipmentDispatched, ShipmentArrived:
	default:
		v.Add("status", "unknown", "packed, dispatched or arrived")
	}
	if err := v.Err(); err != nil {
		return List[ShipmentDetail]{}, err
	}
	limit, _, err := Page{Limit: f.Page.Limit, Offset: f.Page.Offset}.check()
	if err != nil {
		return List[ShipmentDetail]{}, err
	}
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[ShipmentDetail]{}, err
	}
	q := s.read(ctx).Model(&Shipment{})
	if station != nil {
		q = q.Where("station_id = ?", *station)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var ids []int64
	if err := q.Session(&freshStatement).Order("id DESC").Limit(limit).Offset(f.Page.Offset).Pluck("id", &ids).Error; err != nil {
		return List[ShipmentDetail]{}, err
	}
	total, err := totalOf(f.Page.Offset, len(ids), limit, q.Session(&freshStatement))
	if err != nil {
		return List[ShipmentDetail]{}, err
	}
	items := make([]ShipmentDetail, 0, len(ids))
	for _, id := range ids {
		d, err := s.GetShipment(ctx, id)
		if err != nil {
			return List[ShipmentDetail]{}, err
		}
		items = append(items, *d)
	}
	return List[ShipmentDetail]{Items: items, Total: &total}, nil
}

// arriveIfComplete closes a dispatched shipment as arrived once no tube of
// its manifest is still on the way (every one received or rejected at the
// lab), in the caller's transaction and with its audit row; while some
// are, it writes the box's row (touchBoxSQL). The caller
// holds the shipment's row lock (receiving.go, "Every change of a
// dispatched box's tubes"); the count is a locking read, of the latest rows.
func (s *Service) arriveIfComplete(ctx context.Context, tx *txDB, id int64) error {
	var onTheWay int64
	err := tx.Table("shipment_items").Clauses(lockForUpdate).
		Joins("JOIN samples ON samples.id = shipment_items.sample_id").
		Where("shipment_items.shipment_id = ? AND shipment_items.scanned_at IS NULL AND samples.status IN ?", id, []SampleStatus{SampleCollected, SampleShipped}).
		Count(&onTheWay).Error
	if err != nil {
		return err
	}
	if onTheWay > 0 {
		return tx.Exec(touchBoxSQL, tx.now, id, ShipmentDispatched).Error
	}
	res := tx.Exec(arriveBoxSQL, ShipmentArrived, tx.now, id, ShipmentDispatched)
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	return s.audit(ctx, tx, "shipment.arrive", "shipment", id, map[string]any{"status": Change{ShipmentDispatched, ShipmentArrived}})
}
