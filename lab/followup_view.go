package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CaseView is a case as the queue and the case page show it.
type CaseView struct {
	Followup
	SampleAccession string    `json:"sample_accession"`
	Findings        []Finding `json:"findings"`
	Overdue         bool      `json:"overdue"`
	ClientName      string    `json:"client_name"`
	NationalID      string    `json:"national_id"`
	// AssigneeName is the counselor's display name: counselors cannot
	// look users up, and the queue and timeline name her.
	AssigneeName string `json:"assignee_name,omitempty"`
	// LastContact is the latest attempt to reach her, in lists, so that
	// the queue can show it without opening (and so acknowledging) a case.
	LastContact *ContactBrief `json:"last_contact"`
	// GestationalAge is today's, when she has an open pregnancy.
	GestationalAge *GestationalAge `json:"gestational_age,omitempty"`
}

// ContactBrief is a contact attempt as a list shows it.
type ContactBrief struct {
	At      time.Time `json:"at"`
	Channel string    `json:"channel"`
	Result  string    `json:"result"`
}

// CaseDetail is the case page: the case, her results and her retests'
// results side by side, the contacts and the timeline.
type CaseDetail struct {
	CaseView
	Results  []Result        `json:"results"`
	Retests  []RetestView    `json:"retests"`
	Contacts []Contact       `json:"contacts"`
	Timeline []FollowupEvent `json:"timeline"`
	// Samples are the episode's tubes in the order they were drawn: those
	// the case has read and the retests booked from it, each with its
	// released results, so that the screen sets them side by side.
	Samples []CaseSample `json:"samples"`
	// ExternalResults are the avidity, PCR and referral results recorded.
	ExternalResults []ExternalResult `json:"external_results"`
	// RetestEarliestOn is the first day a retest may be drawn
	// (retest_min_days after the latest draw); nil for a closed case.
	RetestEarliestOn *Date `json:"retest_earliest_on"`
	// SuggestedNextAction is what the screen proposes when she is reached
	// (SuggestedNextAction); nil for a closed case.
	SuggestedNextAction *NextAction `json:"suggested_next_action"`
	// Pregnancy is her open pregnancy, if any; VaccinatedOn the day of her
	// latest rubella vaccination, if any (a rubella-susceptible case closed
	// as vaccination_advised later shows it).
	Pregnancy    *Pregnancy `json:"pregnancy"`
	VaccinatedOn *Date      `json:"vaccinated_on"`
}

// CaseSample is one tube of the episode.
type CaseSample struct {
	Accession     string          `json:"accession"`
	Kind          AppointmentKind `json:"kind"`
	Status        SampleStatus    `json:"status"`
	CollectedOn   Date            `json:"collected_on"`
	ReleasedAt    *time.Time      `json:"released_at,omitempty"`
	ReportVersion int             `json:"report_version"`
	Abnormal      bool            `json:"abnormal"`
	Results       []Result        `json:"results"`
}

// RetestView is a retest booked from the case, with its released results.
type RetestView struct {
	AppointmentID int64             `json:"appointment_id"`
	Date          Date              `json:"date"`
	Status        AppointmentStatus `json:"status"`
	Accession     string            `json:"accession,omitempty"`
	Results       []Result          `json:"results"`
}

func (s *Service) caseActor(ctx context.Context) (Actor, error) {
	a := ActorFrom(ctx)
	return a, a.require(RoleCounselor, RoleAdmin)
}

// loadCase reads a case the actor may see (CodeNotFound otherwise).
func (s *Service) loadCase(ctx context.Context, db *gorm.DB, id int64, lock bool) (*Followup, error) {
	var c Followup
	if lock {
		db = db.Clauses(lockForUpdate)
	}
	if err := db.First(&c, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("follow-up case")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(c.StationID) {
		return nil, notFound("follow-up case")
	}
	return &c, nil
}

// workableCase locks a case the actor may see for a change that only an
// open case takes (CodeInvalidState names the move otherwise), with her
// station's time zone, in which the change's days are counted.
func (s *Service) workableCase(ctx context.Context, tx *txDB, id int64, move string) (*Followup, *time.Location, error) {
	c, err := s.loadCase(ctx, tx.DB, id, true)
	if err != nil {
		return nil, nil, err
	}
	if c.Status == CaseClosed {
		return nil, nil, invalidState("follow-up case", string(c.Status), move)
	}
	loc, err := stationLocation(tx.DB, c.StationID)
	return c, loc, err
}

func (s *Service) viewCase(db *gorm.DB, c *Followup) (CaseView, error) {
	v := CaseView{Followup: *c, Findings: c.Findings(), Overdue: c.overdueAt(s.now())}
	var who struct{ Name, NationalIDMasked string }
	err := db.Table("clients").Select("name, national_id_masked").Where("id = ?", c.ClientID).Take(&who).Error
	v.SampleAccession, v.ClientName, v.NationalID = c.Accession, who.Name, who.NationalIDMasked
	return v, err
}

// GetFollowup returns the case page. The assignee's first opening is
// recorded as her acknowledgement. Counselors (their station's cases) and
// admins. CodeNotFound.
func (s *Service) GetFollowup(ctx context.Context, id int64) (*CaseDetail, error) {
	a, err := s.caseActor(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.loadCase(ctx, s.read(ctx), id, false)
	if err != nil {
		return nil, err
	}
	if c.AssigneeID != nil && *c.AssigneeID == a.UserID && c.AcknowledgedAt == nil {
		err := s.inTx(ctx, func(tx *txDB) error {
			now := tx.now
			res := tx.Model(&Followup{}).Where("id = ? AND acknowledged_at IS NULL", c.ID).Update("acknowledged_at", now)
			if res.Error != nil || res.RowsAffected == 0 {
				return res.Error
			}
			c.AcknowledgedAt = &now
			if err := s.caseEvent(ctx, tx, c.ID, "acknowledged", ""); err != nil {
				return err
			}
			return s.audit(ctx, tx, "followup.acknowledge", "followup", c.ID, nil)
		})
		if err != nil {
			return nil, err
		}
	}
	db := s.read(ctx)
	view, err := s.viewCase(db, c)
	if err != nil {
		return nil, err
	}
	if view.AssigneeName, err = s.assigneeName(ctx, c.AssigneeID); err != nil {
		return nil, err
	}
	d := &CaseDetail{CaseView: view, Retests: []RetestView{}, Contacts: []Contact{}, Timeline: []FollowupEvent{}}
	if err := db.Where("sample_id = ? AND state = ?", c.SampleID, ResultReleased).Order("id").Find(&d.Results).Error; err != nil {
		return nil, err
	}
	var retests []Appointment
	if err := db.Where("followup_id = ?", c.ID).Order("id").Find(&retests).Error; err != nil {
		return nil, err
	}
	for _, ap := range retests {
		rv := RetestView{AppointmentID: ap.ID, Date: ap.Day, Status: ap.Status, Results: []Result{}}
		var sm Sample
		if err := db.Where("appointment_id = ?", ap.ID).First(&sm).Error; err == nil {
			rv.Accession = sm.Accession
			if err := db.Where("sample_id = ? AND state = ?", sm.ID, ResultReleased).Order("id").Find(&rv.Results).Error; err != nil {
				return nil, err
			}
		}
		d.Retests = append(d.Retests, rv)
	}
	if err := db.Where("followup_id = ?", c.ID).Order("id").Find(&d.Contacts).Error; err != nil {
		return nil, err
	}
	if n := len(d.Contacts); n > 0 {
		last := d.Contacts[n-1]
		d.LastContact = &ContactBrief{At: last.At, Channel: last.Channel, Result: last.Result}
	}
	if err := db.Where("followup_id = ?", c.ID).Order("id").Find(&d.Timeline).Error; err != nil {
		return nil, err
	}
	if err := s.episodeOf(db, c, d); err != nil {
		return nil, err
	}
	if err := nameTimeline(db, d); err != nil {
		return nil, err
	}
	return d, nil
}

// nameTimeline gives each contact and step the display name of whoever
// did it (displayName), so that the timeline shows people rather than
// logins; a user since deleted keeps the username that was recorded.
func nameTimeline(db *gorm.DB, d *CaseDetail) error {
	var ids []int64
	for _, c := range d.Contacts {
		if c.ByID != nil {
			ids = append(ids, *c.ByID)
		}
	}
	for _, e := range d.Timeline {
		if e.ActorID != nil {
			ids = append(ids, *e.ActorID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var users []struct {
		ID                    int64
		DisplayName, Username string
	}
	if err := db.Table("users").Select("id, display_name, username").Where("id IN ?", ids).Find(&users).Error; err != nil {
		return err
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = displayName(u.DisplayName, u.Username)
	}
	for i, c := range d.Contacts {
		if c.ByID != nil {
			d.Contacts[i].ByName = names[*c.ByID]
		}
	}
	for i, e := range d.Timeline {
		if e.ActorID != nil {
			d.Timeline[i].ActorName = names[*e.ActorID]
		}
	}
	return nil
}

// episodeOf fills the case page's episode: its tubes with their released
// results, its external results, and for an open case the first day of a
// retest and the next action to propose.
func (s *Service) episodeOf(db *gorm.DB, c *Followup, d *CaseDetail) error {
	loc, err := stationLocation(db, c.StationID)
	if err != nil {
		return err
	}
	var sms []Sample
	err = db.Where(caseSamplesIn, c.ID, c.ID).Order("collected_at, id").Find(&sms).Error
	if err != nil {
		return err
	}
	ids := make([]int64, len(sms))
	for i, sm := range sms {
		ids[i] = sm.ID
	}
	var rs []Result
	if len(ids) > 0 {
		if err := db.Where("sample_id IN ? AND state = ?", ids, ResultReleased).Order("id").Find(&rs).Error; err != nil {
			return err
		}
	}
	d.Samples = make([]CaseSample, len(sms))
	for i, sm := range sms {
		cs := CaseSample{Accession: sm.Accession, Kind: sm.Kind, Status: sm.Status, CollectedOn: DateOf(sm.CollectedAt.In(loc)),
			ReleasedAt: sm.ReleasedAt, ReportVersion: sm.ReportVersion, Abnormal: sm.Abnormal, Results: []Result{}}
		for _, r := range rs {
			if r.SampleID == sm.ID {
				cs.Results = append(cs.Results, r)
			}
		}
		d.Samples[i] = cs
	}
	d.ExternalResults = []ExternalResult{}
	if err := db.Where("followup_id = ?", c.ID).Order("id").Find(&d.ExternalResults).Error; err != nil {
		return err
	}
	today := Today(s.now(), loc)
	if d.Pregnancy, err = openPregnancyOf(db, c.ClientID); err != nil {
		return err
	}
	if d.Pregnancy != nil {
		d.Pregnancy.fill(&today)
		d.GestationalAge = d.Pregnancy.GestationalAge
	}
	var given []Date
	if err := db.Model(&Vaccination{}).Where("client_id = ? AND vaccine = ?", c.ClientID, "rubella").
		Order("given_on DESC").Limit(1).Pluck("given_on", &given).Error; err != nil {
		return err
	}
	if len(given) == 1 {
		d.VaccinatedOn = &given[0]
	}
	if c.Status == CaseClosed {
		return nil
	}
	st, err := loadSettings(db)
	if err != nil {
		return err
	}
	earliest, ok, err := retestEarliest(db, c.ID, loc, st.RetestMinDays)
	if err != nil {
		return err
	}
	if ok {
		d.RetestEarliestOn = &earliest
	}
	kind := SuggestedNextAction(d.Findings)
	day := today.AddDays(daysOfHours(st.DueHoursRoutine))
	switch {
	case kind == ActionRetest:
		day = today
		if ok && earliest > today {
			day = earliest
		}
	case kind == ActionContact && d.Pregnancy != nil:
		kind, day = ActionOutcome, d.Pregnancy.OutcomeDueOn
	}
	d.SuggestedNextAction = &NextAction{Kind: kind, DueOn: day, DueAt: endOfDay(day, loc)}
	return nil
}

// FollowupFilter selects the queue.
type FollowupFilter struct {
	Status    FollowupStatus // one, or several separated by commas; empty for every status
	Assignee  string         // "me", a user id, or ""
	Overdue   bool
	StationID *int64
	Page      Page
}

// ListFollowups is the counselor's queue: overdue first, then by priority
// and due time. Counselors see their station's cases; admins every case.
func (s *Service) ListFollowups(ctx context.Context, f FollowupFilter) (List[CaseView], error) {
	a, err := s.caseActor(ctx)
	if err != nil {
		return List[CaseView]{}, err
	}
	limit, _, err := Page{Limit: f.Page.Limit, Offset: f.Page.Offset}.check()
	if err != nil {
		return List[CaseView]{}, err
	}
	var v Validation
	now := s.now()
	q := s.read(ctx).Model(&Followup{})
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return List[CaseView]{}, err
	}
	if station != nil {
		q = q.Where("station_id = ?", *station)
	}
	var statuses []FollowupStatus
	if f.Status != "" {
		// One status, or several separated by commas: the counselor's
		// screen asks for "open,in_progress", her active cases, in one
		// request and in the queue's order.
		for _, st := range strings.Split(string(f.Status), ",") {
			switch st := FollowupStatus(strings.TrimSpace(st)); st {
			case CaseOpen, CaseInProgress, CaseClosed:
				if !slices.Contains(statuses, st) {
					statuses = append(statuses, st)
				}
			default:
				v.Add("status", "invalid", "open, in_progress or closed, or several of them separated by commas")
			}
		}
		q = q.Where("status IN ?", statuses)
	}
	switch f.Assignee {
	case "":
	case "me":
		q = q.Where("assignee_id = ?", a.UserID)
	case "none":
		q = q.Where("assignee_id IS NULL")
	default:
		var id int64
		if _, err := fmt.Sscan(f.Assignee, &id); err != nil {
			v.Add("assignee", "invalid", "me, none or a user id")
		}
		q = q.Where("assignee_id = ?", id)
	}
	if f.Overdue {
		// Not closed, spelt as the statuses that are not, so that the
		// (status, due_at) index answers it.
		q = q.Where("status IN ? AND due_at < ?", []FollowupStatus{CaseOpen, CaseInProgress}, now)
	}
	if err := v.Err(); err != nil {
		return List[CaseView]{}, err
	}
	// The page's ids first, in the queue's order, with its total where
	// it is given (followup_queue.go); then those rows.
	narrow := station != nil || f.Assignee != ""
	ids, total, err := queuePage(s.read(ctx), q, narrow, statuses, f.Overdue, now, limit, f.Page.Offset)
	if err != nil {
		return List[CaseView]{}, err
	}
	items, err := s.casePage(ctx, ids, now)
	if err != nil {
		return List[CaseView]{}, err
	}
	return List[CaseView]{Items: items, Total: total}, nil
}

// casePage reads the cases of a page by their ids, in the ids' order,
// each with whom it is about (her name and masked ID) and its assignee's
// name, in one statement. The case's row holds its tube's code and its
// latest contact. The rows are scanned past GORM (Followup.scanTargets):
// for a counselor's screen of 150 cases GORM's scanning was a third of
// the server's CPU (docs/performance.md §4).
func (s *Service) casePage(ctx context.Context, ids []int64, now time.Time) ([]CaseView, error) {
	items := make([]CaseView, 0, len(ids))
	if len(ids) == 0 {
		return items, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.queryPool(ctx, "SELECT "+followupColumns+
		", clients.name, clients.national_id_masked, COALESCE(users.display_name, ''), COALESCE(users.username, ''),"+
		" pregnancies.lmp_date, stations.timezone"+
		" FROM followups JOIN clients ON clients.id = followups.client_id"+
		" JOIN stations ON stations.id = followups.station_id"+
		" LEFT JOIN users ON users.id = followups.assignee_id"+
		" LEFT JOIN pregnancies ON pregnancies.open_client_id = followups.client_id"+
		" WHERE followups.id IN ("+placeholders(len(ids))+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v CaseView
		var display, username, tz string
		var lmp *Date
		if err := rows.Scan(append(v.scanTargets(), &v.ClientName, &v.NationalID, &display, &username, &lmp, &tz)...); err != nil {
			return nil, err
		}
		if lmp != nil {
			v.GestationalAge = GestationalAgeOn(*lmp, Today(now, location(tz)))
		}
		v.fillNextAction()
		v.Findings, v.Overdue = v.Followup.Findings(), v.overdueAt(now)
		v.SampleAccession, v.LastContact = v.Accession, v.lastContact()
		if v.AssigneeID != nil {
			v.AssigneeName = displayName(display, username)
		}
		items = append(items, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return inIDOrder(items, ids, func(v *CaseView) int64 { return v.ID }), nil
}

// displayName is how a user is named to others: her display name, or her
// username where she has none.
func displayName(display, username string) string {
	if display == "" {
		return username
	}
	return display
}

// assigneeName is the case page's name for her counselor (displayName),
// "" when the case is not assigned. The queue joins it instead (casePage).
func (s *Service) assigneeName(ctx context.Context, id *int64) (string, error) {
	if id == nil {
		return "", nil
	}
	var u struct{ DisplayName, Username string }
	// No row reads as no name, as the queue's LEFT JOIN does.
	err := s.read(ctx).Table("users").Select("display_name, username").Where("id = ?", *id).Limit(1).Find(&u).Error
	return displayName(u.DisplayName, u.Username), err
}
