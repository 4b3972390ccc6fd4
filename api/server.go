// Package api is torchlab's HTTP layer: routes, authentication, role
// checks, request decoding and the one place where domain errors become
// HTTP statuses (RFC 9457 problem+json). Handlers are thin: decode, call a
// lab use case, respond.
package api

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"torchlab/docs"
	"torchlab/lab"
	"torchlab/lab/stats"
)

// Config wires the HTTP layer.
type Config struct {
	Logger *slog.Logger
	// Ready reports whether the service can take traffic (database reachable,
	// migrations current); nil means always ready.
	Ready func(ctx context.Context) error
	// Frontend is the built web UI (index.html at its root); nil serves none.
	Frontend fs.FS
	// SecureCookies marks cookies Secure: set it when served over HTTPS.
	SecureCookies bool
	// TrustedProxies are the addresses whose X-Forwarded-For is believed
	// when telling the client's address (audit rows, throttling).
	TrustedProxies []string
	// Registry collects the metrics that Metrics serves; nil makes one.
	Registry *prometheus.Registry
	// SafetyNetMaxAge is how long a scrape of the metrics may reuse the
	// safety net's count (a read of every open case and released abnormal
	// sample); 0 counts on every scrape.
	SafetyNetMaxAge time.Duration
	// MessageReceiptToken is the secret last segment of the route the SMS
	// gateway posts delivery receipts to (TORCHLAB_SMS_RECEIPT_TOKEN);
	// empty, the route answers 404.
	MessageReceiptToken string
	// StatsFreshness is how old the kept statistics may be before a
	// summary brings them up to date (stats.Options.Freshness).
	StatsFreshness time.Duration
}

// Server routes HTTP requests to the use cases.
type Server struct {
	svc     *lab.Service
	stats   *stats.Service
	cfg     Config
	log     *slog.Logger
	engine  *gin.Engine
	trusted []*net.IPNet
}

// New builds the HTTP handler of torchlab.
func New(svc *lab.Service, cfg Config) (*Server, error) {
	gin.SetMode(gin.ReleaseMode)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
		cfg.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	s := &Server{svc: svc, stats: stats.New(svc, stats.Options{Freshness: cfg.StatsFreshness}), cfg: cfg, log: cfg.Logger}
	e := gin.New()
	e.HandleMethodNotAllowed = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	for _, p := range cfg.TrustedProxies {
		if !strings.Contains(p, "/") {
			if strings.Contains(p, ":") {
				p += "/128"
			} else {
				p += "/32"
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
		}
		s.trusted = append(s.trusted, n)
	}
	m := newMetrics(cfg.Registry)
	cfg.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "torchlab_followup_safety_net_items",
		Help: "Released abnormal samples without a case, and open cases whose assignee cannot work them. Must be 0.",
	}, (&safetyNetGauge{svc: svc, maxAge: cfg.SafetyNetMaxAge}).read))
	// Transactions run again (lab/database_retry.go): a cluster's certification
	// conflicts, and nodes lost, show here rather than as errors.
	cfg.Registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "torchlab_db_retries_total", Help: "Transactions run again after the database refused them without saving.",
			ConstLabels: prometheus.Labels{"reason": "conflict"},
		}, func() float64 { c, _ := lab.RetryCounts(); return float64(c) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "torchlab_db_retries_total", Help: "Transactions run again after the database refused them without saving.",
			ConstLabels: prometheus.Labels{"reason": "lost_connection"},
		}, func() float64 { _, l := lab.RetryCounts(); return float64(l) }),
	)
	e.Use(securityHeaders, s.withRequestID, accessLog, m.observe, recoverPanic)
	s.engine = e
	s.routes()
	return s, nil
}

// ServeHTTP makes the Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists every registered method and path, for the API reference test.
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

func (s *Server) routes() {
	e := s.engine
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/api/v1/openapi.yaml", func(c *gin.Context) { c.Data(http.StatusOK, "application/yaml; charset=utf-8", docs.OpenAPI) })

	v1 := e.Group("/api/v1")
	public := v1.Group("", anonymous)
	public.POST("/auth/login", s.login)
	public.POST("/messages/receipts/:token", s.messageReceipts)

	signedIn := v1.Group("", s.authenticate)
	signedIn.POST("/auth/logout", s.logout)
	signedIn.GET("/me", s.me)
	signedIn.POST("/me/password", s.changePassword)
	signedIn.GET("/stations/:id", s.getStation)
	signedIn.GET("/stations/:id/slots", s.listSlots)
	signedIn.GET("/panels", s.listPanels)
	signedIn.GET("/samples", s.listSamples)
	signedIn.GET("/samples/:accession", s.getSample)
	signedIn.GET("/shipments", s.listShipments)
	signedIn.GET("/shipments/:id", s.getShipment)
	signedIn.GET("/analytes", s.listAnalytes)
	signedIn.GET("/notifications", s.listNotifications)
	signedIn.GET("/fhir/DiagnosticReport/:accession", s.fhirDiagnosticReport)
	signedIn.GET("/fhir/DiagnosticReport/:accession/$everything", s.fhirEverything)
	signedIn.GET("/reports/summary", s.reportSummary)
	signedIn.GET("/reports/summary.csv", s.reportSummaryCSV)
	signedIn.GET("/reports/summary.xlsx", s.reportSummaryXLSX)
	signedIn.POST("/notifications/:id/read", s.readNotification)
	signedIn.GET("/samples/:accession/report", s.sampleReport)
	signedIn.GET("/samples/:accession/report.pdf", s.sampleReportPDF)

	printing := signedIn.Group("", allow(lab.RoleNurse, lab.RoleLabTech, lab.RoleAdmin))
	printing.GET("/samples/:accession/label.png", s.labelPNG)
	printing.GET("/samples/:accession/label.zpl", s.labelZPL)
	printing.GET("/labels.pdf", s.labelsPDF)
	printing.POST("/samples/:accession/label/printed", s.confirmLabelPrinted)
	printing.POST("/labels/printed", s.confirmLabelsPrinted)

	bench := signedIn.Group("", allow(lab.RoleLabTech, lab.RoleAdmin))
	bench.POST("/samples/:accession/receive", s.receiveSample)
	bench.POST("/samples/:accession/reject", s.rejectSample)
	bench.POST("/shipments/:id/scan", s.scanShipment)
	bench.PUT("/samples/:accession/results", s.enterResults)
	bench.POST("/samples/:accession/results/:analyte/amend", s.amendResult)
	bench.POST("/samples/:accession/verify", s.verifySample)
	bench.GET("/samples/:accession/review", s.reviewRelease)
	bench.POST("/results/import", s.importResults)
	bench.GET("/results/imports/:id/errors.csv", s.importErrors)
	// The lab reads the analysers and their messages; admins configure them.
	bench.GET("/analysers", s.listAnalysers)
	bench.GET("/analysers/:id", s.getAnalyser)
	bench.GET("/analysers/:id/messages", s.listInterfaceMessages)
	bench.GET("/lots", s.listLots)
	bench.POST("/lots", s.createLot)
	bench.POST("/lots/:id/use", s.useLot)
	bench.GET("/qc/materials", s.listQCMaterials)
	bench.POST("/qc/materials", s.createQCMaterial)
	bench.GET("/qc/materials/:id/chart", s.qcChart)
	bench.GET("/qc/rejection-rates", s.qcRejectionRates)
	bench.GET("/runs", s.listRuns)
	bench.POST("/runs", s.createRun)
	bench.GET("/runs/:id", s.getRun)
	bench.POST("/runs/:id/samples", s.addRunSamples)
	bench.POST("/runs/:id/qc", s.recordQC)
	bench.POST("/runs/:id/corrective-action", s.correctiveAction)
	bench.GET("/runs/:id/plate", s.runPlate)
	bench.PUT("/runs/:id/plate", s.setRunPlateLayout)
	bench.GET("/runs/:id/plate.csv", s.runPlateCSV)
	bench.POST("/runs/:id/plate/od", s.readRunPlate)

	desk := signedIn.Group("", allow(lab.RoleNurse, lab.RoleAdmin))
	desk.POST("/stations/:id/slots", s.createSlots)
	desk.PATCH("/slots/:id", s.updateSlot)
	desk.DELETE("/slots/:id", s.deleteSlot)
	desk.GET("/clients/:id/eligibility", s.clientEligibility)
	desk.POST("/clients/:id/consent", s.recordConsent)
	desk.POST("/clients", s.registerClient)
	desk.PATCH("/clients/:id", s.updateClient)
	desk.POST("/appointments", s.bookAppointment)
	desk.POST("/appointments/:id/check-in", s.appointmentMove(s.svc.CheckIn))
	desk.POST("/appointments/:id/no-show", s.appointmentMove(s.svc.MarkNoShow))
	desk.POST("/appointments/:id/cancel", s.cancelAppointment)
	desk.POST("/appointments/:id/reschedule", s.rescheduleAppointment)
	desk.POST("/appointments/:id/samples", s.collectSample)
	desk.POST("/shipments", s.createShipment)
	desk.POST("/shipments/:id/dispatch", s.dispatchShipment)

	station := signedIn.Group("", allow(lab.RoleNurse, lab.RoleCounselor, lab.RoleAdmin))
	station.GET("/clients", s.listClients)
	station.GET("/clients/:id", s.getClient)
	station.GET("/clients/:id/national_id", s.revealNationalID)
	station.GET("/clients/:id/phone", s.revealPhone)
	station.GET("/appointments", s.listAppointments)
	station.GET("/appointments/:id", s.getAppointment)
	station.GET("/recollections", s.listRecollections)
	station.POST("/clients/:id/pregnancies", s.recordPregnancy)
	station.GET("/clients/:id/pregnancies", s.listClientPregnancies)
	station.POST("/clients/:id/vaccinations", s.recordVaccination)
	station.GET("/clients/:id/vaccinations", s.listVaccinations)
	station.GET("/pregnancies", s.listPregnancyTasks)
	station.POST("/pregnancies/:id/outcome", s.recordOutcome)
	station.PUT("/pregnancies/:id/outcome", s.correctOutcome)
	station.POST("/pregnancies/:id/contacts", s.addPregnancyContact)
	station.GET("/pregnancies/:id/contacts", s.listPregnancyContacts)
	station.PUT("/clients/:id/reminders", s.setReminders)
	station.GET("/messages", s.listMessages)

	admin := signedIn.Group("", allow(lab.RoleAdmin))
	admin.GET("/stations", s.listStations)
	admin.POST("/stations", s.createStation)
	admin.PATCH("/stations/:id", s.updateStation)
	admin.POST("/analysers", s.createAnalyser)
	admin.PATCH("/analysers/:id", s.updateAnalyser)
	admin.GET("/users", s.listUsers)
	admin.POST("/users", s.createUser)
	admin.GET("/users/:id", s.getUser)
	admin.PATCH("/users/:id", s.updateUser)
	admin.GET("/settings", s.getSettings)
	admin.POST("/runs/:id/override", s.overrideRun)
	admin.PUT("/settings", s.putSettings)
	admin.GET("/settings/rules", s.settingRules)
	admin.GET("/settings/message-templates", s.listMessageTemplates)
	admin.PUT("/settings/message-templates/:event/:lang", s.putMessageTemplate)
	admin.DELETE("/settings/message-templates/:event/:lang", s.resetMessageTemplate)
	admin.GET("/settings/calendar", s.getCalendar)
	admin.PUT("/settings/calendar", s.putCalendar)
	admin.GET("/audit", s.listAudit)
	admin.POST("/analytes/:code/kits", s.addKit)
	admin.PUT("/analytes/:code/plausible-range", s.setPlausibleRange)
	admin.GET("/followups/safety-net", s.safetyNet)
	admin.PATCH("/followups/:id", s.reassignFollowup)
	admin.POST("/followups/:id/reopen", s.reopenFollowup)

	counsel := signedIn.Group("", allow(lab.RoleCounselor, lab.RoleAdmin))
	counsel.GET("/followups", s.listFollowups)
	counsel.GET("/followups/:id", s.getFollowup)
	counsel.POST("/followups/:id/contacts", s.addContact)
	counsel.POST("/followups/:id/retest", s.bookRetest)
	counsel.POST("/followups/:id/close", s.closeFollowup)
	counsel.POST("/followups/:id/external-results", s.recordExternalResult)

	e.NoRoute(s.noRoute)
}
