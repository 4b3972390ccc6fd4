// Package lab is torchlab's domain: its types, the programme's rules and
// state machines, and the use cases that change state. It knows nothing of
// HTTP. Every use case that changes state runs in one transaction together
// with its audit row.
//
// # Where things are
//
// Files are named by the part of the work they serve, so that each part
// sorts together; a name's prefix says the part. Pure rules (no database)
// sit beside the use cases that apply them, and are named as rules
// (interpret, *_rules, client_idcard, accession).
//
// Identity — who signs in and where they work:
//
//   - user, user_bootstrap: staff accounts, the first admin
//   - session, session_cache, session_throttle: sign-in sessions, their
//     check from memory, the throttle on password attempts
//   - password: password rules and hashes (commonpasswords/)
//   - station: the family-planning stations and their time zones
//   - actor: who is acting (Actor in the context), roles, station scope
//
// Desk — the woman, her eligibility and her booking:
//
//   - client, client_update, client_search, client_terms: registering and
//     correcting a woman, finding her by name, phone or ID number
//   - client_idcard, client_phone: the resident ID number's checksum, phone
//     forms and masking
//   - eligibility, eligibility_check: her category and the rules that
//     refuse a booking (each with its code)
//   - appointment, appointment_book, appointment_moves, appointment_day,
//     appointment_noshow_job: booking, check-in and moves, the day list,
//     marking no-shows
//   - slot, slot_edit: bookable times at a station
//   - calendar: the programme's working calendar (holidays, make-up days)
//
// Specimens — the tube from the draw to the lab's hands:
//
//   - samples, sample_list: collection and the tube's states; the samples
//     list
//   - accession, accession_sequence: the accession code and its check
//     character, the sequence that hands them out
//   - label_print: tube labels (the drawing is in labels/)
//   - shipment, shipment_list: boxes of tubes sent to the lab
//   - receiving: receipt at the lab, and rejection of a tube
//
// Results — from the analyser to the released report:
//
//   - results, result_values: entering results, censored values
//   - import, import_lines, import_errors: an analyser's CSV file
//   - analyser, analyser_orders, analyser_results, analyser_messages: the
//     analysers' own interfaces (ASTM, HL7) and their kept messages
//   - runs, run_correct: analytical runs and their corrective actions
//   - plate, plate_layout, plate_od, plate_run: ELISA plates and their ODs
//   - lots, kits, panels, panel_cache: reagent lots, kit cut-offs, the
//     analytes of the panel
//   - qc_materials, qc_values, qc_westgard, qc_rates: quality control and
//     the Westgard rules
//   - interpret, interpret_pair: the serology interpretation, and a
//     retest read against her earlier sample (paired sera)
//   - verify, verify_read, verify_pair, release_plan, multi_read:
//     verification and release; planRelease decides, and the release's
//     steps (the follow-up, the report-ready message) queue their writes
//     with its COMMIT
//   - report, report_freeze, fhir_export: the woman's report, its frozen
//     versions, the FHIR export of a released sample
//
// Follow-up — what happens to a woman after her result:
//
//   - followup, followup_release, followup_next, followup_work,
//     followup_view, followup_queue, followup_retest, followup_external,
//     followup_jobs: the case opened by a release, its next action, the
//     counselor's contacts, the queue, retests, results from elsewhere,
//     escalation (a case's episode is its tubes and their results)
//   - pregnancy, pregnancy_rules, pregnancy_tasks, pregnancy_outcome: a
//     screened woman's pregnancy, its due dates and its outcome
//   - vaccination: a rubella vaccination and its deferral
//   - message, message_templates, message_words, message_jobs,
//     message_delivery, message_reminders: text messages to the woman,
//     their wording, sending, and her choice of reminders
//   - notification, notification_outbox: staff notifications, and their
//     webhook deliveries
//
// Shared — what every part uses:
//
//   - service, service_seam: the Service and its options; what packages
//     built on lab (lab/stats) use of it
//   - database, database_retry, database_nodes, database_direct: opening
//     the database, transactions run again after a lock conflict or a lost
//     node, a cluster's nodes, statements past GORM's builder
//   - write_batch: a transaction's writes sent as one round trip
//   - errors: Error and its codes (api maps each to an HTTP status)
//   - audit: the append-only audit log
//   - settings: the programme's settings that admins change
//   - seal, seal_key, seal_export: encryption of personal data at rest
//   - text, text_fullwidth, dates, page: text checks, dates without a
//     zone, paged lists
//   - jobs: the background jobs' loop
//
// Statistics are their own package, lab/stats, which imports lab; lab
// never imports it (package_deps_test.go). Other packages under lab: fhir
// (FHIR resources), labels (label drawing), reportpdf (the report's PDF),
// sms (gateways), labtest (the tests' databases).
package lab
