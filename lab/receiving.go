package lab

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"torchlab/migrations"
)

// RejectReason says why a tube cannot be tested (domain.md §0, §4).
type RejectReason string

// The rejection reasons.
const (
	RejectHemolyzed    RejectReason = "hemolyzed"
	RejectInsufficient RejectReason = "insufficient"
	RejectUnlabeled    RejectReason = "unlabeled"
	RejectMislabeled   RejectReason = "mislabeled"
	RejectExpired      RejectReason = "expired"
	RejectOther        RejectReason = "other"
)

var rejectReasons = []RejectReason{RejectHemolyzed, RejectInsufficient, RejectUnlabeled, RejectMislabeled, RejectExpired, RejectOther}

// Receipt is what scanning a tube at the lab did.
type Receipt string

// The outcomes of a scan at the lab.
const (
	Received        Receipt = "received"
	AlreadyReceived Receipt = "already_received"
	// RejectedExpired: older than the specimen stability limit at receipt.
	RejectedExpired Receipt = "rejected_expired"
)

// Recollection asks a woman's station to draw her blood again after her
// tube was rejected. It is open until the redraw is collected; while her
// redraw is booked (and not cancelled or missed) it shows the booking.
type Recollection struct {
	ID            int64      `json:"id" gorm:"primaryKey"`
	SampleID      int64      `json:"-"`
	ClientID      int64      `json:"client_id"`
	StationID     int64      `json:"station_id"`
	Reason        string     `json:"reason"`
	Note          string     `json:"note,omitempty"`
	CreatedBy     *int64     `json:"created_by"`
	CreatedAt     time.Time  `json:"created_at"`
	AppointmentID *int64     `json:"appointment_id"`
	ClosedAt      *time.Time `json:"closed_at,omitempty"`
}

// ReceiveSample records that a tube reached the lab. Scanning it again is
// harmless (AlreadyReceived). A tube older than the specimen stability
// setting at receipt is rejected as expired instead, which asks her
// station for a redraw. Lab technicians and admins. CodeBadAccession,
// CodeNotFound, CodeInvalidState (a rejected tube).
//
// On MySQL a receipt is two round trips: START TRANSACTION with the read
// of the tube and all its rules need (tubeForReceipt), then its writes
// with the COMMIT (write_batch.go).
func (s *Service) ReceiveSample(ctx context.Context, rawAccession string) (*Sample, Receipt, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, "", err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, "", err
	}
	var sm *Sample
	var receipt Receipt
	err = s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		sm, receipt, err = s.receiveInto(ctx, tx, b, acc)
		return err
	}, nil)
	return sm, receipt, err
}

// receive is ReceiveSample inside a transaction, its writes run at once
// (scanning a shipment uses it).
func (s *Service) receive(ctx context.Context, tx *txDB, acc string) (*Sample, Receipt, error) {
	var b writeBatch
	sm, receipt, err := s.receiveInto(ctx, tx, &b, acc)
	if err != nil {
		return nil, "", err
	}
	return sm, receipt, b.runEach(tx)
}

// receiptFacts is what receiving a tube reads with it (tubeForReceipt).
type receiptFacts struct {
	// ReferenceVersion is the reference data's (reference_cache.go).
	ReferenceVersion int64
	// ShipmentStatus is her box's, "" when the tube travelled alone.
	ShipmentStatus string
	// OthersOnTheWay counts the box's other tubes neither scanned at the
	// lab nor received or rejected: with none, this tube closes the box.
	OthersOnTheWay int64
}

// Every change of a dispatched box's tubes (receive, reject, scan) locks
// the box's row first, then the tube's: the changes of one box's tubes
// queue on the box, in one order, so they never deadlock each other. Each
// then counts the box's tubes still on the way with a locking read, which
// sees the latest committed rows, where the transaction's snapshot
// (REPEATABLE READ) may be older than its wait for the box: of the last
// two tubes taken in at once, the second sees the first one in, and closes
// the box. SQLite runs one transaction at a time and takes no row locks.

// touchBoxSQL writes a dispatched box's row when one of its tubes changes
// and the box stays on the way. Row locks hold on one node of a Galera
// cluster only: two changes of one box's tubes made through two nodes at
// once would each count the other's tube still on the way, and leave the
// box dispatched for good. Both writing the box's row, they conflict at
// certification, and the later runs again and sees the other's tube in
// (migration 00044).
const touchBoxSQL = "UPDATE shipments SET tubes_changed_at = ? WHERE id = ? AND status = ?"

// arriveBoxSQL closes a dispatched box as arrived, its last tube in; it
// writes the box's row as touchBoxSQL does.
const arriveBoxSQL = "UPDATE shipments SET status = ?, tubes_changed_at = ? WHERE id = ? AND status = ?"

// lockBoxOfSQL locks the box of the tube with a given code, found without
// locking the tube (a subquery of a locking read is not locked unless it
// says so). It answers no rows (INTO), so it can precede a read in one
// query. MySQL only.
const lockBoxOfSQL = `SELECT id FROM shipments WHERE id = (SELECT shipment_id FROM samples WHERE accession = ?) FOR UPDATE INTO @locked_box`

// lockBoxOf locks the box of the tube with this code, if it travels in one
// and this is MySQL, before the tube itself is locked.
func (s *Service) lockBoxOf(tx *txDB, acc string) error {
	if s.db.Dialect != migrations.MySQL {
		return nil
	}
	_, err := execDirect(tx, lockBoxOfSQL, acc)
	return err
}

// tubeForReceipt reads a tube the actor may see (CodeNotFound), locked
// until tx ends, with its receiptFacts, in one query: its box locked
// first (lockBoxOfSQL), then the tube and, by the counting subquery, the
// box's other tubes. Scalar subqueries, not joins, so that each says
// whether it locks: the reference version is not locked.
func (s *Service) tubeForReceipt(ctx context.Context, tx *txDB, acc string) (*Sample, *receiptFacts, error) {
	var row struct {
		Sample           `gorm:"embedded"`
		ReferenceVersion int64
		ShipmentStatus   string
		OthersOnTheWay   int64
	}
	lock, args := "", []any{SampleCollected, SampleShipped, acc}
	query := `SELECT samples.*, ` + referenceVersionSQL + ` AS reference_version,
			COALESCE((SELECT status FROM shipments WHERE shipments.id = samples.shipment_id%[1]s), '') AS shipment_status,
			(SELECT COUNT(*) FROM shipment_items JOIN samples AS others ON others.id = shipment_items.sample_id
				WHERE shipment_items.shipment_id = samples.shipment_id AND shipment_items.sample_id <> samples.id
				AND shipment_items.scanned_at IS NULL AND others.status IN (?, ?)%[1]s) AS others_on_the_way
		FROM samples WHERE samples.accession = ?%[1]s`
	if s.db.Dialect == migrations.MySQL {
		lock = " FOR UPDATE"
		if s.batching() {
			query = lockBoxOfSQL + ";\n" + query
			args = append([]any{acc}, args...)
		} else if err := s.lockBoxOf(tx, acc); err != nil {
			// A Galera node takes no multi-statement query (write_batch.go):
			// the box's lock is a statement of its own there.
			return nil, nil, err
		}
	}
	res := tx.Raw(fmt.Sprintf(query, lock), args...).Scan(&row)
	if res.Error == nil && (res.RowsAffected == 0 || !ActorFrom(ctx).canSeeStation(row.StationID)) {
		return nil, nil, notFound("sample")
	}
	if res.Error != nil {
		return nil, nil, res.Error
	}
	return &row.Sample, &receiptFacts{row.ReferenceVersion, row.ShipmentStatus, row.OthersOnTheWay}, nil
}

// receiveInto is ReceiveSample's decision in tx, its writes queued in b.
// A tube too old is rejected at once, in tx (reject).
func (s *Service) receiveInto(ctx context.Context, tx *txDB, b *writeBatch, acc string) (*Sample, Receipt, error) {
	sm, f, err := s.tubeForReceipt(ctx, tx, acc)
	if err != nil {
		return nil, "", err
	}
	switch sm.Status {
	case SampleReceived, SampleResulted, SampleReleased:
		return sm, AlreadyReceived, nil
	case SampleRejected:
		return nil, "", invalidState("sample", string(sm.Status), "receive")
	}
	ref, err := s.reference(tx, f.ReferenceVersion)
	if err != nil {
		return nil, "", err
	}
	now := tx.now
	stability := ref.settings.SpecimenStabilityDays
	if age := now.Sub(sm.CollectedAt); age > time.Duration(stability)*24*time.Hour {
		note := fmt.Sprintf("%.1f days old at receipt; serum keeps %d days at 2–8 °C", age.Hours()/24, stability)
		if err := s.reject(ctx, tx, sm, RejectExpired, note); err != nil {
			return nil, "", err
		}
		return sm, RejectedExpired, nil
	}
	a := ActorFrom(ctx)
	from := sm.Status
	sm.Status, sm.ReceivedAt, sm.UpdatedAt = SampleReceived, &now, now
	if a.UserID != 0 {
		sm.ReceivedBy = &a.UserID
	}
	b.execChecked(func(*txDB) error { return fmt.Errorf("sample %d changed under its row lock", sm.ID) },
		"UPDATE samples SET status = ?, received_at = ?, received_by = ?, updated_at = ? WHERE id = ? AND status = ?",
		sm.Status, sm.ReceivedAt, sm.ReceivedBy, sm.UpdatedAt, sm.ID, from)
	s.queueEvent(ctx, tx, b, sm.ID, EventReceived, "")
	// A tube of a shipment received by itself has arrived all the same: it
	// is no longer missing from its manifest.
	if sm.ShipmentID != nil {
		b.exec("UPDATE shipment_items SET scanned_at = ?, scanned_by = ? WHERE shipment_id = ? AND sample_id = ? AND scanned_at IS NULL",
			now, nilIfZero(a.UserID), *sm.ShipmentID, sm.ID)
	}
	if err := s.queueAudit(ctx, tx, b, "sample.receive", "sample", sm.Accession, map[string]any{"status": Change{from, SampleReceived}}); err != nil {
		return nil, "", err
	}
	// The last tube of a dispatched box in closes the box as arrived; any
	// other writes the box's row (touchBoxSQL).
	if sm.ShipmentID != nil && f.ShipmentStatus == string(ShipmentDispatched) {
		if f.OthersOnTheWay > 0 {
			b.exec(touchBoxSQL, now, *sm.ShipmentID, ShipmentDispatched)
		} else {
			b.exec(arriveBoxSQL, ShipmentArrived, now, *sm.ShipmentID, ShipmentDispatched)
			if err := s.queueAudit(ctx, tx, b, "shipment.arrive", "shipment", *sm.ShipmentID,
				map[string]any{"status": Change{ShipmentDispatched, ShipmentArrived}}); err != nil {
				return nil, "", err
			}
		}
	}
	return sm, Received, nil
}

// RejectSample rejects a tube that cannot be tested, which asks her
// station for a redraw (a recollection request). reason is one of
// hemolyzed, insufficient, unlabeled, mislabeled, expired, other; "other"
// needs a note. Lab technicians and admins. CodeBadAccession, CodeNotFound,
// CodeInvalidState (resulted, released or already rejected), CodeValidation.
func (s *Service) RejectSample(ctx context.Context, rawAccession string, reason RejectReason, note string) (*Sample, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	var v Validation
	note = v.text("note", note, severalLines)
	known := false
	for _, r := range rejectReasons {
		known = known || r == reason
	}
	switch {
	case !known:
		v.Add("reason", "invalid", "hemolyzed, insufficient, unlabeled, mislabeled, expired or other")
	case reason == RejectOther && note == "":
		v.Add("note", "required", "say what is wrong with the tube")
	}
	if utf8.RuneCountInString(note) > 500 {
		v.Add("note", "too_long", "at most 500 characters")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var sm *Sample
	err = s.inTx(ctx, func(tx *txDB) error {
		if err := s.lockBoxOf(tx, acc); err != nil {
			return err
		}
		if sm, err = s.loadSample(ctx, tx.DB, acc, true); err != nil {
			return err
		}
		switch sm.Status {
		case SampleCollected, SampleShipped, SampleReceived:
		default:
			return invalidState("sample", string(sm.Status), "reject")
		}
		return s.reject(ctx, tx, sm, reason, note)
	})
	if err != nil {
		return nil, err
	}
	return sm, nil
}

// reject marks the sample rejected and opens the recollection request, with
// the event and the audit row.
func (s *Service) reject(ctx context.Context, tx *txDB, sm *Sample, reason RejectReason, note string) error {
	a := ActorFrom(ctx)
	now := tx.now
	from := sm.Status
	sm.Status, sm.RejectedAt, sm.RejectReason, sm.RejectNote, sm.UpdatedAt = SampleRejected, &now, string(reason), note, now
	if a.UserID != 0 {
		sm.RejectedBy = &a.UserID
	}
	if err := tx.Save(sm).Error; err != nil {
		return err
	}
	rc := Recollection{SampleID: sm.ID, ClientID: sm.ClientID, StationID: sm.StationID,
		Reason: string(reason), Note: note, CreatedAt: now}
	if a.UserID != 0 {
		rc.CreatedBy = &a.UserID
	}
	if err := tx.Create(&rc).Error; err != nil {
		return err
	}
	if err := s.addEvent(ctx, tx, sm.ID, EventRejected, strings.TrimSpace(string(reason)+" "+note)); err != nil {
		return err
	}
	var nurses []int64
	if err := tx.Model(&User{}).Where("role = ? AND active = ? AND station_id = ?", RoleNurse, true, sm.StationID).
		Order("id").Pluck("id", &nurses).Error; err != nil {
		return err
	}
	if err := s.notify(tx, nurses, NotifySampleRejected, nil, &sm.ID,
		"tube "+sm.Accession+" was rejected ("+string(reason)+"): book her redraw", map[string]any{"accession": sm.Accession, "reason": reason}); err != nil {
		return err
	}
	if err := s.auditKey(ctx, tx, "sample.reject", "sample", sm.Accession, map[string]any{
		"status": Change{from, SampleRejected}, "reason": reason, "note": note, "recollection_id": rc.ID}); err != nil {
		return err
	}
	// A tube rejected on arrival is no longer on the way: its box may be complete.
	if sm.ShipmentID != nil {
		return s.arriveIfComplete(ctx, tx, *sm.ShipmentID)
	}
	return nil
}

// RecollectionFilter selects recollection requests.
type RecollectionFilter struct {
	StationID *int64
	// Open keeps the requests still waiting for a redraw booking.
	Open bool
	Page Page
}

// RecollectionView is a request with who it is for.
type RecollectionView struct {
	Recollection
	ClientName string `json:"client_name"`
	NationalID string `json:"national_id"`
	Accession  string `json:"rejected_accession"`
	Booked     bool   `json:"booked"`
}

// ListRecollections lists redraw requests, oldest first: for nurses and
// counselors their station's. With Open, only those not collected and
// without a live booking (none, or cancelled or missed).
func (s *Service) ListRecollections(ctx context.Context, f RecollectionFilter) (List[RecollectionView], error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleCounselor, RoleAdmin); err != nil {
		return List[RecollectionView]{}, err
	}
	limit, _, err := Page{Limit: f.Page.Limit, Offset: f.Page.Offset}.check()
	if err != nil {
		return List[RecollectionView]{}, err
	}
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[RecollectionView]{}, err
	}
	q := s.read(ctx).Table("recollections").
		Select("recollections.*, clients.name AS client_name, clients.national_id_masked AS national_id, " +
			"samples.accession AS accession, (appointments.id IS NOT NULL AND appointments.status IN ('booked', 'checked_in')) AS booked").
		Joins("JOIN clients ON clients.id = recollections.client_id").
		Joins("JOIN samples ON samples.id = recollections.sample_id").
		Joins("LEFT JOIN appointments ON appointments.id = recollections.appointment_id")
	if station != nil {
		q = q.Where("recollections.station_id = ?", *station)
	}
	if f.Open {
		q = q.Where("recollections.closed_at IS NULL AND (appointments.id IS NULL OR appointments.status IN ?)",
			[]AppointmentStatus{Cancelled, NoShow})
	}
	rows := []RecollectionView{}
	if err := q.Session(&freshStatement).Order("recollections.id").Limit(limit).Offset(f.Page.Offset).Scan(&rows).Error; err != nil {
		return List[RecollectionView]{}, err
	}
	total, err := totalOf(f.Page.Offset, len(rows), limit, q.Session(&freshStatement))
	if err != nil {
		return List[RecollectionView]{}, err
	}
	return List[RecollectionView]{Items: rows, Total: &total}, nil
}

// recollectionOpenFor reports whether the request is hers, not collected,
// and has no live booking, so a redraw may be booked from it.
func (s *Service) recollectionOpenFor(tx *txDB, id, clientID int64) (bool, error) {
	var n int64
	err := tx.Table("recollections").
		Joins("LEFT JOIN appointments ON appointments.id = recollections.appointment_id").
		Where("recollections.id = ? AND recollections.client_id = ? AND recollections.closed_at IS NULL", id, clientID).
		Where("appointments.id IS NULL OR appointments.status IN ?", []AppointmentStatus{Cancelled, NoShow}).
		Count(&n).Error
	return n == 1, err
}
