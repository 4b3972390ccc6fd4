package lab

import (
	"context"
	"time"
)

// interfaceMessagesKept is how long an analyser's messages are kept.
const interfaceMessagesKept = 30 * 24 * time.Hour

// maxKeptRaw bounds the raw text kept of one message (the listeners bound
// what they read well below it).
const maxKeptRaw = 1 << 20

// interfaceMessage is the stored row of one message (interface_messages).
type interfaceMessage struct {
	ID         int64     `gorm:"primaryKey"`
	AnalyserID int64     `gorm:"column:analyser_id"`
	Protocol   string    `gorm:"column:protocol"`
	ControlID  *string   `gorm:"column:control_id"`
	Raw        string    `gorm:"column:raw"`
	ReceivedAt time.Time `gorm:"column:received_at"`
	AckCode    string    `gorm:"column:ack_code"`
	Results    int       `gorm:"column:results"`
	ErrorCode  string    `gorm:"column:error_code"`
	ErrorAt    string    `gorm:"column:error_at"`
	Error      string    `gorm:"column:error"`
}

func (interfaceMessage) TableName() string { return "interface_messages" }

func (m *interfaceMessage) key() int64 { return m.ID }

// InterfaceMessageView is one kept message as the lab sees it.
type InterfaceMessageView struct {
	ID         int64     `json:"id"`
	AnalyserID int64     `json:"analyser_id"`
	Protocol   string    `json:"protocol"`
	ControlID  string    `json:"control_id"`
	ReceivedAt time.Time `json:"received_at"`
	// Ack is AA (accepted), AE (refused for its content) or AR (refused
	// for its form).
	Ack     string `json:"ack"`
	Results int    `json:"results"`
	// Reason, At and Error say why a message was refused.
	Reason string `json:"reason,omitempty"`
	At     string `json:"at,omitempty"`
	Error  string `json:"error,omitempty"`
	Raw    string `json:"raw"`
}

func (v *InterfaceMessageView) key() int64 { return v.ID }

// keepMessage writes (or, for a control id refused before, rewrites) the
// message's row with its outcome, and sets out.MessageID.
func (s *Service) keepMessage(tx *txDB, an *Analyser, msg InterfaceMessage, prior *interfaceMessage, out *InterfaceOutcome) (*interfaceMessage, error) {
	row := interfaceMessage{AnalyserID: an.ID, Protocol: an.Protocol, Raw: truncate(msg.Raw, maxKeptRaw),
		ReceivedAt: tx.now, AckCode: out.Ack, Results: out.Saved}
	if msg.ControlID != "" {
		id := truncate(msg.ControlID, 64)
		row.ControlID = &id
	}
	if out.Ack != AckAccepted && out.Refusal != nil {
		row.AckCode = out.Refusal.Ack()
		row.ErrorCode, row.ErrorAt, row.Error = out.Refusal.Reason, out.Refusal.At.String(), truncate(out.Refusal.Detail, 500)
	}
	if prior != nil {
		row.ID = prior.ID
		if err := tx.Save(&row).Error; err != nil {
			return nil, err
		}
	} else if err := tx.Create(&row).Error; err != nil {
		return nil, err
	}
	out.MessageID = row.ID
	return &row, nil
}

// InterfaceMessageFilter selects an analyser's kept messages.
type InterfaceMessageFilter struct {
	// Ack keeps only messages answered so (AA, AE, AR); empty keeps all.
	Ack  string
	Page Page
}

// InterfaceMessages lists the messages an analyser sent in the last 30
// days, newest first, for lab technicians and admins; CodeNotFound for an
// unknown analyser.
func (s *Service) InterfaceMessages(ctx context.Context, analyserID int64, f InterfaceMessageFilter) (List[InterfaceMessageView], error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return List[InterfaceMessageView]{}, err
	}
	if _, err := loadAnalyser(s.read(ctx), analyserID); err != nil {
		return List[InterfaceMessageView]{}, err
	}
	switch f.Ack {
	case "", AckAccepted, AckError, AckRejected:
	default:
		return List[InterfaceMessageView]{}, &Error{Code: CodeValidation, Message: "invalid field ack",
			Fields: []FieldError{{Field: "ack", Code: "invalid", Detail: "AA, AE or AR"}}}
	}
	q := s.read(ctx).Table("interface_messages").Select("id, analyser_id, protocol, COALESCE(control_id, '') AS control_id, "+
		"received_at, ack_code AS ack, results, error_code AS reason, error_at AS at, error, raw").Where("analyser_id = ?", analyserID)
	if f.Ack != "" {
		q = q.Where("ack_code = ?", f.Ack)
	}
	return pageByIDDesc[InterfaceMessageView](q, f.Page, true)
}

// PruneInterfaceMessages deletes the messages older than 30 days, and
// returns how many went; a daily job runs it (RunJobs).
func (s *Service) PruneInterfaceMessages(ctx context.Context) (int64, error) {
	before := s.now().Add(-interfaceMessagesKept)
	var ids []int64
	if err := s.read(ctx).Model(&interfaceMessage{}).Where("received_at < ?", before).Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		return tx.Where("id IN ?", ids).Delete(&interfaceMessage{}).Error
	})
	return int64(len(ids)), err
}
