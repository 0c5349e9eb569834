import { describe, expect, it } from 'vitest';
import { isWeekend } from '../calendar/calendar.rules.ts';
import { casesVi } from './cases.messages.ts';
import {
  canMoveRehabDossier,
  isRehabCompileOverdue,
  missingRehabAttachments,
  REHAB_ATTACHMENTS,
  REHAB_DOSSIER_RULES,
  REHAB_TRANSITION_ERRORS,
  type RehabMove,
  rehabCompileDeadline,
  rehabRuleOn,
  rehabTransitionError,
} from './rehab.rules.ts';
import { REHAB_ATTACHMENT_KINDS } from './rehab.schemas.ts';

const weekdays = (day: string) => !isWeekend(day);
const holidays = new Set(['2026-04-30', '2026-05-01']);
const workingDays = (day: string) => weekdays(day) && !holidays.has(day);
const lookup = (key: string) =>
  key
    .replace(/^cases\./, '')
    .split('.')
    .reduce<unknown>((cur, part) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined), casesVi);

describe('compiling a compulsory-rehab dossier within 5 working days (NĐ 116/2021/NĐ-CP; domain-vn.md §6.3)', () => {
  it('counts 5 working days from the day the person was found in a Luật PCMT 2021 Art. 32 case, skipping the weekend', () => {
    expect(rehabCompileDeadline('2026-03-05', weekdays).dueOn).toBe('2026-03-12');
  });

  it('skips public holidays from the calendar', () => {
    expect(rehabCompileDeadline('2026-04-28', workingDays).dueOn).toBe('2026-05-07');
  });

  it('names its basis, by the rules in force on the day the person was found', () => {
    expect(rehabCompileDeadline('2024-05-06', weekdays).basis).toContain('NĐ 116/2021');
    expect(rehabCompileDeadline('2025-08-04', weekdays).basis).toContain('Pháp lệnh 08/2025');
  });

  it('is overdue only while the dossier is not compiled and the limit has passed', () => {
    expect(isRehabCompileOverdue('documents_gathered', '2026-03-12', '2026-03-13')).toBe(true);
    expect(isRehabCompileOverdue('opened', '2026-03-12', '2026-03-12')).toBe(false);
    expect(isRehabCompileOverdue('compiled', '2026-03-12', '2026-04-01')).toBe(false);
  });
});

describe('the 2025 changes as a dated table (NĐ 02/2025/NĐ-CP, TTLT 03/2025, Pháp lệnh 08/2025/UBTVQH15)', () => {
  it('sends dossiers to the district court before 01/07/2025 and to the regional court from then on', () => {
    expect(rehabRuleOn('2024-12-31').court).toBe('district');
    expect(rehabRuleOn('2025-06-30').court).toBe('district');
    expect(rehabRuleOn('2025-07-01').court).toBe('regional');
    expect(rehabRuleOn('2020-01-01')).toBe(REHAB_DOSSIER_RULES[0]);
  });

  it('marks what is still to verify in the 2025 rows', () => {
    expect(rehabRuleOn('2025-03-01').toVerify).toContain('TTLT 03/2025');
    expect(rehabRuleOn('2026-01-01').toVerify).toContain('120/2025');
  });
});

describe('dossier attachments (NĐ 116/2021/NĐ-CP forms, domain-vn.md §6.3)', () => {
  it('catalogues each kind with its label and form, and requires the history (Mẫu 30), the violation record (Mẫu 27) and the addiction result', () => {
    expect(REHAB_ATTACHMENTS.map((a) => a.code)).toEqual([...REHAB_ATTACHMENT_KINDS]);
    for (const a of REHAB_ATTACHMENTS) expect(typeof lookup(a.labelKey)).toBe('string');
    expect(REHAB_ATTACHMENTS.filter((a) => a.required).map((a) => a.code)).toEqual([
      'personal_history',
      'violation_record',
      'addiction_assessment',
    ]);
    expect(REHAB_ATTACHMENTS.find((a) => a.code === 'personal_history')?.form).toBe('Mẫu 30');
    expect(REHAB_ATTACHMENTS.find((a) => a.code === 'violation_record')?.form).toBe('Mẫu 27');
  });

  it('lists what a dossier still lacks', () => {
    expect(missingRehabAttachments('2026-03-05', ['personal_history', 'other'])).toEqual(['violation_record', 'addiction_assessment']);
    expect(missingRehabAttachments('2026-03-05', ['addiction_assessment', 'violation_record', 'personal_history'])).toEqual([]);
  });
});

const complete = ['personal_history', 'violation_record', 'addiction_assessment'] as const;
const move = (m: Partial<RehabMove> & Pick<RehabMove, 'from' | 'to'>): RehabMove => ({
  on: '2026-03-20',
  today: '2026-03-20',
  foundOn: '2026-03-05',
  attachments: complete,
  sentToCourtOn: '2026-03-12',
  decision: null,
  ...m,
});
const decision = { number: '12/2026/QĐ-TA', date: '2026-03-19', outcome: 'accepted' as const };

describe('dossier steps', () => {
  it('moves opened → documents_gathered → compiled → sent_to_court → decided → carried_out', () => {
    expect(rehabTransitionError(move({ from: 'opened', to: 'documents_gathered' }))).toBeNull();
    expect(rehabTransitionError(move({ from: 'documents_gathered', to: 'compiled' }))).toBeNull();
    expect(rehabTransitionError(move({ from: 'compiled', to: 'sent_to_court' }))).toBeNull();
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision }))).toBeNull();
    expect(rehabTransitionError(move({ from: 'decided', to: 'carried_out', decision }))).toBeNull();
  });

  it('goes back to gathering documents before sending, or when the dossier is returned', () => {
    expect(canMoveRehabDossier('compiled', 'documents_gathered')).toBe(true);
    expect(canMoveRehabDossier('sent_to_court', 'documents_gathered')).toBe(true);
    expect(canMoveRehabDossier('opened', 'compiled')).toBe(false);
  });

  it('never records a court decision the ward did not receive: sent to the court first, with a number and a date', () => {
    expect(rehabTransitionError(move({ from: 'compiled', to: 'decided', decision }))).toBe('cases.rehab.transition.notSentToCourt');
    expect(rehabTransitionError(move({ from: 'opened', to: 'decided', decision }))).toBe('cases.rehab.transition.notSentToCourt');
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided' }))).toBe('cases.rehab.transition.decisionNumberRequired');
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision: { ...decision, number: '  ' } }))).toBe(
      'cases.rehab.transition.decisionNumberRequired',
    );
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision: { ...decision, date: null } }))).toBe(
      'cases.rehab.transition.decisionDateRequired',
    );
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision: { ...decision, outcome: null } }))).toBe(
      'cases.rehab.transition.decisionOutcomeRequired',
    );
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision: { ...decision, date: '2026-03-11' } }))).toBe(
      'cases.rehab.transition.decisionBeforeSending',
    );
    expect(rehabTransitionError(move({ from: 'sent_to_court', to: 'decided', decision: { ...decision, date: '2026-03-21' } }))).toBe(
      'cases.rehab.transition.dateInFuture',
    );
  });

  it('refuses the other moves, each with its message key', () => {
    const rejected = { ...decision, outcome: 'rejected' as const };
    const refused: [RehabMove, string][] = [
      [move({ from: 'compiled', to: 'compiled' }), 'cases.rehab.transition.sameStatus'],
      [move({ from: 'carried_out', to: 'decided', decision }), 'cases.rehab.transition.final'],
      [move({ from: 'carried_out', to: 'opened' }), 'cases.rehab.transition.final'],
      [move({ from: 'decided', to: 'sent_to_court', decision: rejected }), 'cases.rehab.transition.final'],
      [move({ from: 'decided', to: 'carried_out', decision: rejected }), 'cases.rehab.transition.notAccepted'],
      [move({ from: 'opened', to: 'sent_to_court' }), 'cases.rehab.transition.notAllowed'],
      [
        move({ from: 'documents_gathered', to: 'compiled', attachments: ['personal_history'] }),
        'cases.rehab.transition.missingAttachments',
      ],
      [move({ from: 'compiled', to: 'sent_to_court', on: '2026-03-21' }), 'cases.rehab.transition.dateInFuture'],
      [move({ from: 'opened', to: 'documents_gathered', on: '2026-03-04' }), 'cases.rehab.transition.beforeFound'],
    ];
    for (const [m, key] of refused) {
      expect(rehabTransitionError(m)).toBe(key);
      expect(REHAB_TRANSITION_ERRORS).toContain(key);
      expect(typeof lookup(key)).toBe('string');
    }
  });
});
