package lab

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// ConsentTexts are the consent wordings a woman can agree to, by version
// (domain.md §0). A new wording is a new version; old records keep theirs.
var ConsentTexts = map[string]string{
	"v1": "本人同意计生服务站为免费优生检测之目的收集和处理本人的身份、联系及健康检测信息，信息仅用于检测、结果告知和随访，并依法保护。",
}

// maxLMPDays bounds how long ago a last menstrual period can plausibly be
// for a woman registered as pregnant (44 weeks).
const maxLMPDays = 44 * 7

// Client is a woman in the programme. One woman is one client across the
// whole network (her ID number is unique); she belongs to the station that
// registered her.
type Client struct {
	ID                 int64 `gorm:"primaryKey"`
	StationID          int64
	Name               string
	NationalIDSealed   string
	NationalIDHash     string
	NationalIDMasked   string
	BirthDate          Date
	Phone              string
	Address            string
	Category           Category
	LMPDate            *Date
	ConsentGiven       bool
	ConsentTextVersion string
	ConsentRecordedBy  *int64
	ConsentRecordedAt  *time.Time
	// Her choice of reminders by text message (lab/message_reminders.go).
	ReminderOptIn bool
	ReminderLang  string
	CreatedBy     *int64
	CreatedAt     time.Time
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
}

func (c *Client) key() int64 { return c.ID }

// ClientView is a client as answers show her: the ID number and the phone
// masked, the full values only through the audited reveal routes.
type ClientView struct {
	ID         int64       `json:"id"`
	StationID  int64       `json:"station_id"`
	Name       string      `json:"name"`
	NationalID string      `json:"national_id"`
	BirthDate  Date        `json:"birth_date"`
	Phone      string      `json:"phone"`
	Address    string      `json:"address"`
	Category   Category    `json:"category"`
	LMPDate    *Date       `json:"lmp_date"`
	Consent    ConsentView `json:"consent"`
	Reminders  Reminders   `json:"reminders"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// ConsentView is her recorded consent to the processing of her health data.
type ConsentView struct {
	Given       bool       `json:"given"`
	TextVersion string     `json:"text_version,omitempty"`
	RecordedBy  *int64     `json:"recorded_by,omitempty"`
	RecordedAt  *time.Time `json:"recorded_at,omitempty"`
}

// View returns the client as answers show her.
func (c *Client) View() ClientView {
	return ClientView{
		ID: c.ID, StationID: c.StationID, Name: c.Name, NationalID: c.NationalIDMasked,
		BirthDate: c.BirthDate, Phone: MaskPhone(c.Phone), Address: c.Address,
		Category: c.Category, LMPDate: c.LMPDate,
		Consent: ConsentView{Given: c.ConsentGiven, TextVersion: c.ConsentTextVersion,
			RecordedBy: c.ConsentRecordedBy, RecordedAt: c.ConsentRecordedAt},
		Reminders: Reminders{OptIn: c.ReminderOptIn, Lang: c.ReminderLang},
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

// ConsentInput records a woman's answer to a consent text.
type ConsentInput struct {
	Given       bool
	TextVersion string
}

// NewClient is what a nurse enters to register a woman.
type NewClient struct {
	Name       string
	NationalID string
	Phone      string
	Address    string
	Category   Category
	LMPDate    string
	Consent    *ConsentInput
	// Reminders is her choice of text-message reminders; nil: none.
	Reminders *RemindersInput
	// StationID is for admins, who belong to no station; a nurse's clients
	// are always her station's.
	StationID *int64
}

// stationFor returns the station a new record of the actor belongs to: a
// nurse's own, or the one an admin names.
func (s *Service) stationFor(ctx context.Context, tx *txDB, named *int64) (*Station, error) {
	a := ActorFrom(ctx)
	id := named
	if a.Role.StationBound() {
		id = a.StationID
	}
	var v Validation
	if id == nil {
		v.Add("station_id", "required", "name the station")
		return nil, v.Err()
	}
	var st Station
	if err := tx.First(&st, *id).Error; err != nil {
		if isNotFound(err) {
			v.Add("station_id", "not_found", "no such station")
			return nil, v.Err()
		}
		return nil, err
	}
	return &st, nil
}

// RegisterClient registers a woman at the actor's station (an admin names
// the station). CodeValidation names every bad field, with not_female on
// national_id for a man's number; CodeDuplicateNationID (with
// existing_client_id and station_code) when the number is registered.
// Nurses and admins only.
func (s *Service) RegisterClient(ctx context.Context, in NewClient) (*Client, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	seal, err := s.sealer()
	if err != nil {
		return nil, err
	}
	var c Client
	err = s.inTx(ctx, func(tx *txDB) error {
		st, err := s.stationFor(ctx, tx, in.StationID)
		if err != nil {
			return err
		}
		var v Validation
		next, id := checkClient(&v, Client{}, clientInput{Name: &in.Name, NationalID: &in.NationalID, Phone: &in.Phone,
			Address: &in.Address, Category: &in.Category, LMPDate: &in.LMPDate, Consent: in.Consent, Reminders: in.Reminders},
			Today(tx.now, st.Location()))
		if err := clientRefusal(&v); err != nil {
			return err
		}
		hash := seal.lookupHash("national_id", id.Number)
		if err := s.refuseDuplicate(tx.DB, hash); err != nil {
			return err
		}
		now := tx.now
		c = next
		c.StationID = st.ID
		c.NationalIDSealed, c.NationalIDHash, c.NationalIDMasked = seal.seal("national_id", id.Number), hash, MaskNationalID(id.Number)
		c.ReminderLang = LangZh
		c.CreatedAt, c.UpdatedAt = now, now
		if a.UserID != 0 {
			c.CreatedBy = &a.UserID
		}
		s.applyConsent(ctx, &c, in.Consent, now)
		if _, err := s.applyReminders(tx, &c, in.Reminders); err != nil {
			return err
		}
		if err := tx.Create(&c).Error; err != nil {
			if isDuplicate(err) {
				return s.duplicateRace(tx, hash)
			}
			return err
		}
		if err := writeClientTerms(tx, &c); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "client.register", "client", c.ID, map[string]any{
			"station_id": c.StationID, "national_id": c.NationalIDMasked, "category": c.Category,
			"consent_given": c.ConsentGiven, "consent_text_version": c.ConsentTextVersion,
			"reminders": Reminders{OptIn: c.ReminderOptIn, Lang: c.ReminderLang},
		}); err != nil {
			return err
		}
		// A woman registered as pregnant has her pregnancy recorded with
		// her, and its follow-up tasks with it.
		if c.Category == Pregnant && c.LMPDate != nil {
			_, err := s.openPregnancy(ctx, tx, &c, *c.LMPDate, "registration", a)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// refuseDuplicate answers CodeDuplicateNationID if the number is taken.
func (s *Service) refuseDuplicate(tx *gorm.DB, hash string) error {
	var existing struct {
		ID   int64
		Code string
	}
	err := tx.Table("clients").Select("clients.id, stations.code").
		Joins("JOIN stations ON stations.id = clients.station_id").
		Where("clients.national_id_hash = ?", hash).Take(&existing).Error
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return &Error{
		Code:    CodeDuplicateNationID,
		Message: "this ID number is already registered, at station " + existing.Code,
		Fields:  []FieldError{{Field: "national_id", Code: "taken"}},
		Extra:   map[string]any{"existing_client_id": existing.ID, "station_code": existing.Code},
	}
}

// duplicateRace answers a unique-key violation on the ID number, which
// means another nurse registered her at the same moment. A locking read
// sees that commit even on MySQL, whose plain reads would not; whatever it
// finds, the answer is an error, never a half-made success.
func (s *Service) duplicateRace(tx *txDB, hash string) error {
	if err := s.refuseDuplicate(tx.Clauses(lockForUpdate), hash); err != nil {
		return err
	}
	return &Error{Code: CodeDuplicateNationID, Message: "this ID number was registered by someone else at the same moment",
		Fields: []FieldError{{Field: "national_id", Code: "taken"}}}
}

func (s *Service) applyConsent(ctx context.Context, c *Client, in *ConsentInput, now time.Time) {
	if in == nil {
		return
	}
	a := ActorFrom(ctx)
	c.ConsentGiven = in.Given
	c.ConsentTextVersion = ""
	if in.Given {
		c.ConsentTextVersion = in.TextVersion
	}
	c.ConsentRecordedAt = &now
	c.ConsentRecordedBy = nil
	if a.UserID != 0 {
		c.ConsentRecordedBy = &a.UserID
	}
}

func (s *Service) sealer() (*sealer, error) {
	if s.seal == nil {
		return nil, Errorf(CodeInternal, "no key for personal data is configured (TORCHLAB_KEY)")
	}
	return s.seal, nil
}

// loadClient reads a client the actor may see (CodeNotFound otherwise).
func (s *Service) loadClient(ctx context.Context, db *gorm.DB, id int64) (*Client, error) {
	return s.readClient(ctx, db, id)
}

// loadClientLocked is loadClient for a correction: the row stays locked
// (MySQL) until the transaction ends, so two corrections at once cannot
// overwrite each other.
func (s *Service) loadClientLocked(ctx context.Context, tx *txDB, id int64) (*Client, error) {
	return s.readClient(ctx, tx.Clauses(lockForUpdate), id)
}

func (s *Service) readClient(ctx context.Context, db *gorm.DB, id int64) (*Client, error) {
	var c Client
	if err := db.First(&c, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("client")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(c.StationID) {
		return nil, notFound("client")
	}
	return &c, nil
}

// GetClient returns a client of the actor's station (any station for
// admins and lab technicians); CodeNotFound otherwise.
func (s *Service) GetClient(ctx context.Context, id int64) (*Client, error) {
	return s.loadClient(ctx, s.read(ctx), id)
}

// RevealNationalID returns a client's full ID number and records who saw
// it (audit action client.reveal_national_id). CodeNotFound as GetClient.
func (s *Service) RevealNationalID(ctx context.Context, id int64) (string, error) {
	return s.reveal(ctx, id, "client.reveal_national_id", func(seal *sealer, c *Client) (string, error) {
		return seal.open("national_id", c.NationalIDSealed)
	})
}

// RevealPhone returns a client's full phone number for a call, and records
// who saw it (audit action client.reveal_phone).
func (s *Service) RevealPhone(ctx context.Context, id int64) (string, error) {
	return s.reveal(ctx, id, "client.reveal_phone", func(_ *sealer, c *Client) (string, error) {
		return c.Phone, nil
	})
}

func (s *Service) reveal(ctx context.Context, id int64, action string, get func(*sealer, *Client) (string, error)) (string, error) {
	seal, err := s.sealer()
	if err != nil {
		return "", err
	}
	var out string
	err = s.inTx(ctx, func(tx *txDB) error {
		c, err := s.loadClient(ctx, tx.DB, id)
		if err != nil {
			return err
		}
		if out, err = get(seal, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, action, "client", c.ID, nil)
	})
	return out, err
}
