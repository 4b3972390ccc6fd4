package stats

import (
	"sort"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// The statistics' rubella vaccinations (lab/vaccination.go records them):
// rubella_vaccination_completion counts the women advised a vaccination by
// their screen's findings who were vaccinated on or after its collection
// day (a vaccination before the screen left her susceptible: the advice is
// another).

// vaccinationScreen is a screen whose findings advise a rubella
// vaccination: her client id and the screening tube's collection day at
// its station.
type vaccinationScreen struct {
	ClientID int64
	Day      lab.Date
}

// rubellaVaccinated tells which screens' women have a rubella vaccination
// recorded, given on or after the screen's day. screens maps a screening
// sample's id to its woman and day; the answer holds the screening sample
// ids.
func rubellaVaccinated(db *gorm.DB, screens map[int64]vaccinationScreen) (map[int64]bool, error) {
	clientSet := map[int64]bool{}
	for _, sc := range screens {
		clientSet[sc.ClientID] = true
	}
	clients := make([]int64, 0, len(clientSet))
	for c := range clientSet {
		clients = append(clients, c)
	}
	sort.Slice(clients, func(i, j int) bool { return clients[i] < clients[j] })
	// Her latest rubella vaccination is the one that tells.
	latest := map[int64]lab.Date{}
	for _, chunk := range lab.Chunks(clients, lab.InListMax) {
		var rows []struct {
			ClientID int64
			Last     lab.Date
		}
		if err := db.Table("vaccinations").Select("client_id, MAX(given_on) AS last").
			Where("client_id IN ? AND vaccine = ?", chunk, "rubella").Group("client_id").Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			latest[r.ClientID] = r.Last
		}
	}
	out := map[int64]bool{}
	for id, sc := range screens {
		if last, ok := latest[sc.ClientID]; ok && last >= sc.Day {
			out[id] = true
		}
	}
	return out, nil
}

// vaccinationScreensChangedSince lists the screening samples whose
// women's vaccinations changed since the time (a vaccination is only ever
// added, at recorded_at): the kept statistics make their days again
// (remakeChangedDays).
func vaccinationScreensChangedSince(db *gorm.DB, since time.Time) ([]int64, error) {
	var clients []int64
	if err := db.Table("vaccinations").Where("recorded_at >= ?", since).Distinct().Pluck("client_id", &clients).Error; err != nil {
		return nil, err
	}
	return screensOfClients(db, clients)
}
