package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/api"
	"torchlab/lab"
	"torchlab/lab/labtest"
)

// The case a release opens is named by its id in every row the release
// writes about it: its sample, its timeline, its audit row and its
// notices, with webhooks (whose bodies carry the id) and without.
func TestReleaseNamesTheCaseItOpens(t *testing.T) {
	for _, hooks := range [][]string{nil, {"https://hooks.example.test/torchlab"}} {
		name := "without webhooks"
		if hooks != nil {
			name = "with webhooks"
		}
		t.Run(name, func(t *testing.T) {
			eachDB(t, func(t *testing.T, e *env) {
				e.svc = lab.NewService(e.db, lab.Options{Clock: e.clock.Now, BcryptCost: bcrypt.MinCost,
					SessionIdle: 2 * time.Hour, SessionMax: 12 * time.Hour, Key: labtest.Key, WebhookRecipients: hooks})
				srv, err := api.New(e.svc, api.Config{Logger: quiet, Ready: func(context.Context) error { return nil }})
				if err != nil {
					t.Fatal(err)
				}
				e.srv = srv
				nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
				tech := e.signIn("tech", lab.RoleLabTech, 0)
				tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
				counselor := e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
				sm := e.received(nurse, tech, 1, "")
				acc := "/api/v1/samples/" + sm.Accession
				expectStatus(t, e.do("PUT", acc+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20"})}), http.StatusOK)
				expectStatus(t, e.do("POST", acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)

				var c lab.Followup
				if err := e.db.Gorm.Where("sample_accession = ?", sm.Accession).First(&c).Error; err != nil {
					t.Fatal(err)
				}
				if c.AssigneeID == nil || *c.AssigneeID != counselor {
					t.Fatalf("case %+v not assigned to %d", c, counselor)
				}
				var samples, events, audits, notices int64
				e.db.Gorm.Table("followup_samples").Where("followup_id = ? AND sample_id = ?", c.ID, c.SampleID).Count(&samples)
				e.db.Gorm.Table("followup_events").Where("followup_id = ? AND event IN ?", c.ID, []string{"opened", "assigned"}).Count(&events)
				e.db.Gorm.Table("audit_log").Where("action = ? AND entity = ? AND entity_id = ?", "followup.open", "followup", c.ID).Count(&audits)
				e.db.Gorm.Table("notifications").Where("followup_id = ? AND user_id = ? AND type = ?", c.ID, counselor, lab.NotifyAssigned).Count(&notices)
				if samples != 1 || events != 2 || audits != 1 || notices != 1 {
					t.Fatalf("case %d: %d samples, %d events, %d audit rows, %d notices", c.ID, samples, events, audits, notices)
				}
				var payloads []string
				e.db.Gorm.Table("outbox").Pluck("payload", &payloads)
				if len(payloads) != len(hooks) {
					t.Fatalf("outbox = %v", payloads)
				}
				for _, p := range payloads {
					var body struct {
						FollowupID int64 `json:"followup_id"`
					}
					if err := json.Unmarshal([]byte(p), &body); err != nil || body.FollowupID != c.ID {
						t.Fatalf("outbox body %s does not name case %d", p, c.ID)
					}
				}
			})
		})
	}
}
