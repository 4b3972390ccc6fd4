package lab

import "context"

// InitialAdminUsername is the account made on the first start.
const InitialAdminUsername = "admin"

// EnsureInitialAdmin creates the "admin" user with a random password when
// the database has no users at all, and returns that password (shown once;
// it must be changed at first sign-in). It returns "" when users exist.
// Several processes starting together on one database create one admin:
// the others lose the race on the unique username and return "".
func (s *Service) EnsureInitialAdmin(ctx context.Context) (string, error) {
	var n int64
	if err := s.read(ctx).Model(&User{}).Count(&n).Error; err != nil {
		return "", err
	}
	if n > 0 {
		return "", nil
	}
	password := RandomPassword(16)
	ctx = SystemContext(ctx, "(first start)")
	_, err := s.CreateUser(ctx, NewUser{
		Username:           InitialAdminUsername,
		Password:           password,
		Role:               RoleAdmin,
		DisplayName:        "Administrator",
		MustChangePassword: true,
	})
	if ErrorCode(err) == CodeDuplicateUsername {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return password, nil
}
