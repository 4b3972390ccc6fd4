package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// RoleAnalyser is the role of an analyser's own user. It is not one of
// Roles: no one can sign in with it, create it through the users routes or
// give it to a person, and no route group allows it, so an analyser can
// enter results (through its interface) but never verify them.
const RoleAnalyser Role = "analyser"

// The interface protocols an analyser speaks.
const (
	ProtocolHL7  = "hl7"
	ProtocolASTM = "astm"
)

// Analyser is an instrument that sends results over an interface. It acts
// as its own user (UserID, role analyser), so its results are "entered by"
// it and wait for a technician's verification like imported ones.
type Analyser struct {
	ID       int64  `json:"id" gorm:"primaryKey"`
	Name     string `json:"name"`
	Protocol string `json:"protocol"`
	// SenderID is matched against what the analyser names itself with:
	// MSH-3 and MSH-4 for HL7 (see AnalyserBySender), the H record's
	// sender for ASTM.
	SenderID string `json:"sender_id"`
	UserID   int64  `json:"user_id"`
	Username string `json:"username" gorm:"-"`
	Active   bool   `json:"active"`
	// CodeMap maps the analyser's test codes (local or LOINC, compared
	// without regard to case) to analyte codes.
	CodeMap   map[string]string `json:"code_map" gorm:"-"`
	CodeJSON  string            `json:"-" gorm:"column:code_map"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at" gorm:"autoUpdateTime:false"`
}

func (a *Analyser) key() int64 { return a.ID }

// analyte returns the analyte an analyser's test code maps to.
func (a *Analyser) analyte(code string) (string, bool) {
	an, ok := a.CodeMap[strings.ToUpper(strings.TrimSpace(code))]
	return an, ok
}

// NewAnalyser is what an admin configures for an analyser.
type NewAnalyser struct {
	Name     string
	Protocol string
	SenderID string
	CodeMap  map[string]string
}

// AnalyserPatch changes an analyser; nil fields stay as they are.
type AnalyserPatch struct {
	Name     *string
	SenderID *string
	CodeMap  map[string]string // nil keeps the map; an empty one clears it
	Active   *bool
}

// checkAnalyserFields validates the fields an admin sets, and returns the
// code map normalised (codes upper-case and trimmed).
func checkAnalyserFields(tx *txDB, v *Validation, name, senderID string, codes map[string]string) (map[string]string, error) {
	if name == "" || utf8.RuneCountInString(name) > 100 {
		v.Add("name", "invalid", "1 to 100 characters")
	}
	if senderID == "" || len(senderID) > 100 || strings.ContainsAny(senderID, "|~\\&\r\n") {
		v.Add("sender_id", "invalid", "1 to 100 characters, without | ~ \\ & or line breaks: the sender's name as the analyser sends it")
	}
	if len(codes) > 200 {
		v.Add("code_map", "too_long", "at most 200 codes")
		return nil, nil
	}
	var known []string
	if err := tx.Model(&Analyte{}).Pluck("code", &known).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(codes))
	for code, analyte := range codes {
		c := strings.ToUpper(strings.TrimSpace(code))
		an := strings.ToUpper(strings.TrimSpace(analyte))
		field := "code_map." + code
		switch {
		case c == "" || len(c) > 64 || strings.ContainsAny(c, "|^~\\&\r\n"):
			v.Add(field, "invalid", "a test code of 1 to 64 characters, without HL7 or ASTM delimiters")
		case !slices.Contains(known, an):
			v.Add(field, "unknown_analyte", fmt.Sprintf("no analyte %q", analyte))
		case out[c] != "":
			v.Add(field, "duplicate", "the same code twice")
		default:
			out[c] = an
		}
	}
	return out, nil
}

// CreateAnalyser configures an analyser and makes its user (username
// analyser-<id>, no password). Admins only; CodeValidation for a bad
// name, protocol, sender or code map; CodeConflict when the name, or the
// protocol and sender, are taken.
func (s *Service) CreateAnalyser(ctx context.Context, in NewAnalyser) (*Analyser, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	in.Name = v.text("name", in.Name, oneLine)
	in.SenderID = strings.TrimSpace(in.SenderID)
	if in.Protocol != ProtocolHL7 && in.Protocol != ProtocolASTM {
		v.Add("protocol", "invalid", "hl7 or astm")
	}
	var an *Analyser
	err := s.inTx(ctx, func(tx *txDB) error {
		now := tx.now
		codes, err := checkAnalyserFields(tx, &v, in.Name, in.SenderID, in.CodeMap)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		body, _ := json.Marshal(codes)
		an = &Analyser{Name: in.Name, Protocol: in.Protocol, SenderID: in.SenderID, Active: true, CodeMap: codes,
			CodeJSON: string(body), CreatedAt: now, UpdatedAt: now}
		// The user first (the analyser row names it); its username takes
		// the analyser's id once known.
		u := &User{Username: fmt.Sprintf("analyser-new-%d", now.UnixNano()%1e12), DisplayName: in.Name, Role: RoleAnalyser,
			Active: true, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		an.UserID = u.ID
		if err := tx.Create(an).Error; err != nil {
			if isDuplicate(err) {
				return analyserTaken()
			}
			return err
		}
		an.Username = fmt.Sprintf("analyser-%d", an.ID)
		if err := tx.Model(u).Update("username", an.Username).Error; err != nil {
			if isDuplicate(err) {
				return Errorf(CodeConflict, "a user named %s exists; rename her first", an.Username)
			}
			return err
		}
		if err := bumpReference(tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, "analyser.create", "analyser", an.ID, an)
	})
	if err != nil {
		return nil, err
	}
	return an, nil
}

func analyserTaken() *Error {
	return &Error{Code: CodeConflict, Message: "another analyser has this name, or this protocol and sender",
		Fields: []FieldError{{Field: "sender_id", Code: "taken"}}}
}

// UpdateAnalyser changes an analyser's name, sender, code map or active
// flag; switching it off switches its user off and refuses its messages.
// Admins only; CodeNotFound, CodeValidation, CodeConflict.
func (s *Service) UpdateAnalyser(ctx context.Context, id int64, p AnalyserPatch) (*Analyser, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	if p.Name != nil {
		*p.Name = v.text("name", *p.Name, oneLine)
	}
	var an *Analyser
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if an, err = loadAnalyser(tx.Clauses(lockForUpdate), id); err != nil {
			return err
		}
		before := *an
		if p.Name != nil {
			an.Name = *p.Name
		}
		if p.SenderID != nil {
			an.SenderID = strings.TrimSpace(*p.SenderID)
		}
		codes := an.CodeMap
		if p.CodeMap != nil {
			codes = p.CodeMap
		}
		if an.CodeMap, err = checkAnalyserFields(tx, &v, an.Name, an.SenderID, codes); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if p.Active != nil {
			an.Active = *p.Active
		}
		body, _ := json.Marshal(an.CodeMap)
		an.CodeJSON, an.UpdatedAt = string(body), tx.now
		if err := tx.Model(&Analyser{}).Where("id = ?", id).Updates(map[string]any{"name": an.Name, "sender_id": an.SenderID,
			"code_map": an.CodeJSON, "active": an.Active, "updated_at": an.UpdatedAt}).Error; err != nil {
			if isDuplicate(err) {
				return analyserTaken()
			}
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", an.UserID).
			Updates(map[string]any{"display_name": an.Name, "active": an.Active, "updated_at": an.UpdatedAt}).Error; err != nil {
			return err
		}
		// Every process finds analysers and maps their codes from its
		// reference cache: a switched-off analyser is refused from the
		// next message on, in any process.
		if err := bumpReference(tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, "analyser.update", "analyser", an.ID, map[string]Change{"analyser": {before, *an}})
	})
	if err != nil {
		return nil, err
	}
	return an, nil
}

// GetAnalyser returns one analyser. Admins only; CodeNotFound.
func (s *Service) GetAnalyser(ctx context.Context, id int64) (*Analyser, error) {
	if err := ActorFrom(ctx).require(RoleAdmin, RoleLabTech); err != nil {
		return nil, err
	}
	return loadAnalyser(s.read(ctx), id)
}

// ListAnalysers lists every analyser, for admins and lab technicians.
func (s *Service) ListAnalysers(ctx context.Context) ([]Analyser, error) {
	if err := ActorFrom(ctx).require(RoleAdmin, RoleLabTech); err != nil {
		return nil, err
	}
	var list []Analyser
	if err := s.read(ctx).Order("name").Find(&list).Error; err != nil {
		return nil, err
	}
	for i := range list {
		if err := list[i].decode(); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// AnalyserBySender finds the active analyser of the protocol whose sender
// id is one of candidates, tried in order (the HL7 listener gives
// "MSH-3^MSH-4", then MSH-3, then MSH-4), in the reference cache: one
// read of its version. CodeNotFound when none is. Torchlab's interfaces
// call it; it needs no user.
func (s *Service) AnalyserBySender(ctx context.Context, protocol string, candidates ...string) (*Analyser, error) {
	ref, err := s.poolReference(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range candidates {
		if an := ref.analysers.byActiveSender(protocol, c); c != "" && an != nil {
			return an.copied(), nil
		}
	}
	return nil, Errorf(CodeNotFound, "no active %s analyser with sender id %s", protocol, strings.Join(candidates, " or "))
}

func loadAnalyser(db *gorm.DB, id int64) (*Analyser, error) {
	var an Analyser
	if err := db.First(&an, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("analyser")
		}
		return nil, err
	}
	return &an, an.decode()
}

func (a *Analyser) decode() error {
	a.Username = fmt.Sprintf("analyser-%d", a.ID)
	a.CodeMap = map[string]string{}
	if a.CodeJSON == "" {
		return nil
	}
	return json.Unmarshal([]byte(a.CodeJSON), &a.CodeMap)
}
