import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as labels from '../labels';

// The enums of the generated client, read from src/api/schema.d.ts: `Name: "a" | "b";`.
const SCHEMA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'api', 'schema.d.ts');
const ENUM_LINE = /^ {8}(\w+): ("[^"]*"(?: \| "[^"]*")*);$/gm;
const ENUMS = new Map(
  [...readFileSync(SCHEMA, 'utf8').matchAll(ENUM_LINE)].map(([, name, values]) => [name, values.split(' | ').map((v) => JSON.parse(v) as string)]),
);

// Every enum the SPA shows is labelled here, in src/lib/labels.ts.
const LABELLED: Record<string, Record<string, string>> = {
  SubmissionStatus: labels.SUBMISSION_STATUS_LABELS,
  TierCode: labels.TIER_LABELS,
  Pillar: labels.PILLAR_LABELS,
  Role: labels.ROLE_LABELS,
  UnitKind: labels.UNIT_KIND_LABELS,
  PeriodKind: labels.PERIOD_KIND_LABELS,
  Recipient: labels.RECIPIENT_LABELS,
  ReminderKind: labels.REMINDER_KIND_LABELS,
  ModelStatus: labels.MODEL_STATUS_LABELS,
  Subject: labels.SUBJECT_LABELS,
  Channel: labels.CHANNEL_LABELS,
  BaselineStatus: labels.BASELINE_STATUS_LABELS,
  DeliveryStatus: labels.DELIVERY_STATUS_LABELS,
  FindingStatus: labels.FINDING_STATUS_LABELS,
  WebhookEvent: labels.WEBHOOK_EVENT_LABELS,
  RuleKind: labels.RULE_KIND_LABELS,
  Cadence: labels.CADENCE_LABELS,
};

// The others, and why the SPA keeps no label of its own for them.
const NOT_LABELLED: Record<string, string> = {
  RankStatus: 'the API sends rank_status_label',
  ProposalStatus: 'the API sends status_label',
  ModelKind: 'the API sends kind_label and lists the kinds with their names (GET /model-kinds)',
  AppraisalStatus: 'the API sends status_label',
  NominationStatus: 'the API sends status_label',
  TimelinessStatus: 'the API sends timeliness_label',
  Measure: 'chooses the input, never shown',
  Permission: 'decides what is shown, never shown',
  TokenScope: 'the tokens page labels the scopes it offers',
  PeriodStatus: 'shown as a lock icon',
  InspectionStatus: 'shown as the inspection date',
  Encoding: 'an import option; encodings are known by their own names (UTF-8, Windows-1258)',
  ActionStatus: 'shown as the completion date',
  SchemeDraftStatus: 'not shown by the SPA',
  ImportKind: 'the import page names the file it asked for',
  ExportFormat: 'a file type, shown as its button',
  FindingDecision: 'the buttons of the decision name it',
  SubmissionSort: "a sort parameter: the sorted column's header names it",
  UnitSort: "a sort parameter: the sorted column's header names it",
  UserSort: "a sort parameter: the sorted column's header names it",
  InspectionSort: "a sort parameter: the sorted column's header names it",
  AuditSort: "a sort parameter: the sorted column's header names it",
  ProposalSort: "a sort parameter: the sorted column's header names it",
  NominationSort: "a sort parameter: the sorted column's header names it",
  BonusSort: "a sort parameter: the sorted column's header names it",
  ModelSort: "a sort parameter: the sorted column's header names it",
  ExemplarSort: "a sort parameter: the sorted column's header names it",
  NarrativeSort: "a sort parameter: the sorted column's header names it",
};

describe('enum labels', () => {
  it('reads the enums of the generated client', () => {
    expect(ENUMS.get('SubmissionStatus')).toEqual(['draft', 'submitted', 'returned', 'approved']);
  });

  it.each(Object.keys(LABELLED))('labels every value of %s, and nothing else', (name) => {
    const values = ENUMS.get(name);
    expect(values, `${name} is not an enum of the generated client`).toBeDefined();
    expect(Object.keys(LABELLED[name]).sort()).toEqual([...values!].sort());
    for (const label of Object.values(LABELLED[name])) expect(label.trim()).not.toBe('');
  });

  it('accounts for every enum of the generated client', () => {
    const unaccounted = [...ENUMS.keys()].filter((name) => !(name in LABELLED) && !(name in NOT_LABELLED));
    expect(unaccounted, 'label the new enum in src/lib/labels.ts or say here why not').toEqual([]);
    expect(Object.keys(NOT_LABELLED).filter((name) => !ENUMS.has(name))).toEqual([]);
  });

  it('calls a draft report what the server calls it', () => {
    expect(labels.SUBMISSION_STATUS_LABELS.draft).toBe('Nháp');
  });
});
