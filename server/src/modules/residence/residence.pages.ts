import { type Locale, publicNotificationSchema, STAY_CONSENT_TEXTS, STAY_CONSENT_VERSION, translate } from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { html, inSentence, type SafeHtml } from '../../platform/html.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { pageLocale, publicLayout, sendPage } from '../public/index.ts';
import { findActiveBlocks, findActiveWards, findWardByCode, type UnitRecord } from '../units/index.ts';
import { requestContactCode, submitPublicNotification } from './residence.service.ts';

/**
 * The public stay-notification form at /luu-tru: plain HTML that works without JavaScript, every step posting to the same
 * address with the answers in the form (no draft on the server, no cookie). No address or browser detail is kept
 * (security.md); the page states the deadline and points to VNeID (ux.md §1).
 */
type Answers = Record<string, string>;
type Errors = { path: string; message: string }[];
const GUEST_SLOTS = 3;
const FIELDS = [
  'wardCode',
  'blockId',
  'placeName',
  'address',
  'hostName',
  'hostContact',
  'arrivalDate',
  'arrivalTime',
  'departureOn',
  'reason',
  'consent',
];
const GUEST_FIELDS = Array.from({ length: GUEST_SLOTS }, (_, i) => [`g${i + 1}Name`, `g${i + 1}Birth`, `g${i + 1}Id`]).flat();
const PUBLIC_LIMIT = { max: 30, timeWindow: '1 hour' };

const tr = (locale: Locale) => (key: string, vars?: Record<string, string>) => translate(locale, `residence.pages.${key}`, vars);

function send(
  reply: FastifyReply,
  locale: Locale,
  ward: UnitRecord | null,
  body: SafeHtml,
  opts: { status?: number; error?: boolean } = {},
) {
  const t = tr(locale);
  const title = `${opts.error ? `${t('errorPrefix')} ` : ''}${t('title', { ward: ward?.name ?? 'Bình An' })}`;
  reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
  return sendPage(reply, opts.status ?? 200, publicLayout(locale, title, '/luu-tru', body));
}

function errorSummary(locale: Locale, errors: Errors): SafeHtml | string {
  if (!errors.length) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${tr(locale)('errorSummary')}</h2><ul>${errors.map(
    (e) => html`<li><a href="#f-${e.path}">${translate(locale, e.message)}</a></li>`,
  )}</ul></div>`;
}

function fieldError(locale: Locale, errors: Errors, path: string): SafeHtml | string {
  const e = errors.find((x) => x.path === path);
  return e
    ? html`<p class="field-error" id="e-${path}"><span class="visually-hidden">${tr(locale)('errorPrefix')}</span> ${translate(locale, e.message)}</p>`
    : '';
}

function input(
  locale: Locale,
  a: Answers,
  errors: Errors,
  name: string,
  label: string,
  hint?: string,
  opts: { type?: string; inputmode?: string } = {},
) {
  const described = [hint ? `h-${name}` : '', errors.some((e) => e.path === name) ? `e-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="f-${name}">${label}</label>${hint ? html`<p class="hint" id="h-${name}">${hint}</p>` : ''}${fieldError(locale, errors, name)}
<input type="${opts.type ?? 'text'}" id="f-${name}" name="${name}" value="${a[name] ?? ''}" autocomplete="off"${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${described ? html` aria-describedby="${described}"` : ''}></div>`;
}

function intro(locale: Locale): SafeHtml {
  const t = tr(locale);
  return html`<p>${t('intro')}</p><p class="notice">${t('deadline')}</p><ul><li>${t('vneid')}</li><li>${t('notRegister')}</li><li>${t('notKept')}</li></ul>`;
}

async function formPage(deps: Deps, locale: Locale, ward: UnitRecord, a: Answers, errors: Errors) {
  const t = tr(locale);
  const blocks = await findActiveBlocks(deps.database.db, ward.id, vnToday(deps.clock()));
  const consent = STAY_CONSENT_TEXTS[STAY_CONSENT_VERSION][locale];
  return html`<p>${t('step1')}</p><h1>${t('heading', { ward: inSentence(ward.name) })}</h1>${errorSummary(locale, errors)}${intro(locale)}
<form method="post" action="/luu-tru${locale === 'en' ? '?lang=en' : ''}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="wardCode" value="${ward.code}">
<div class="field"><label for="f-blockId">${t('block')}</label><select id="f-blockId" name="blockId"><option value="">${t('blockUnknown')}</option>${blocks.map(
    (b) => html`<option value="${b.id}"${a.blockId === b.id ? html` selected` : ''}>${b.name}</option>`,
  )}</select></div>
${input(locale, a, errors, 'placeName', t('placeName'), t('placeNameHint'))}
${input(locale, a, errors, 'address', t('address'))}
${input(locale, a, errors, 'hostName', t('hostName'))}
${input(locale, a, errors, 'hostContact', t('hostContact'), t('hostContactHint'), { type: 'tel' })}
<fieldset><legend>${t('arrival')}</legend>
${input(locale, a, errors, 'arrivalDate', t('arrivalDate'), t('arrivalDateHint'), { inputmode: 'numeric' })}
${input(locale, a, errors, 'arrivalTime', t('arrivalTime'), t('arrivalTimeHint'), { inputmode: 'numeric' })}</fieldset>
${input(locale, a, errors, 'departureOn', t('departure'), t('arrivalDateHint'), { inputmode: 'numeric' })}
${input(locale, a, errors, 'reason', t('reason'))}
<h2>${t('guestsHeading')}</h2><p class="hint">${t('guestsHint')}</p>${fieldError(locale, errors, 'guests')}
${Array.from(
  { length: GUEST_SLOTS },
  (_, i) => html`<fieldset><legend>${t('guest', { n: String(i + 1) })}</legend>
${input(locale, a, errors, `g${i + 1}Name`, t('guestName'))}
${input(locale, a, errors, `g${i + 1}Birth`, t('guestBirth'), t('guestBirthHint'), { inputmode: 'numeric' })}
${input(locale, a, errors, `g${i + 1}Id`, t('guestId'), t('guestIdHint'), { inputmode: 'numeric' })}</fieldset>`,
)}
<fieldset><legend>${t('consent')}</legend><p class="hint" id="h-consent">${consent}</p>${fieldError(locale, errors, 'consent')}
<div class="choice"><input type="checkbox" id="f-consent" name="consent" value="yes" aria-describedby="h-consent"${a.consent === 'yes' ? html` checked` : ''}><label for="f-consent">${consent.split('(')[0]}</label></div></fieldset>
<button type="submit" name="step" value="review">${t('continue')}</button></form>`;
}

function hidden(a: Answers, except: string[] = []): SafeHtml[] {
  return [...FIELDS, ...GUEST_FIELDS, 'challenge']
    .filter((f) => a[f] && !except.includes(f))
    .map((f) => html`<input type="hidden" name="${f}" value="${a[f]}">`);
}

function reviewPage(locale: Locale, a: Answers, blockName: string | null, errors: Errors, notice: string | null) {
  const t = tr(locale);
  const row = (label: string, value: string | undefined) =>
    html`<dt>${label}</dt><dd>${value?.trim() ? value : html`<span class="muted">${t('notGiven')}</span>`}</dd>`;
  const guests = Array.from({ length: GUEST_SLOTS }, (_, i) => i + 1).filter((n) => a[`g${n}Name`]?.trim());
  const action = `/luu-tru${locale === 'en' ? '?lang=en' : ''}`;
  return html`<p>${t('step2')}</p><h1>${t('reviewHeading')}</h1>${errorSummary(locale, errors)}${notice ? html`<p class="panel" role="status">${notice}</p>` : ''}
<dl class="review">${row(t('block'), blockName ?? undefined)}${row(t('placeName'), a.placeName)}${row(t('address'), a.address)}${row(t('hostName'), a.hostName)}${row(t('hostContact'), a.hostContact)}
${row(t('arrival'), `${a.arrivalDate ?? ''} ${a.arrivalTime ?? ''}`)}${row(t('departure'), a.departureOn)}${row(t('reason'), a.reason)}
${guests.map((n) => row(t('guest', { n: String(n) }), [a[`g${n}Name`], a[`g${n}Birth`], a[`g${n}Id`]].filter(Boolean).join(', ')))}</dl>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>${hidden(a)}
<h2>${t('verifyHeading')}</h2><p>${t('verifyExplain')}</p>
${a.challenge ? input(locale, {}, errors, 'code', t('codeLabel'), undefined, { inputmode: 'numeric' }) : html`<button type="submit" name="step" value="code" class="secondary">${t('sendCode')}</button>`}
<button type="submit" name="step" value="send">${t('send')}</button>
<button type="submit" name="step" value="edit" class="secondary">${t('edit')}</button></form>`;
}

function resultPage(locale: Locale, r: { reference: string; dueAt: string; onTime: boolean; verified: boolean }) {
  const t = tr(locale);
  const due = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(r.dueAt));
  return html`<p>${t('step3')}</p><h1>${t('sentHeading')}</h1><h2>${t('referenceLabel')}</h2><p class="receipt">${r.reference}</p>
<p class="panel" id="on-time">${r.onTime ? t('onTime', { due }) : t('late', { due })}</p>
<p>${r.verified ? t('verified') : t('unverified')}</p><p>${t('next')}</p><p>${t('keep')}</p><p>${t('vneid')}</p>`;
}

/** A day typed d/m/yyyy, d-m-yyyy, d.m.yyyy or yyyy-mm-dd (ux.md: dates people know, forgiving); else the text. */
function readDay(text: string | undefined): string | undefined {
  const s = (text ?? '').trim().replace(/\s+/g, '');
  if (!s) return undefined;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  return m ? `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}` : s;
}

function readTime(text: string | undefined): string {
  const s = (text ?? '').trim().replace(/[hg.]/i, ':');
  const m = /^(\d{1,2}):?(\d{2})?$/.exec(s);
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2] ?? '00'}` : s;
}

function toInput(a: Answers) {
  const guests = Array.from({ length: GUEST_SLOTS }, (_, i) => i + 1)
    .filter((n) => a[`g${n}Name`]?.trim() || a[`g${n}Id`]?.trim())
    .map((n) => ({ name: a[`g${n}Name`] ?? '', birthDate: readDay(a[`g${n}Birth`]) ?? null, idNumber: a[`g${n}Id`]?.trim() || null }));
  return {
    wardCode: a.wardCode ?? '',
    blockId: a.blockId || null,
    placeName: a.placeName ?? '',
    address: a.address ?? '',
    hostName: a.hostName ?? '',
    hostContact: a.hostContact ?? '',
    arrivalDate: readDay(a.arrivalDate) ?? '',
    arrivalTime: readTime(a.arrivalTime),
    departureOn: readDay(a.departureOn) ?? null,
    reason: a.reason ?? '',
    guests,
    consent: a.consent === 'yes',
    challenge: a.challenge || undefined,
    code: a.code || undefined,
  };
}

/** Maps a schema path (guests.0.idNumber) to the form's field (g1Id). */
function formPath(path: (string | number | symbol)[]): string {
  if (path[0] === 'guests' && typeof path[1] === 'number') {
    const n = path[1] + 1;
    return path[2] === 'birthDate' ? `g${n}Birth` : path[2] === 'idNumber' ? `g${n}Id` : path[2] === 'name' ? `g${n}Name` : 'guests';
  }
  return String(path[0] ?? 'address');
}

/** Registers /luu-tru: choose the ward, fill in, review (with the optional one-time code), send, see the result. */
export function registerResidencePages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  app.get('/luu-tru', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const today = vnToday(deps.clock());
    const code = (req.query as { phuong?: string }).phuong;
    const ward = code ? await findWardByCode(db, String(code).slice(0, 60), today) : null;
    if (ward?.isActive) return send(reply, locale, ward, await formPage(deps, locale, ward, {}, []));
    const wards = await findActiveWards(db, today);
    const q = locale === 'en' ? '&lang=en' : '';
    return send(
      reply,
      locale,
      null,
      html`<h1>${tr(locale)('chooseWard')}</h1>${intro(locale)}<ul class="wards">${wards.map(
        (w) => html`<li><a href="/luu-tru?phuong=${encodeURIComponent(w.code)}${q}">${w.name}</a></li>`,
      )}</ul>`,
    );
  });

  app.post('/luu-tru', { config: { rateLimit: PUBLIC_LIMIT }, schema: { hide: true } }, async (req: FastifyRequest, reply) => {
    const locale = pageLocale(req);
    if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
    const { fields: a } = await readMultipart(req);
    const today = vnToday(deps.clock());
    const ward = await findWardByCode(db, (a.wardCode ?? '').slice(0, 60), today);
    if (!ward?.isActive) return reply.redirect('/luu-tru', 303);
    if (a.step === 'edit') return send(reply, locale, ward, await formPage(deps, locale, ward, a, []));
    const parsed = publicNotificationSchema.safeParse(toInput(a));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: formPath(i.path),
        message: i.message.includes('.') ? i.message : 'validation.invalid',
      }));
      const unique = errors.filter((e, i) => errors.findIndex((x) => x.path === e.path) === i);
      return send(reply, locale, ward, await formPage(deps, locale, ward, a, unique), { status: 400, error: true });
    }
    const blocks = await findActiveBlocks(db, ward.id, today);
    const blockName = blocks.find((b) => b.id === a.blockId)?.name ?? null;
    const t = tr(locale);
    if (a.step === 'code') {
      const challenge = await requestContactCode(deps, ward.id, parsed.data.hostContact);
      const next = challenge ? { ...a, challenge } : a;
      return send(reply, locale, ward, reviewPage(locale, next, blockName, [], challenge ? t('codeSent') : t('verifyUnavailable')));
    }
    if (a.step !== 'send') return send(reply, locale, ward, reviewPage(locale, a, blockName, [], null));
    try {
      const result = await submitPublicNotification(deps, parsed.data);
      return send(reply, locale, ward, resultPage(locale, result), { status: 201 });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      const errors = err.fields.map((f) => ({
        path: formPath(f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))),
        message: f.message,
      }));
      // A wrong code is answered on the review page; anything else goes back to the form.
      if (errors.some((e) => e.path === 'code'))
        return send(reply, locale, ward, reviewPage(locale, a, blockName, errors, null), { status: 400, error: true });
      return send(reply, locale, ward, await formPage(deps, locale, ward, a, errors), { status: 400, error: true });
    }
  });
}
