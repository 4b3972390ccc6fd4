package lab

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// SampleStatus is where a tube stands (API.md, Enumerations).
type SampleStatus string

// Sample statuses. Results (resulted, released) arrive with the results
// workflow.
const (
	SampleCollected SampleStatus = "collected"
	SampleShipped   SampleStatus = "shipped"
	SampleReceived  SampleStatus = "received"
	SampleResulted  SampleStatus = "resulted"
	SampleReleased  SampleStatus = "released"
	SampleRejected  SampleStatus = "rejected"
)

// Sample is one tube of one woman's blood from one appointment.
type Sample struct {
	ID            int64           `json:"-" gorm:"primaryKey"`
	Accession     string          `json:"accession"`
	ClientID      int64           `json:"client_id"`
	AppointmentID int64           `json:"appointment_id"`
	StationID     int64           `json:"station_id"`
	PanelCode     string          `json:"panel"`
	Kind          AppointmentKind `json:"kind"`
	Status        SampleStatus    `json:"status"`
	CollectedBy   *int64          `json:"collected_by"`
	CollectedAt   time.Time       `json:"collected_at"`
	ShipmentID    *int64          `json:"shipment_id"`
	ReceivedBy    *int64          `json:"received_by,omitempty"`
	ReceivedAt    *time.Time      `json:"received_at,omitempty"`
	RejectedBy    *int64          `json:"rejected_by,omitempty"`
	RejectedAt    *time.Time      `json:"rejected_at,omitempty"`
	RejectReason  string          `json:"reject_reason,omitempty"`
	RejectNote    string          `json:"reject_note,omitempty"`
	LabelsPrinted int             `json:"labels_printed"`
	ReportVersion int             `json:"report_version"`
	Abnormal      bool            `json:"abnormal"`
	VerifiedBy    *int64          `json:"verified_by,omitempty"`
	// ReleasedAt is the newest report version's release; FirstReleasedAt
	// the first, which an amendment never moves (turnaround counts to it).
	ReleasedAt      *time.Time `json:"released_at,omitempty"`
	FirstReleasedAt *time.Time `json:"first_released_at,omitempty"`
	UpdatedAt       time.Time  `json:"updated_at" gorm:"autoUpdateTime:false"`
}

func (sm *Sample) key() int64 { return sm.ID }

// SampleEvent is one step of a tube's chain of custody.
type SampleEvent struct {
	ID            int64     `json:"-" gorm:"primaryKey"`
	SampleID      int64     `json:"-"`
	Event         string    `json:"event"`
	At            time.Time `json:"at"`
	ActorID       *int64    `json:"actor_id"`
	ActorUsername string    `json:"actor"`
	Detail        string    `json:"detail,omitempty"`
}

// The custody events.
const (
	EventCollected     = "collected"
	EventLabelPrinted  = "label_printed"
	EventLabelReprint  = "label_reprinted"
	EventShipped       = "shipped"
	EventReceived      = "received"
	EventRejected      = "rejected"
	EventScannedInShip = "scanned"
)

// addEvent records a custody event in tx.
func (s *Service) addEvent(ctx context.Context, tx *txDB, sampleID int64, event, detail string) error {
	a := ActorFrom(ctx)
	e := SampleEvent{SampleID: sampleID, Event: event, At: tx.now, ActorUsername: a.Username, Detail: truncate(detail, 500)}
	if a.UserID != 0 {
		e.ActorID = &a.UserID
	}
	return tx.Create(&e).Error
}

// queueEvent is addEvent for a writeBatch; sampleID is the sample's id
// (an int64) or insertedID{} for the sample the batch inserted last.
func (s *Service) queueEvent(ctx context.Context, tx *txDB, b *writeBatch, sampleID any, event, detail string) {
	a := ActorFrom(ctx)
	var actor *int64
	if a.UserID != 0 {
		actor = &a.UserID
	}
	b.exec(eventInsert, sampleID, event, tx.now, actor, a.Username, truncate(detail, 500))
}

// queueEventRow queues an event made in Go, for a use case that shows
// the event it writes.
func queueEventRow(b *writeBatch, e SampleEvent) {
	b.exec(eventInsert, e.SampleID, e.Event, e.At, e.ActorID, e.ActorUsername, e.Detail)
}

const eventInsert = "INSERT INTO sample_events (sample_id, event, at, actor_id, actor_username, detail) VALUES (?, ?, ?, ?, ?, ?)"

// collectable checks that the appointment can be drawn with the panel:
// visible to the actor (CodeNotFound), checked in (CodeInvalidState), her
// consent on record (CodeNoConsent), a known panel (CodeValidation). With
// lock, the appointment's row stays locked until db's transaction ends.
func (s *Service) collectable(ctx context.Context, db *gorm.DB, appointmentID int64, panel string, lock bool) (*Appointment, *Panel, error) {
	ap, f, err := s.appointmentForMove(ctx, db, appointmentID, lock)
	if err != nil {
		return nil, nil, err
	}
	if _, err := nextStatus(ap.Status, "collect"); err != nil {
		return nil, nil, err
	}
	if !f.ConsentGiven {
		return nil, nil, consentWithdrawn()
	}
	p, err := s.panel(db, panel)
	if err != nil {
		return nil, nil, err
	}
	return ap, p, nil
}

// CollectSample records the blood draw of a checked-in appointment: a sample
// with the next accession code and the panel (the default panel when
// empty), and the appointment becomes collected. A redraw closes its
// recollection request. Nurses and admins. CodeNotFound, CodeInvalidState
// (the appointment is not checked in), CodeValidation (unknown panel).
func (s *Service) CollectSample(ctx context.Context, appointmentID int64, panel string) (*Sample, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	// A refused collection changes nothing, the sequence included: the
	// checks run first on a plain read, before the number is taken, and
	// again in the transaction under the appointment's lock. Only a
	// collection that loses a race between the two leaves a gap.
	if _, _, err := s.collectable(ctx, s.read(ctx), appointmentID, panel, false); err != nil {
		return nil, err
	}
	acc, err := s.takeAccession(ctx)
	if err != nil {
		return nil, err
	}
	var sm Sample
	var smAt int
	err = s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		ap, p, err := s.collectable(ctx, tx.DB, appointmentID, panel, true)
		if err != nil {
			return err
		}
		now := tx.now
		b.execChecked(func(*txDB) error { return fmt.Errorf("appointment %d changed under its row lock", ap.ID) },
			"UPDATE appointments SET status = ?, open_client_id = NULL, collected_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			Collected, now, now, ap.ID, CheckedIn)
		sm = Sample{
			Accession: acc, ClientID: ap.ClientID, AppointmentID: ap.ID, StationID: ap.StationID,
			PanelCode: p.Code, Kind: ap.Kind, Status: SampleCollected, CollectedAt: now, UpdatedAt: now,
		}
		if a.UserID != 0 {
			sm.CollectedBy = &a.UserID
		}
		smAt = queueSample(b, &sm)
		s.queueEvent(ctx, tx, b, insertedID{}, EventCollected, "panel "+p.Code)
		if ap.RecollectionID != nil {
			b.exec("UPDATE recollections SET closed_at = ? WHERE id = ?", now, *ap.RecollectionID)
		}
		if err := s.retestDrawn(ctx, tx, ap, sm.Accession); err != nil {
			return err
		}
		return s.queueAudit(ctx, tx, b, "sample.collect", "sample", sm.Accession, map[string]any{
			"appointment_id": ap.ID, "client_id": ap.ClientID, "panel": p.Code, "kind": ap.Kind})
	}, func(b *writeBatch) { sm.ID = b.insertedIDOf(smAt) })
	if isDuplicate(err) { // her tube was drawn meanwhile
		return nil, invalidState("appointment", string(Collected), "collect")
	}
	if err != nil {
		return nil, err
	}
	return &sm, nil
}

// sampleColumns are the columns queueSample writes: every column of
// Sample but its id (a test holds the list to the model).
const sampleColumns = `accession, client_id, appointment_id, station_id, panel_code, kind, status, collected_by,
	collected_at, shipment_id, received_by, received_at, rejected_by, rejected_at, reject_reason, reject_note,
	labels_printed, report_version, abnormal, verified_by, released_at, first_released_at, updated_at`

// queueSample queues a new sample's INSERT in b and returns the
// statement's index, whose insertedIDOf is the sample's id.
func queueSample(b *writeBatch, sm *Sample) int {
	return b.exec(`INSERT INTO samples (`+sampleColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sm.Accession, sm.ClientID, sm.AppointmentID, sm.StationID, sm.PanelCode, sm.Kind, sm.Status, sm.CollectedBy,
		sm.CollectedAt, sm.ShipmentID, sm.ReceivedBy, sm.ReceivedAt, sm.RejectedBy, sm.RejectedAt, sm.RejectReason, sm.RejectNote,
		sm.LabelsPrinted, sm.ReportVersion, sm.Abnormal, sm.VerifiedBy, sm.ReleasedAt, sm.FirstReleasedAt, sm.UpdatedAt)
}

// loadSample finds a sample by a code that passed ParseAccession, within
// the actor's station scope (CodeNotFound otherwise).
func (s *Service) loadSample(ctx context.Context, db *gorm.DB, accession string, lock bool) (*Sample, error) {
	var sm Sample
	q := db.Where("accession = ?", accession)
	if lock {
		q = q.Clauses(lockForUpdate)
	}
	if err := q.First(&sm).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("sample")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(sm.StationID) {
		return nil, notFound("sample")
	}
	return &sm, nil
}

// lockSamples locks the samples with these codes in id order (MySQL) and
// returns them by code; a code that is not a sample in the actor's scope is
// CodeNotFound.
func (s *Service) lockSamples(ctx context.Context, tx *txDB, codes []string) (map[string]*Sample, error) {
	var rows []*Sample
	if err := tx.Clauses(lockForUpdate).Where("accession IN ?", codes).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]*Sample{}
	for _, sm := range rows {
		if ActorFrom(ctx).canSeeStation(sm.StationID) {
			out[sm.Accession] = sm
		}
	}
	for _, c := range codes {
		if out[c] == nil {
			return nil, Errorf(CodeNotFound, "no sample %s", c)
		}
	}
	return out, nil
}

// SampleDetail is a sample with who it is from, its panel, and its chain
// of custody.
type SampleDetail struct {
	Sample
	ClientName  string   `json:"client_name"`
	NationalID  string   `json:"national_id"`
	StationCode string   `json:"station_code"`
	Analytes    []string `json:"analytes"`
	Results     []Result `json:"results"`
	// AmendmentPending: an amended result waits for a second technician.
	AmendmentPending bool          `json:"amendment_pending"`
	Events           []SampleEvent `json:"events"`
}

// GetSample returns a sample by its accession code (CodeBadAccession for a
// code that is not one, CodeNotFound for none in the actor's scope).
func (s *Service) GetSample(ctx context.Context, rawAccession string) (*SampleDetail, error) {
	acc, err := ParseAccession(rawAccession)
	if err != nil {
		return nil, err
	}
	db := s.read(ctx)
	sm, err := s.loadSample(ctx, db, acc, false)
	if err != nil {
		return nil, err
	}
	return s.samplePage(ctx, db, sm)
}

// samplePage reads what a sample's page shows besides the sample: whose
// it is, its panel, its chain of custody and its current results. A use
// case that changes the sample calls it inside its own transaction, so
// that it answers with the page as it commits instead of reading it all
// again afterwards.
func (s *Service) samplePage(ctx context.Context, db *gorm.DB, sm *Sample) (*SampleDetail, error) {
	results, err := currentResults(db, sm.ID)
	if err != nil {
		return nil, err
	}
	return s.samplePageWith(ctx, db, sm, results)
}

// samplePageWith is samplePage for a use case that already holds the
// sample's current results (in any order): they are put in panel order
// as currentResults reads them, and not read again.
func (s *Service) samplePageWith(ctx context.Context, db *gorm.DB, sm *Sample, results []Result) (*SampleDetail, error) {
	party, err := loadSampleParty(db, sm)
	if err != nil {
		return nil, err
	}
	p, err := s.panel(db, sm.PanelCode)
	if err != nil {
		return nil, err
	}
	events, err := sampleEvents(db, sm.ID)
	if err != nil {
		return nil, err
	}
	sortInPanelOrder(results, p.Analytes)
	return sampleDetail(ctx, sm, party, p, results, events), nil
}

// sampleParty is whose and where a sample is, as its page and its
// collection day need them.
type sampleParty struct {
	ClientName       string
	NationalIDMasked string
	StationCode      string
	Timezone         string
}

// loadSampleParty reads her name and masked ID and the station's code and
// time zone in one round trip, without locking either row.
func loadSampleParty(db *gorm.DB, sm *Sample) (sampleParty, error) {
	var p sampleParty
	err := db.Table("clients").
		Select("clients.name AS client_name, clients.national_id_masked, stations.code AS station_code, stations.timezone").
		Joins("JOIN stations ON stations.id = ?", sm.StationID).Where("clients.id = ?", sm.ClientID).Take(&p).Error
	return p, err
}

// collectionDay is the sample's collection date at its station, the day
// whose kits judge its results.
func (p sampleParty) collectionDay(sm *Sample) Date {
	return DateOf(sm.CollectedAt.In(location(p.Timezone)))
}

// sampleEvents returns a tube's chain of custody, oldest first.
func sampleEvents(db *gorm.DB, sampleID int64) ([]SampleEvent, error) {
	events := []SampleEvent{}
	err := db.Where("sample_id = ?", sampleID).Order("id").Find(&events).Error
	return events, err
}

// sampleDetail assembles a sample's page from what has been read. Nurses
// and counselors see released results only: an unverified value must never
// reach a woman.
func sampleDetail(ctx context.Context, sm *Sample, party sampleParty, p *Panel, results []Result, events []SampleEvent) *SampleDetail {
	d := &SampleDetail{Sample: *sm, ClientName: party.ClientName, NationalID: party.NationalIDMasked,
		StationCode: party.StationCode, Analytes: p.Analytes, Events: events, Results: []Result{}}
	for _, r := range results {
		if ActorFrom(ctx).Role.StationBound() && r.State != ResultReleased {
			continue
		}
		d.Results = append(d.Results, r)
		d.AmendmentPending = d.AmendmentPending || r.State == ResultPending
	}
	return d
}
