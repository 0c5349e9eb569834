import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { vi } from '../i18n/vi.ts';
import { casesVi } from './cases.messages.ts';
import {
  casePersonSchema,
  createCaseSchema,
  idNumberSchema,
  isIdNumberShaped,
  listCasesQuerySchema,
  maskIdNumber,
  normaliseIdNumber,
  reportSummaryQuerySchema,
  reportSummarySchema,
  updateCaseSchema,
} from './cases.schemas.ts';
import { createRehabDossierSchema, moveRehabDossierSchema, rehabDossierSchema } from './rehab.schemas.ts';
import { seizureSchema } from './seizures.schemas.ts';

const UNIT = '0b6f3a1e-6d0c-4a57-9a55-8a5b0f2e7c11';
const OFFICER = '4c1d2e3f-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/** The message keys of a refused input, each checked to exist in the shared catalogue or under `cases`. */
function refusals(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => i.message);
}
const exists = (key: string) => {
  const [root, ...rest] = key.startsWith('cases.') ? [casesVi, ...key.split('.').slice(1)] : [vi, ...key.split('.')];
  return (
    typeof rest.reduce<unknown>(
      (cur, part) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part as string] : undefined),
      root,
    ) === 'string'
  );
};

describe('citizen ID numbers (CCCD: 12 digits, Luật Căn cước 2023)', () => {
  it('ignores spaces and dots, then requires exactly 12 digits', () => {
    expect(normaliseIdNumber('001 234 567 890')).toBe('001234567890');
    expect(normaliseIdNumber('001.234.567.890')).toBe('001234567890');
    expect(idNumberSchema.parse(' 001.234 567.890 ')).toBe('001234567890');
    expect(isIdNumberShaped('001234567890')).toBe(true);
    expect(refusals(idNumberSchema, '00123456789')).toEqual(['cases.idNumberFormat']);
    expect(refusals(idNumberSchema, '0012345678901')).toEqual(['cases.idNumberFormat']);
    expect(refusals(idNumberSchema, '00123456789O')).toEqual(['cases.idNumberFormat']);
    expect(refusals(idNumberSchema, '001-234-567-890')).toEqual(['cases.idNumberFormat']);
  });

  it('masks all but the first and last four digits', () => {
    expect(maskIdNumber('001234567890')).toBe('0012••••7890');
    expect(maskIdNumber('001 234 567 890')).toBe('0012••••7890');
    expect(maskIdNumber('12345')).toBe('•••••');
  });
});

const goodCase = {
  unitId: UNIT,
  type: 'drug_storing',
  occurredOn: '2026-03-01',
  discoveredOn: '2026-03-02',
  summary: 'Phát hiện đối tượng tàng trữ 2 gói heroin.',
  officerIds: [OFFICER],
};

describe('case input', () => {
  it('accepts a case and counts its summary after NFC normalisation', () => {
    const decomposed = 'Tàng trữ'.normalize('NFD');
    const parsed = createCaseSchema.parse({ ...goodCase, summary: `  ${decomposed}  `, penalCodeArticle: '249' });
    expect(parsed.summary).toBe('Tàng trữ'.normalize('NFC'));
    expect(createCaseSchema.safeParse({ ...goodCase, summary: 'ệ'.normalize('NFD').repeat(5000) }).success).toBe(true);
    expect(refusals(createCaseSchema, { ...goodCase, summary: 'a'.repeat(5001) })).toEqual(['validation.tooLong']);
  });

  it('refuses bad input with message keys', () => {
    expect(refusals(createCaseSchema, { ...goodCase, summary: '   ' })).toEqual(['validation.required']);
    expect(refusals(createCaseSchema, { ...goodCase, discoveredOn: '2026-02-28' })).toEqual(['cases.discoveredBeforeOccurred']);
    expect(refusals(createCaseSchema, { ...goodCase, occurredOn: '01/03/2026' })).toEqual(['validation.date']);
    expect(refusals(createCaseSchema, { ...goodCase, penalCodeArticle: 'Điều 249' })).toEqual(['cases.penalCodeArticleFormat']);
    expect(refusals(createCaseSchema, { ...goodCase, officerIds: [OFFICER, OFFICER] })).toEqual(['cases.officersDuplicate']);
    expect(refusals(createCaseSchema, { ...goodCase, unitId: 'block-1' })).toEqual(['validation.id']);
    // A type's existence is the catalogue's to say (the server answers cases.typeUnknown); its code's shape is checked here.
    expect(refusals(createCaseSchema, { ...goodCase, type: 'Giết người' })).toEqual(['cases.typeCodeFormat']);
    expect(createCaseSchema.safeParse({ ...goodCase, type: 'snatching' }).success).toBe(true);
    expect(createCaseSchema.safeParse({ ...goodCase, status: 'cleared' }).success).toBe(false);
    expect(createCaseSchema.parse({ ...goodCase, penalCodeArticle: '217A' }).penalCodeArticle).toBe('217a');
  });

  it('updates facts, never the status, and refuses an empty change', () => {
    expect(updateCaseSchema.parse({ type: 'drug_trading' })).toEqual({ type: 'drug_trading' });
    expect(refusals(updateCaseSchema, {})).toEqual(['cases.nothingToUpdate']);
    expect(updateCaseSchema.safeParse({ status: 'cleared' }).success).toBe(false);
  });
});

describe('persons in a case', () => {
  const suspect = {
    role: 'suspect',
    name: 'Nguyễn Văn A',
    birthYear: 1990,
    idNumber: '001 090 012 345',
    address: 'Khối 5',
    arrest: { at: '2026-03-02T21:30:00+07:00', measure: 'caught_in_act' },
  };
  it('accepts a suspect caught in the act (BLTTHS 2015 Art. 111) and normalises the ID number', () => {
    expect(casePersonSchema.parse(suspect).idNumber).toBe('001090012345');
  });
  it('refuses an arrest of a victim or witness, a bad year, a bad ID number', () => {
    expect(refusals(casePersonSchema, { ...suspect, role: 'witness' })).toEqual(['cases.arrestOnlySuspect']);
    expect(refusals(casePersonSchema, { ...suspect, birthYear: 1890 })).toEqual(['cases.birthYearInvalid']);
    expect(refusals(casePersonSchema, { ...suspect, birthYear: new Date().getUTCFullYear() + 1 })).toEqual(['cases.birthYearInvalid']);
    expect(refusals(casePersonSchema, { ...suspect, idNumber: '12345' })).toEqual(['cases.idNumberFormat']);
    expect(refusals(casePersonSchema, { ...suspect, arrest: { at: '2026-03-02 21:30', measure: 'wanted' } })).toEqual(['cases.arrestTime']);
    expect(refusals(casePersonSchema, { ...suspect, name: ' ' })).toEqual(['validation.required']);
  });
});

describe('seized items', () => {
  it('accepts a decimal string in a unit the kind allows', () => {
    expect(seizureSchema.parse({ kind: 'firecracker_powder', quantity: '1.2', unit: 'kg' })).toEqual({
      kind: 'firecracker_powder',
      quantity: '1.2',
      unit: 'kg',
    });
    expect(seizureSchema.safeParse({ kind: 'ecstasy', quantity: '1234', unit: 'tablet', note: 'Viên nén màu hồng' }).success).toBe(true);
  });
  it('refuses numbers, commas, zero, too many decimals, a unit foreign to the kind, and fractions of counts', () => {
    expect(refusals(seizureSchema, { kind: 'heroin', quantity: 1.2, unit: 'g' })).toEqual(['cases.seizure.quantityFormat']);
    expect(refusals(seizureSchema, { kind: 'heroin', quantity: '1,2', unit: 'g' })).toEqual(['cases.seizure.quantityFormat']);
    expect(refusals(seizureSchema, { kind: 'heroin', quantity: '01.2', unit: 'g' })).toEqual(['cases.seizure.quantityFormat']);
    expect(refusals(seizureSchema, { kind: 'heroin', quantity: '0.000', unit: 'g' })).toEqual(['cases.seizure.quantityPositive']);
    expect(refusals(seizureSchema, { kind: 'heroin', quantity: '0.0000001', unit: 'g' })).toEqual(['cases.seizure.quantityFormat']);
    expect(refusals(seizureSchema, { kind: 'vehicle', quantity: '1', unit: 'kg' })).toEqual(['cases.seizure.unitNotForKind']);
    expect(refusals(seizureSchema, { kind: 'ecstasy', quantity: '2.5', unit: 'tablet' })).toEqual(['cases.seizure.wholeNumber']);
    expect(refusals(seizureSchema, { kind: 'money', quantity: '1500.5', unit: 'VND' })).toEqual(['cases.seizure.wholeNumber']);
  });
});

describe('list and report queries', () => {
  it('accepts filters and refuses an inverted period', () => {
    expect(
      listCasesQuerySchema.parse({ group: 'theft_fraud', status: 'cleared', from: '2026-01-01', to: '2026-06-30', limit: '50' }).limit,
    ).toBe(50);
    expect(refusals(listCasesQuerySchema, { from: '2026-06-30', to: '2026-01-01' })).toEqual(['cases.periodInverted']);
    expect(refusals(reportSummaryQuerySchema, { unit: 'le-mao', from: '2026-06-30', to: '2026-01-01' })).toEqual(['cases.periodInverted']);
    expect(listCasesQuerySchema.safeParse({ group: 'robbery' }).success).toBe(false);
  });

  it('describes the summary report with cases by group, seizures, rehab dossiers and tips (the issue contract)', () => {
    const figures = { total: 0, cleared: 0, clearanceRate: null };
    const zero = { drugs: 0, firecrackers: 0, theft_fraud: 0, gambling: 0, assault: 0, disorder: 0, traffic: 0, other: 0 };
    const report = {
      unit: { id: UNIT, code: 'le-mao', name: 'Phường Lê Mao' },
      period: { from: '2020-01-01', to: '2020-06-30' },
      cases: {
        total: 20,
        cleared: 19,
        clearanceRate: 0.95,
        closedNoCrime: 0,
        arrests: 0,
        byGroup: { ...zero, drugs: 15, firecrackers: 2, theft_fraud: 3 },
        clearanceByGroup: {
          drugs: { total: 15, cleared: 15, clearanceRate: 1 },
          firecrackers: { total: 2, cleared: 2, clearanceRate: 1 },
          theft_fraud: { total: 3, cleared: 2, clearanceRate: 2 / 3 },
          gambling: figures,
          assault: figures,
          disorder: figures,
          traffic: figures,
          other: figures,
        },
        definition: { vi: 'định nghĩa', en: 'definition' },
      },
      seizures: [{ kind: 'firecracker_powder', quantity: '2.4', unit: 'kg' }],
      rehabDossiers: 8,
      rehab: { opened: 8, sentToCourt: 8, accepted: 6, rejected: 0, carriedOut: 6 },
      tips: { received: 40, transferred: 12, transferredOnTime: 12 },
      patrols: {
        rounds: 120,
        turns: 380,
        officerTurns: 140,
        civilianTurns: 240,
        hours: 300,
        incidents: 9,
        residenceChecks: 40,
        blocks: 9,
        blocksCovered: 9,
      },
      mediation: {
        received: 12,
        settled: 9,
        notSettled: 2,
        stopped: 0,
        refused: 1,
        referred: 1,
        inProgress: 0,
        settlementRate: 9 / 11,
        atRisk: 1,
        returning: 1,
        prolonged: 0,
        byType: {
          land_boundary: 3,
          neighbours: 2,
          noise_hygiene: 2,
          debt: 2,
          family: 2,
          inheritance: 0,
          property: 0,
          minor_violation: 1,
          other: 0,
        },
        byBlock: [{ unitId: '3f1c9a52-8d4e-4b7a-9c2d-1e5f6a7b8c9d', name: 'Khối Tân Quang', received: 12, settled: 9 }],
      },
      certification: {
        blocks: { registered: 9, recognised: 9, total: 9 },
        schools: { registered: 3, recognised: 3, total: 3 },
        agencies: { registered: 0, recognised: 0, total: 0 },
        enterprises: { registered: 0, recognised: 0, total: 0 },
        modelsActive: 6,
        awards: 0,
        classification: { excellent: 2, good: 7, average: 0, weak: 0 },
      },
      residence: {
        placesWatched: 12,
        notifications: 90,
        notificationsOnTime: 80,
        notificationsLate: 10,
        temporaryResidents: 22,
        absences: 4,
        inspections: 36,
        inspectionsWithViolations: 11,
        violations: 14,
        finesReferred: 3,
        byBlock: [
          {
            unitId: '00000000-0000-4000-8000-000000000009',
            name: 'Khối Trung Mỹ',
            placesWatched: 3,
            notifications: 20,
            inspections: 9,
            violations: 2,
          },
        ],
      },
      cameras: {
        registered: 24,
        working: 21,
        wardOwned: 4,
        withdrawn: 1,
        footageRequests: 6,
        exceptions: 0,
        outcomes: { pending: 1, share: 5, no_footage: 3, decline: 1 },
        blocksCovered: 7,
      },
      outreach: {
        activities: 64,
        audience: 5200,
        byType: {
          block_meeting: 27,
          organisation_meeting: 12,
          loudspeaker: 18,
          school_session: 4,
          leaflet: 2,
          media_article: 1,
          security_day: 0,
        },
        byTopic: { drugs: 20, fraud: 14, firecrackers: 10, traffic: 8, residence: 6, theft: 4, fire: 2, general: 0 },
        broadcasts: 18,
        alertsSent: 3,
        deliveries: 120,
        delivered: 117,
        surveyAnswers: 40,
        saferShare: 78,
      },
      suppressed: [],
    };
    expect(reportSummarySchema.parse(report)).toEqual(report);
    // A small count about people reaches a viewer as null, named in `suppressed`.
    const hidden = {
      ...report,
      rehabDossiers: null,
      rehab: { ...report.rehab, opened: null },
      suppressed: ['rehabDossiers', 'rehab.opened'],
    };
    expect(reportSummarySchema.parse(hidden)).toEqual(hidden);
    expect(reportSummarySchema.safeParse({ ...report, cases: { ...report.cases, clearanceRate: 84 } }).success).toBe(false);
    const { drugs: _drugs, ...missingGroup } = report.cases.byGroup;
    expect(reportSummarySchema.safeParse({ ...report, cases: { ...report.cases, byGroup: missingGroup } }).success).toBe(false);
  });
});

describe('rehab dossier input', () => {
  it('accepts a dossier opened for a person found in a Luật PCMT 2021 Art. 32 case', () => {
    const parsed = createRehabDossierSchema.parse({
      unitId: UNIT,
      subject: { name: 'Trần Văn B', birthYear: 1995, idNumber: '040.095.001.234' },
      ground: 'relapsed_after_rehab',
      foundOn: '2026-03-05',
    });
    expect(parsed.subject.idNumber).toBe('040095001234');
  });

  it('needs the court decision to record a decided dossier, and only then', () => {
    const decision = { number: '12/2026/QĐ-TA', date: '2026-03-19', outcome: 'accepted' };
    expect(moveRehabDossierSchema.safeParse({ to: 'decided', on: '2026-03-20', decision }).success).toBe(true);
    expect(refusals(moveRehabDossierSchema, { to: 'decided', on: '2026-03-20' })).toEqual(['cases.rehab.decisionRequired']);
    expect(refusals(moveRehabDossierSchema, { to: 'carried_out', on: '2026-03-20', decision })).toEqual([
      'cases.rehab.decisionOnlyWhenDecided',
    ]);
    expect(refusals(moveRehabDossierSchema, { to: 'decided', on: '2026-03-20', decision: { ...decision, number: ' ' } })).toEqual([
      'cases.rehab.decisionNumberRequired',
    ]);
    expect(refusals(moveRehabDossierSchema, { to: 'decided', on: '2026-03-20', decision: { ...decision, date: '' } })).toEqual([
      'validation.date',
    ]);
  });

  it('reads back a dossier without transforms', () => {
    expect(
      rehabDossierSchema.safeParse({
        id: UNIT,
        wardId: UNIT,
        unitId: UNIT,
        caseId: null,
        number: 'CN-2026-001',
        subject: { name: 'Trần Văn B', birthYear: 1995, idNumberMasked: '0400••••1234', address: null },
        ground: 'relapsed_after_rehab',
        status: 'sent_to_court',
        foundOn: '2026-03-05',
        compileDueOn: '2026-03-12',
        compileBasis: 'NĐ 116/2021/NĐ-CP',
        isCompileOverdue: false,
        compiledOn: '2026-03-10',
        sentToCourtOn: '2026-03-12',
        court: 'Tòa án nhân dân khu vực 1 – Nghệ An',
        decision: null,
        carriedOutOn: null,
        attachments: [],
        missingAttachments: [],
        createdAt: '2026-03-05T02:00:00.000Z',
        updatedAt: '2026-03-12T02:00:00.000Z',
      }).success,
    ).toBe(true);
  });
});

describe('message keys of refusals', () => {
  it('exist in the shared catalogue or under cases', () => {
    const keys = [
      ...refusals(createCaseSchema, { ...goodCase, summary: '', discoveredOn: '2026-01-01', penalCodeArticle: 'x', officerIds: ['x'] }),
      ...refusals(casePersonSchema, { role: 'victim', name: '', birthYear: 1.5, idNumber: '1', arrest: { at: 'x', measure: 'other' } }),
      ...refusals(seizureSchema, { kind: 'vehicle', quantity: '0', unit: 'kg' }),
      ...refusals(seizureSchema, { kind: 'phone', quantity: '1.5', unit: 'item' }),
      ...refusals(listCasesQuerySchema, { from: '2026-02-01', to: '2026-01-01', unitId: 'x' }),
      ...refusals(updateCaseSchema, {}),
      ...refusals(moveRehabDossierSchema, { to: 'decided', on: 'x' }),
      ...refusals(moveRehabDossierSchema, { to: 'opened', on: '2026-01-01', decision: { number: '', date: 'x', outcome: 'accepted' } }),
    ];
    expect(keys.length).toBeGreaterThan(12);
    for (const key of keys) expect(exists(key), key).toBe(true);
  });
});
