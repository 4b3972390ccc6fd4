package lab

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// KeySize is the length of the key that encrypts personal data (AES-256).
const KeySize = 32

// ParseKey decodes TORCHLAB_KEY: standard base64 of exactly 32 bytes.
func ParseKey(b64 string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, fmt.Errorf("not base64: %v", err)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("decodes to %d bytes; it must be %d (make one with: head -c 32 /dev/urandom | base64)", len(key), KeySize)
	}
	return key, nil
}

// LoadOrCreateKeyFile reads the key file beside an SQLite database, making
// it (readable by the owner only) when it does not exist yet. created
// reports that a new key was made: it must be backed up with the database,
// or the personal data in the database cannot be read again.
func LoadOrCreateKeyFile(path string) (key []byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := ParseKey(string(b))
		if err != nil {
			return nil, false, fmt.Errorf("key file %s: %w", path, err)
		}
		return key, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, false, err
	}
	key = make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			// Another process made it first: use that one.
			return LoadOrCreateKeyFile(path)
		}
		return nil, false, err
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, false, err
	}
	return key, true, f.Close()
}
