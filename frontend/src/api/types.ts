// The API's types, generated from docs/openapi.yaml into schema.d.ts
// (npm run gen:api; the build fails when the two differ). Areas alias these
// rather than write their own copies, so a field the server renames or
// drops fails vue-tsc instead of reading as undefined on a screen.
import type { components, paths } from './schema'

type Schemas = components['schemas']

export type Finding = Schemas['Finding']
export type Sample = Schemas['Sample']
export type Result = Schemas['Result']
export type Client = Schemas['Client']
export type Problem = Schemas['Problem']
export type Eligibility = Schemas['Eligibility']
export type Analyte = Schemas['Analyte']
export type Kit = Schemas['Kit']
export type Panel = Schemas['Panel']
export type Receipt = Schemas['Receipt']
export type Shipment = Schemas['Shipment']
export type ImportReport = Schemas['ImportReport']
export type Reveal = Schemas['Reveal']
export type SafetyNetItem = Schemas['SafetyNetItem']
export type Slot = Schemas['Slot']
export type SlotBatch = Schemas['SlotBatch']
export type AuditEntry = Schemas['AuditEntry']
export type Settings = Schemas['Settings']
export type SettingRule = Schemas['SettingRule']
export type WorkCalendar = Schemas['WorkCalendar']
export type Notification = Schemas['Notification']
export type Analyser = Schemas['Analyser']
export type InterfaceMessage = Schemas['InterfaceMessage']
export type QCMaterial = Schemas['QCMaterial']
export type ReagentLot = Schemas['ReagentLot']
export type QCRejectionRate = Schemas['QCRejectionRate']
export type QCValue = Schemas['QCValue']
export type RunSummary = Schemas['RunSummary']
export type RunDetail = Schemas['RunDetail']
export type Station = Schemas['Station']
export type SessionUser = Schemas['SessionUser']
export type User = Schemas['User']
export type GestationalAge = Schemas['GestationalAge']
export type Pregnancy = Schemas['Pregnancy']
export type PregnancyTask = Schemas['PregnancyTask']
export type PregnancyContact = Schemas['PregnancyContact']
export type Vaccination = Schemas['Vaccination']
export type Contact = Schemas['Contact']
export type ExternalResult = Schemas['ExternalResult']
export type CaseSample = Schemas['CaseSample']
export type DayListEntry = Schemas['DayListEntry']
export type Appointment = Schemas['Appointment']
export type Reminders = Schemas['Reminders']
export type MessageTemplate = Schemas['MessageTemplate']
export type Message = Schemas['Message']
export type MessageTemplateList = Schemas['MessageTemplateList']

// ProblemCode is every code the server can answer a refusal with
// (lab/codes.go, kept equal to the reference's enum by api/codes_test.go).
export type ProblemCode = Problem['code']

// ClientCode is a refusal the UI makes itself, before or without the
// server: a request that never reached it, a scan cut short.
export type ClientCode = 'network' | 'scan_length'

// FailCode is every code a refusal shown to the user can carry.
export type FailCode = ProblemCode | ClientCode

// JSONBody is the JSON a route takes, as the reference describes it:
// JSONBody<'/api/v1/clients', 'post'>.
export type JSONBody<P extends keyof paths, M extends 'post' | 'put' | 'patch'> =
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
