package lab

import (
	"time"

	"gorm.io/gorm"
)

// The statistics' two seams for rubella vaccinations, which are recorded
// by the pregnancies and vaccinations work (issue 24). Until that lands no
// vaccination is recorded: rubella_vaccination_completion is 0 of the
// women advised.

// rubellaVaccinated tells which screens' women have a rubella vaccination
// recorded. screens maps a screening sample's id to her client id, for
// the screens whose findings advise the vaccination; the answer holds the
// screening sample ids.
func rubellaVaccinated(db *gorm.DB, screens map[int64]int64) (map[int64]bool, error) {
	return nil, nil
}

// vaccinationScreensChangedSince lists the screening samples whose
// women's vaccinations changed since the time: the kept statistics make
// their days again (remakeChangedDays).
func vaccinationScreensChangedSince(db *gorm.DB, since time.Time) ([]int64, error) {
	return nil, nil
}
