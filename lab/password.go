package lab

import (
	"bufio"
	"crypto/rand"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password rules for a new password (first sign-in change, admin reset,
// `torchlab user add`): at least 10 characters, not all white space, at
// least 4 different characters, not the username and not on a list of
// common passwords. bcrypt reads at most 72 bytes, so longer passwords
// would be silently cut; they are refused instead. Sign-in checks none of
// this: an existing password keeps working until it is changed.
const (
	minPasswordLen      = 10
	minPasswordDistinct = 4
	maxPasswordBytes    = 72
)

//go:embed commonpasswords/*.txt
var commonPasswordFiles embed.FS

var (
	commonOnce sync.Once
	common     map[string]bool
)

// commonPassword reports whether a password is on a list in
// commonpasswords/ (README.md there names the lists and their licences),
// compared in lower case.
func commonPassword(p string) bool {
	commonOnce.Do(func() {
		common = map[string]bool{}
		files, _ := commonPasswordFiles.ReadDir("commonpasswords")
		for _, f := range files {
			r, err := commonPasswordFiles.Open("commonpasswords/" + f.Name())
			if err != nil {
				panic(err) // embedded: cannot fail
			}
			sc := bufio.NewScanner(r)
			for sc.Scan() {
				if w := strings.TrimRight(sc.Text(), "\r"); w != "" {
					common[strings.ToLower(w)] = true
				}
			}
			r.Close()
		}
	})
	return common[strings.ToLower(p)]
}

// checkPassword validates a new password for username under field.
func checkPassword(v *Validation, field, username, password string) {
	distinct := map[rune]bool{}
	for _, r := range password {
		distinct[r] = true
	}
	switch {
	case strings.TrimFunc(password, unicode.IsSpace) == "":
		v.Add(field, "blank", "a password of white space only is no password")
	case utf8.RuneCountInString(password) < minPasswordLen:
		v.Add(field, "too_short", "at least 10 characters")
	case len(password) > maxPasswordBytes:
		v.Add(field, "too_long", "at most 72 bytes")
	case strings.EqualFold(password, username):
		v.Add(field, "same_as_username", "the password may not be the username")
	case len(distinct) < minPasswordDistinct:
		v.Add(field, "too_simple", "at least 4 different characters")
	case commonPassword(password):
		v.Add(field, "common", "one of the passwords people choose most; choose another, such as a few words")
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
