package lab

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// User is a member of staff who signs in to torchlab. Nurses and counselors
// belong to one station; admins and lab technicians to none.
type User struct {
	ID                 int64      `json:"id" gorm:"primaryKey"`
	Username           string     `json:"username"`
	DisplayName        string     `json:"display_name"`
	PasswordHash       string     `json:"-"`
	Role               Role       `json:"role"`
	StationID          *int64     `json:"station_id"`
	Active             bool       `json:"active"`
	MustChangePassword bool       `json:"must_change_password"`
	PasswordChangedAt  *time.Time `json:"password_changed_at,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at" gorm:"autoUpdateTime:false"`
}

func (u *User) key() int64 { return u.ID }

// NewUser is what creates a user.
type NewUser struct {
	Username    string
	Password    string
	Role        Role
	StationID   *int64
	DisplayName string
	// MustChangePassword is set for users an admin creates in the web UI or
	// the API (the admin knows the password), not for `torchlab user add`.
	MustChangePassword bool
	// Inactive creates the account switched off.
	Inactive bool
}

// UserPatch changes a user; nil fields stay as they are. Changing the role
// to admin or lab_tech drops the station.
type UserPatch struct {
	Username    *string
	Password    *string
	Role        *Role
	StationID   *int64
	DisplayName *string
	Active      *bool
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

func normalizeUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

func checkUsername(v *Validation, username string) {
	if !usernamePattern.MatchString(username) {
		v.Add("username", "invalid", "3 to 32 lower-case letters, digits, dots, hyphens or underscores")
	}
}

func checkDisplayName(v *Validation, name string) {
	if utf8.RuneCountInString(name) > 100 {
		v.Add("display_name", "too_long", "at most 100 characters")
	}
}

// checkRoleStation validates a role and the station that goes with it, and
// that the station exists.
func (s *Service) checkRoleStation(tx *txDB, v *Validation, role Role, stationID *int64) error {
	if !role.Valid() {
		v.Add("role", "invalid", "one of admin, nurse, lab_tech, counselor")
		return nil
	}
	switch {
	case role.StationBound() && stationID == nil:
		v.Add("station_id", "required", "nurses and counselors belong to a station")
	case !role.StationBound() && stationID != nil:
		v.Add("station_id", "must_be_empty", "admins and lab technicians belong to no station")
	case stationID != nil:
		var n int64
		if err := tx.Model(&Station{}).Where("id = ?", *stationID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			v.Add("station_id", "not_found", "no such station")
		}
	}
	return nil
}

// CreateUser adds a user. Admins only (CodeForbidden); CodeValidation for a
// bad username, password, role or station; CodeDuplicateUsername.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*User, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	in.Username = normalizeUsername(in.Username)
	var v Validation
	in.DisplayName = v.text("display_name", in.DisplayName, oneLine)
	checkUsername(&v, in.Username)
	checkPassword(&v, "password", in.Username, in.Password)
	checkDisplayName(&v, in.DisplayName)
	// Hash outside the transaction (it holds SQLite's only connection), and
	// only a password that passed its checks (bcrypt refuses > 72 bytes).
	var hash string
	if v.Err() == nil {
		var err error
		if hash, err = s.hashPassword(in.Password); err != nil {
			return nil, err
		}
	}
	u := &User{
		Username: in.Username, DisplayName: in.DisplayName, PasswordHash: hash,
		Role: in.Role, StationID: in.StationID, Active: !in.Inactive,
		MustChangePassword: in.MustChangePassword,
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		now := tx.now
		u.CreatedAt, u.UpdatedAt = now, now
		if !in.MustChangePassword {
			u.PasswordChangedAt = &now
		}
		if err := s.checkRoleStation(tx, &v, in.Role, in.StationID); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Create(u).Error; err != nil {
			if isDuplicate(err) {
				return duplicateUsername(in.Username)
			}
			return err
		}
		if err := s.audit(ctx, tx, "user.create", "user", u.ID, map[string]any{
			"username": u.Username, "role": u.Role, "station_id": u.StationID,
			"display_name": u.DisplayName, "must_change_password": u.MustChangePassword,
		}); err != nil {
			return err
		}
		return s.counselorChanged(ctx, tx, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func duplicateUsername(name string) *Error {
	return &Error{Code: CodeDuplicateUsername, Message: "username " + name + " is taken",
		Fields: []FieldError{{Field: "username", Code: "taken"}}}
}

// UpdateUser changes a user. Admins only. A new password set by an admin
// must be changed at the next sign-in; a new password, a deactivation or a
// change of role or station ends the user's sessions. The last active admin
// cannot be deactivated or demoted (CodeLastAdmin). CodeNotFound,
// CodeValidation, CodeDuplicateUsername.
func (s *Service) UpdateUser(ctx context.Context, id int64, p UserPatch) (*User, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	if p.Username != nil {
		*p.Username = normalizeUsername(*p.Username)
		checkUsername(&v, *p.Username)
	}
	if p.DisplayName != nil {
		*p.DisplayName = v.text("display_name", *p.DisplayName, oneLine)
		checkDisplayName(&v, *p.DisplayName)
	}
	var u User
	var newHash string
	if p.Password != nil {
		// Checked and hashed before the transaction, which must not hold
		// SQLite's only connection through bcrypt.
		name := ""
		if p.Username != nil {
			name = *p.Username
		} else {
			var cur User
			if err := s.read(ctx).Select("username").First(&cur, id).Error; err != nil && !isNotFound(err) {
				return nil, err
			}
			name = cur.Username
		}
		checkPassword(&v, "password", name, *p.Password)
		if v.Err() == nil {
			var err error
			if newHash, err = s.hashPassword(*p.Password); err != nil {
				return nil, err
			}
		}
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		if err := tx.First(&u, id).Error; err != nil {
			if isNotFound(err) {
				return notFound("user")
			}
			return err
		}
		if u.Role == RoleAnalyser {
			return Errorf(CodeForbidden, "this is an analyser's user: change the analyser instead")
		}
		role, station := u.Role, u.StationID
		if p.Role != nil {
			role = *p.Role
			if !role.StationBound() && p.StationID == nil {
				station = nil
			}
		}
		if p.StationID != nil {
			station = p.StationID
		}
		if p.Role != nil || p.StationID != nil {
			if err := s.checkRoleStation(tx, &v, role, station); err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}

		changes := map[string]Change{}
		endSessions := false
		if p.Username != nil && *p.Username != u.Username {
			changes["username"] = Change{u.Username, *p.Username}
			u.Username = *p.Username
		}
		if p.DisplayName != nil && *p.DisplayName != u.DisplayName {
			changes["display_name"] = Change{u.DisplayName, *p.DisplayName}
			u.DisplayName = *p.DisplayName
		}
		if role != u.Role {
			changes["role"] = Change{u.Role, role}
			endSessions = true
		}
		if !sameID(station, u.StationID) {
			changes["station_id"] = Change{u.StationID, station}
			endSessions = true
		}
		before := u
		wasAdmin := u.Role == RoleAdmin && u.Active
		u.Role, u.StationID = role, station
		if p.Active != nil && *p.Active != u.Active {
			changes["active"] = Change{u.Active, *p.Active}
			u.Active = *p.Active
			endSessions = endSessions || !u.Active
		}
		if wasAdmin && (u.Role != RoleAdmin || !u.Active) {
			if err := lockActiveAdmins(tx, u.ID); err != nil {
				return err
			}
		}
		if p.Password != nil {
			u.PasswordHash = newHash
			u.MustChangePassword = true
			changes["password"] = Change{"(set)", "(reset by admin; must be changed at next sign-in)"}
			endSessions = true
		}
		if len(changes) == 0 {
			return nil
		}
		u.UpdatedAt = tx.now
		if err := tx.Save(&u).Error; err != nil {
			if isDuplicate(err) {
				return duplicateUsername(u.Username)
			}
			return err
		}
		if endSessions {
			if err := s.revokeSessions(tx, u.ID, 0); err != nil {
				return err
			}
		}
		if err := s.audit(ctx, tx, "user.update", "user", u.ID, changes); err != nil {
			return err
		}
		return s.counselorChanged(ctx, tx, &before, &u)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// lockActiveAdmins refuses to leave the programme without an active admin.
// It locks every active admin row in id order (on MySQL), so that two admins
// demoting each other at once queue up instead of deadlocking, and the
// second then sees that she is the last one.
func lockActiveAdmins(tx *txDB, except int64) error {
	var ids []int64
	err := tx.Model(&User{}).Clauses(lockForUpdate).
		Where("role = ? AND active = ?", RoleAdmin, true).
		Order("id").Pluck("id", &ids).Error
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id != except {
			return nil
		}
	}
	return Errorf(CodeLastAdmin, "this is the last active admin; make another admin first")
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// GetUser returns one user. Admins see every user; anyone else only herself
// (CodeNotFound for others).
func (s *Service) GetUser(ctx context.Context, id int64) (*User, error) {
	if a := ActorFrom(ctx); !a.System && a.Role != RoleAdmin && a.UserID != id {
		return nil, notFound("user")
	}
	var u User
	if err := s.read(ctx).First(&u, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("user")
		}
		return nil, err
	}
	return &u, nil
}

// UserFilter selects users for ListUsers.
type UserFilter struct {
	Role      Role
	StationID *int64
	Active    *bool
	Page      Page
}

// ListUsers lists users for admins (CodeForbidden otherwise).
func (s *Service) ListUsers(ctx context.Context, f UserFilter) (List[User], error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return List[User]{}, err
	}
	if f.Role != "" && !f.Role.Valid() {
		return List[User]{}, &Error{Code: CodeValidation, Message: "no such role",
			Fields: []FieldError{{Field: "role", Code: "invalid", Detail: "one of admin, nurse, lab_tech, counselor"}}}
	}
	// Analysers' users are listed with the analysers, not as staff.
	q := s.read(ctx).Model(&User{}).Where("role <> ?", RoleAnalyser)
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.StationID != nil {
		q = q.Where("station_id = ?", *f.StationID)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	return pageByID[User](q, f.Page, false, true)
}
