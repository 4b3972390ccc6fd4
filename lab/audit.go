package lab

import (
	"context"
	"encoding/json"
	"strconv"
	"time"
)

// AuditEntry is one row of the append-only audit log: who did what to which
// record, when and from where, and what changed. Nothing in torchlab updates
// or deletes these rows. Changes never hold a password, a token or a full
// ID number.
type AuditEntry struct {
	ID            int64           `json:"id" gorm:"primaryKey"`
	At            time.Time       `json:"at"`
	ActorID       *int64          `json:"actor_id"`
	ActorUsername string          `json:"actor_username"`
	Action        string          `json:"action"`
	Entity        string          `json:"entity"`
	EntityID      string          `json:"entity_id"`
	IP            string          `json:"ip"`
	RequestID     string          `json:"request_id"`
	Changes       json.RawMessage `json:"changes,omitempty" gorm:"type:text"`
}

// TableName keeps the table's name singular, as the log it is.
func (AuditEntry) TableName() string { return "audit_log" }

// auditColumns are the columns auditKey writes: every column of
// AuditEntry but its id (a test holds the list to the model).
const auditColumns = "at, actor_id, actor_username, action, entity, entity_id, ip, request_id, changes"

// Change is the before and after of one field, for audit rows.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// audit writes one audit row in tx, so that it commits with the change it
// records or not at all. details is marshalled to JSON (nil for none).
func (s *Service) audit(ctx context.Context, tx *txDB, action, entity string, entityID int64, details any) error {
	id := ""
	if entityID != 0 {
		id = strconv.FormatInt(entityID, 10)
	}
	return s.auditKey(ctx, tx, action, entity, id, details)
}

// auditKey is audit for records named by a string key (an accession code,
// a setting's name).
func (s *Service) auditKey(ctx context.Context, tx *txDB, action, entity, entityID string, details any) error {
	e, err := s.auditRow(ctx, tx.now, action, entity, entityID, details)
	if err != nil {
		return err
	}
	// Past GORM (database_direct.go): every state change writes one.
	_, err = execDirect(tx, auditInsert, e.At, e.ActorID, e.ActorUsername, e.Action, e.Entity, e.EntityID, e.IP, e.RequestID, e.Changes)
	return err
}

// queueAudit is audit for a writeBatch of tx: the row joins the batch.
// entityID is the record's id (an int64), or insertedID{} for the row the
// batch inserted last.
func (s *Service) queueAudit(ctx context.Context, tx *txDB, b *writeBatch, action, entity string, entityID any, details any) error {
	e, err := s.auditRow(ctx, tx.now, action, entity, "", details)
	if err != nil {
		return err
	}
	if id, ok := entityID.(int64); ok {
		entityID = strconv.FormatInt(id, 10)
	}
	b.exec(auditInsert, e.At, e.ActorID, e.ActorUsername, e.Action, e.Entity, entityID, e.IP, e.RequestID, e.Changes)
	return nil
}

const auditInsert = `INSERT INTO audit_log (` + auditColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// auditRow is the audit row the actor in ctx writes, at the time of its
// transaction (txDB.now), the time of the change it records.
func (s *Service) auditRow(ctx context.Context, at time.Time, action, entity, entityID string, details any) (*AuditEntry, error) {
	a := ActorFrom(ctx)
	e := AuditEntry{
		At:            at,
		ActorUsername: a.Username,
		Action:        action,
		Entity:        entity,
		EntityID:      entityID,
		IP:            a.IP,
		RequestID:     a.RequestID,
	}
	if a.UserID != 0 {
		id := a.UserID
		e.ActorID = &id
	}
	if details != nil {
		b, err := json.Marshal(details)
		if err != nil {
			return nil, err
		}
		e.Changes = b
	}
	return &e, nil
}

// AuditFilter selects audit rows; empty fields select everything.
type AuditFilter struct {
	Entity   string
	EntityID string
	// Actor is a username or a numeric user id.
	Actor  string
	Action string
	From   *time.Time
	To     *time.Time
	Page   Page
}

// ListAudit returns audit rows, newest first, keyset-paged by id. Only
// admins may read the audit log (CodeForbidden otherwise).
func (s *Service) ListAudit(ctx context.Context, f AuditFilter) (List[AuditEntry], error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return List[AuditEntry]{}, err
	}
	q := s.read(ctx).Model(&AuditEntry{})
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Actor != "" {
		if id, err := strconv.ParseInt(f.Actor, 10, 64); err == nil {
			q = q.Where("actor_id = ?", id)
		} else {
			q = q.Where("actor_username = ?", f.Actor)
		}
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.From != nil {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("at < ?", f.To.UTC())
	}
	// Counting the whole log would be slow; the audit list has no total.
	return pageByIDDesc[AuditEntry](q, f.Page, false)
}
