package lab

// PersonalDataSealer is the service's own encryption of personal data,
// exported for tools that write rows the service must read back (the load
// generator, cmd/torchlab-load/loadgen): the same key derivation, the same AES-256-GCM
// format and the same keyed look-up hash, so that nothing is re-implemented
// outside this package.
type PersonalDataSealer struct{ s *sealer }

// NewPersonalDataSealer derives the sealer from TORCHLAB_KEY's 32 bytes.
func NewPersonalDataSealer(key []byte) (*PersonalDataSealer, error) {
	s, err := newSealer(key)
	if err != nil {
		return nil, err
	}
	return &PersonalDataSealer{s: s}, nil
}

// SealNationalID encrypts an ID number as clients.national_id_sealed holds it.
func (p *PersonalDataSealer) SealNationalID(number string) string {
	return p.s.seal("national_id", number)
}

// NationalIDHash is the keyed hash in clients.national_id_hash.
func (p *PersonalDataSealer) NationalIDHash(number string) string {
	return p.s.lookupHash("national_id", number)
}

// OpenNationalID decrypts what SealNationalID made.
func (p *PersonalDataSealer) OpenNationalID(sealed string) (string, error) {
	return p.s.open("national_id", sealed)
}
