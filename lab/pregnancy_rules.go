package lab

import (
	"regexp"
	"slices"
	"strings"
)

// The pregnancy's dates (domain.md §1, items 18–19): pure rules,
// tested in pregnancy_rules_test.go.

// gestationTerm is Naegele's rule: the due date is 280 days after the last
// menstrual period.
const gestationTerm = 280

// EDDFromLMP returns the estimated date of delivery of a pregnancy whose
// last menstrual period began on lmp.
func EDDFromLMP(lmp Date) Date { return lmp.AddDays(gestationTerm) }

// LMPFromEDD returns the last menstrual period an estimated delivery date
// implies, for gestational ages counted from an EDD given by a clinic.
func LMPFromEDD(edd Date) Date { return edd.AddDays(-gestationTerm) }

// GestationalAgeOn is the gestation on a day, counted from the LMP; nil
// before the LMP.
func GestationalAgeOn(lmp, on Date) *GestationalAge {
	d := GestationDays(lmp, on)
	if d < 0 {
		return nil
	}
	return &GestationalAge{Weeks: d / 7, Days: d % 7}
}

// PregnancyTasks are the two follow-up tasks of a pregnancy and their
// days: the early-pregnancy contact is due by EarlyDueOn (nil when the
// pregnancy was recorded after that day: the early window had passed);
// the outcome follow-up opens on OutcomeFrom and is due by OutcomeDueOn.
type PregnancyTasks struct {
	EarlyDueOn   *Date
	OutcomeFrom  Date
	OutcomeDueOn Date
}

// PregnancyTasksOf applies the settings to a pregnancy recorded on a day:
// the early contact is due by the last day of early pregnancy
// (early_pregnancy_days after the LMP, 13 weeks 6 days), the outcome
// follow-up opens outcome_after_edd_days after the EDD (6 weeks after
// birth, when the postnatal check has found what it will) and is due
// outcome_followup_days later.
func PregnancyTasksOf(lmp Date, recordedOn Date, st Settings) PregnancyTasks {
	edd := EDDFromLMP(lmp)
	t := PregnancyTasks{OutcomeFrom: edd.AddDays(st.OutcomeAfterEDDDays)}
	t.OutcomeDueOn = t.OutcomeFrom.AddDays(st.OutcomeFollowupDays)
	if early := lmp.AddDays(st.EarlyPregnancyDays); early >= recordedOn {
		t.EarlyDueOn = &early
	}
	return t
}

// Pregnancy outcomes (API.md).
var pregnancyOutcomes = []string{"live_birth", "stillbirth", "miscarriage", "induced_abortion", "ectopic", "unknown"}

// PregnancyOutcomes are the kinds of outcome, in the order the summary
// and its files list them.
func PregnancyOutcomes() []string { return slices.Clone(pregnancyOutcomes) }

// icd10Congenital is the form of an ICD-10 code of chapter XVII, congenital
// malformations, deformations and chromosomal abnormalities (Q00–Q99),
// with an optional subcategory: Q21, Q21.1, Q90.9. Only the form is
// checked; torchlab carries no ICD-10 table.
var icd10Congenital = regexp.MustCompile(`^Q[0-9]{2}(\.[0-9]{1,2})?$`)

// ValidDefectCode reports whether code has the form of an ICD-10 Q code
// (after trimming and upper-casing).
func ValidDefectCode(code string) bool {
	return icd10Congenital.MatchString(strings.ToUpper(strings.TrimSpace(code)))
}
