package lab

import (
	"crypto/rand"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password rules. bcrypt reads at most 72 bytes, so longer passwords would
// be silently cut; they are refused instead.
const (
	minPasswordLen   = 8
	maxPasswordBytes = 72
)

// checkPassword validates a new password for username under field.
func checkPassword(v *Validation, field, username, password string) {
	switch {
	case utf8.RuneCountInString(password) < minPasswordLen:
		v.Add(field, "too_short", "at least 8 characters")
	case len(password) > maxPasswordBytes:
		v.Add(field, "too_long", "at most 72 bytes")
	case strings.EqualFold(password, username):
		v.Add(field, "same_as_username", "the password may not be the username")
	}
}

func (s *Service) hashPassword(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(password), s.opts.BcryptCost)
	return string(b), err
}

func passwordMatches(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// newDummyHash makes the hash that a log-in with an unknown username is
// compared against, at the same cost as real hashes, so that a wrong
// username takes as long to refuse as a wrong password and log-in timing
// does not reveal which usernames exist.
func newDummyHash(cost int) []byte {
	b, err := bcrypt.GenerateFromPassword([]byte("torchlab-no-such-user"), cost)
	if err != nil {
		panic(err) // only for a cost outside bcrypt's range, a programming error
	}
	return b
}

// RandomPassword returns a password of n characters from an alphabet without
// look-alikes (no 0/O, 1/l/I), for the initial admin and resets.
func RandomPassword(n int) string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[randIndex(len(alphabet))]
	}
	return string(b)
}

// randIndex returns a uniform random index below n (n ≤ 256) by rejection.
func randIndex(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}
