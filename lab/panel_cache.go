package lab

import (
	"slices"
	"sync"

	"gorm.io/gorm"
)

// panelCache keeps the panels this process has read. Panels are reference
// data that only a migration writes (there is no API to change one), and a
// migration comes with a new torchlab that restarts the process, so a
// panel read once stays true for the life of the process: collection,
// result entry, verification and every sample page then find it without a
// round trip. An unknown code is never cached, so it is looked up again.
type panelCache struct {
	mu sync.RWMutex
	m  map[string]Panel // by code, and "" for the default panel
}

func newPanelCache() *panelCache { return &panelCache{m: map[string]Panel{}} }

// panel is loadPanel through the cache. The caller gets its own copy.
func (s *Service) panel(db *gorm.DB, code string) (*Panel, error) {
	c := s.panels
	c.mu.RLock()
	p, ok := c.m[code]
	c.mu.RUnlock()
	if !ok {
		loaded, err := loadPanel(db, code)
		if err != nil {
			return nil, err
		}
		p = *loaded
		c.mu.Lock()
		c.m[code] = p
		c.mu.Unlock()
	}
	p.Analytes = slices.Clone(p.Analytes)
	return &p, nil
}
