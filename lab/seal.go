package lab

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// sealer encrypts personal data at rest with AES-256-GCM and computes the
// keyed hashes that find a record by it without decrypting. Both keys are
// derived from TORCHLAB_KEY, so one secret is all a deployment keeps.
type sealer struct {
	aead    cipher.AEAD
	hashKey []byte
}

// sealedPrefix versions the stored format, so that a later key rotation
// can tell old ciphertexts from new ones.
const sealedPrefix = "v1:"

func newSealer(master []byte) (*sealer, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("the personal-data key must be %d bytes, not %d", KeySize, len(master))
	}
	encKey, err := hkdf.Key(sha256.New, master, nil, "torchlab personal data encryption v1", 32)
	if err != nil {
		return nil, err
	}
	hashKey, err := hkdf.Key(sha256.New, master, nil, "torchlab personal data lookup v1", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead, hashKey: hashKey}, nil
}

// seal encrypts plaintext; purpose (such as "national_id") is bound in as
// associated data, so a ciphertext moved to another column fails to open.
func (s *sealer) seal(purpose, plaintext string) string {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	ct := s.aead.Seal(nonce, nonce, []byte(plaintext), []byte(purpose))
	return sealedPrefix + base64.StdEncoding.EncodeToString(ct)
}

// open decrypts what seal made.
func (s *sealer) open(purpose, sealed string) (string, error) {
	b64, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return "", errors.New("unknown sealed format")
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) < s.aead.NonceSize() {
		return "", errors.New("corrupt sealed value")
	}
	n := s.aead.NonceSize()
	pt, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(purpose))
	if err != nil {
		return "", errors.New("sealed value does not open with this key (is TORCHLAB_KEY the deployment's?)")
	}
	return string(pt), nil
}

// lookupHash is the keyed hash (HMAC-SHA256) of a value for exact look-up:
// without the key, it cannot be reversed by trying every possible number.
func (s *sealer) lookupHash(purpose, value string) string {
	m := hmac.New(sha256.New, s.hashKey)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
