import { type Locale, publicNotificationSchema, readDayParts, STAY_CONSENT_TEXTS, STAY_CONSENT_VERSION, translate } from '@binh-an/domain';
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
 * The public stay-notification form at /luu-tru: plain HTML that works without JavaScript. One question or a small group
 * per page, in VNeID's order (ux.md §1): the place, the person giving notice, the guests (an add-another loop), the time
 * of the stay, the review (with the consent), then the result. Every page posts to the same address with all the
 * answers in the form (hidden fields: no draft on the server, no cookie), so that nothing typed is lost going back and
 * forth. No address or browser detail is kept (security.md); the pages state the deadline and point to VNeID.
 */
type Answers = Record<string, string>;
type Errors = { path: string; anchor: string; text: string }[];
type Page = 'place' | 'host' | 'guest' | 'guests' | 'stay' | 'review';
const MAX_GUESTS = 5;
const DATE_PARTS = ['Day', 'Month', 'Year'] as const;
const dateKeys = (prefix: string) => DATE_PARTS.map((p) => `${prefix}${p}`);
const guestKeys = (n: number) => [`g${n}Name`, ...dateKeys(`g${n}Birth`), `g${n}Id`, `g${n}Self`];
const PAGE_KEYS: Record<Exclude<Page, 'guest' | 'guests'>, string[]> = {
  place: ['blockId', 'placeName', 'address'],
  host: ['hostName', 'hostContact'],
  stay: [...dateKeys('arrival'), 'arrivalTime', ...dateKeys('departure'), 'reason'],
  review: ['consent', 'code'],
};
const PUBLIC_LIMIT = { max: 30, timeWindow: '1 hour' };

const tr = (locale: Locale) => (key: string, vars?: Record<string, string>) => translate(locale, `residence.pages.${key}`, vars);
const guestCount = (a: Answers) => Math.min(MAX_GUESTS, Math.max(0, Number.parseInt(a.guestCount ?? '0', 10) || 0));
const allKeys = (a: Answers) => [
  'wardCode',
  ...Object.values(PAGE_KEYS).flat(),
  'challenge',
  'guestCount',
  ...Array.from({ length: guestCount(a) }, (_, i) => guestKeys(i + 1)).flat(),
];

function send(reply: FastifyReply, locale: Locale, ward: UnitRecord | null, body: SafeHtml, opts: { status?: number } = {}) {
  const t = tr(locale);
  const error = (opts.status ?? 200) === 400;
  const title = `${error ? `${t('errorPrefix')} ` : ''}${t('title', { ward: ward?.name ?? 'Bình An' })}`;
  reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
  return sendPage(reply, opts.status ?? 200, publicLayout(locale, title, '/luu-tru', body));
}

function errorSummary(locale: Locale, errors: Errors): SafeHtml | string {
  if (!errors.length) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${tr(locale)('errorSummary')}</h2><ul>${errors.map(
    (e) => html`<li><a href="#${e.anchor}">${e.text}</a></li>`,
  )}</ul></div>`;
}

function fieldError(locale: Locale, errors: Errors, path: string): SafeHtml | string {
  const e = errors.find((x) => x.path === path);
  return e
    ? html`<p class="field-error" id="e-${path}"><span class="visually-hidden">${tr(locale)('errorPrefix')}</span> ${e.text}</p>`
    : '';
}

function described(errors: Errors, path: string, hint?: string): SafeHtml | string {
  const ids = [hint ? `h-${path}` : '', errors.some((e) => e.path === path) ? `e-${path}` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function input(
  locale: Locale,
  a: Answers,
  errors: Errors,
  name: string,
  label: string,
  hint?: string,
  opts: { type?: string; inputmode?: string; autocomplete?: string } = {},
) {
  const invalid = errors.some((e) => e.path === name);
  return html`<div class="field"><label for="f-${name}">${label}</label>${hint ? html`<p class="hint" id="h-${name}">${hint}</p>` : ''}${fieldError(locale, errors, name)}
<input type="${opts.type ?? 'text'}" id="f-${name}" name="${name}" value="${a[name] ?? ''}" autocomplete="${opts.autocomplete ?? 'off'}"${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${invalid ? html` aria-invalid="true"` : ''}${described(errors, name, hint)}></div>`;
}

/** Three boxes Ngày / Tháng / Năm in one fieldset (ux.md: dates people know); the error names the date, the box is marked. */
function dateInput(locale: Locale, a: Answers, errors: Errors, path: string, legend: string, hint: string) {
  const t = tr(locale);
  const error = errors.find((e) => e.path === path);
  return html`<fieldset class="date"${described(errors, path, hint)}><legend>${legend}</legend><p class="hint" id="h-${path}">${hint}</p>${fieldError(locale, errors, path)}
${DATE_PARTS.map((part) => {
  const name = `${path}${part}`;
  const invalid = error?.anchor === `f-${name}`;
  return html`<div class="field"><label for="f-${name}">${t(`${part.toLowerCase()}Box`)}</label><input type="text" inputmode="numeric" id="f-${name}" name="${name}" value="${a[name] ?? ''}" autocomplete="off"${invalid ? html` aria-invalid="true"${described(errors, path)}` : ''}></div>`;
})}</fieldset>`;
}

function intro(locale: Locale): SafeHtml {
  const t = tr(locale);
  return html`<p>${t('intro')}</p><p class="notice">${t('deadline')}</p><ul><li>${t('vneid')}</li><li>${t('notRegister')}</li><li>${t('notKept')}</li></ul>`;
}

const action = (locale: Locale) => `/luu-tru${locale === 'en' ? '?lang=en' : ''}`;

function hidden(a: Answers, visible: string[]): SafeHtml[] {
  return allKeys(a)
    .filter((f) => a[f] && !visible.includes(f))
    .map((f) => html`<input type="hidden" name="${f}" value="${a[f]}">`);
}

/** The frame of one question page: step, the question as `<h1>`, errors, the fields, "Tiếp tục" and "Quay lại". */
function questionPage(
  locale: Locale,
  a: Answers,
  o: {
    page: Page;
    n: number;
    stepName: string;
    heading: string;
    errors: Errors;
    visible: string[];
    body: SafeHtml | SafeHtml[];
    gi?: number;
    before?: SafeHtml;
    back?: boolean;
    next?: SafeHtml;
  },
): SafeHtml {
  const t = tr(locale);
  return html`<p>${t('step', { n: String(o.n), name: o.stepName })}</p>${errorSummary(locale, o.errors)}<h1>${o.heading}</h1>${o.before ?? ''}
<form method="post" action="${action(locale)}" enctype="multipart/form-data" novalidate>${hidden(a, o.visible)}
<input type="hidden" name="page" value="${o.page}">${o.gi ? html`<input type="hidden" name="gi" value="${String(o.gi)}">` : ''}${a.from === 'review' ? html`<input type="hidden" name="from" value="review">` : ''}
${o.body}
${o.next ?? html`<button type="submit" name="go" value="next">${t('continue')}</button>`}${o.back === false ? '' : html`<button type="submit" name="go" value="back" class="secondary">${t('back')}</button>`}</form>`;
}

async function placePage(deps: Deps, locale: Locale, ward: UnitRecord, a: Answers, errors: Errors) {
  const t = tr(locale);
  const blocks = await findActiveBlocks(deps.database.db, ward.id, vnToday(deps.clock()));
  return questionPage(locale, a, {
    page: 'place',
    n: 1,
    stepName: t('stepPlace'),
    heading: t('placeHeading'),
    errors,
    visible: PAGE_KEYS.place,
    back: false,
    before: html`<p class="muted">${t('heading', { ward: inSentence(ward.name) })}</p>${intro(locale)}`,
    body: html`<div class="field"><label for="f-blockId">${t('block')}</label><select id="f-blockId" name="blockId"><option value="">${t('blockUnknown')}</option>${blocks.map(
      (b) => html`<option value="${b.id}"${a.blockId === b.id ? html` selected` : ''}>${b.name}</option>`,
    )}</select></div>
${input(locale, a, errors, 'placeName', t('placeName'), t('placeNameHint'))}
${input(locale, a, errors, 'address', t('address'), undefined, { autocomplete: 'street-address' })}`,
  });
}

function hostPage(locale: Locale, a: Answers, errors: Errors) {
  const t = tr(locale);
  return questionPage(locale, a, {
    page: 'host',
    n: 2,
    stepName: t('stepHost'),
    heading: t('hostHeading'),
    errors,
    visible: PAGE_KEYS.host,
    body: html`${input(locale, a, errors, 'hostName', t('hostName'), undefined, { autocomplete: 'name' })}
${input(locale, a, errors, 'hostContact', t('hostContact'), t('hostContactHint'), { type: 'tel', autocomplete: 'tel' })}`,
  });
}

function guestPage(locale: Locale, a: Answers, gi: number, errors: Errors) {
  const t = tr(locale);
  const self = `g${gi}Self`;
  return questionPage(locale, a, {
    page: 'guest',
    gi,
    n: 3,
    stepName: t('stepGuests'),
    heading: t('guestHeading', { n: String(gi) }),
    errors,
    visible: guestKeys(gi),
    body: html`${
      gi === 1
        ? html`<div class="field"><p class="hint" id="h-${self}">${t('hostIsGuestHint')}</p><div class="choice"><input type="checkbox" id="f-${self}" name="${self}" value="yes" aria-describedby="h-${self}"${a[self] === 'yes' ? html` checked` : ''}><label for="f-${self}">${t('hostIsGuest')}</label></div></div>`
        : ''
    }
${input(locale, a, errors, `g${gi}Name`, t('guestName'))}
${dateInput(locale, a, errors, `g${gi}Birth`, t('guestBirth'), t('guestBirthHint'))}
${input(locale, a, errors, `g${gi}Id`, t('guestId'), t('guestIdHint'), { inputmode: 'numeric' })}`,
  });
}

function guestName(a: Answers, n: number): string {
  const name = a[`g${n}Name`]?.trim() ?? '';
  return !name && a[`g${n}Self`] === 'yes' ? (a.hostName ?? '').trim() : name;
}

function guestsPage(locale: Locale, a: Answers, errors: Errors) {
  const t = tr(locale);
  const n = guestCount(a);
  const list = Array.from({ length: n }, (_, i) => i + 1);
  const hiddenName = (i: number) => html`<span class="visually-hidden"> ${guestName(a, i) || t('guest', { n: String(i) })}</span>`;
  return questionPage(locale, a, {
    page: 'guests',
    n: 3,
    stepName: t('stepGuests'),
    heading: t('guestsListHeading', { n: String(n) }),
    errors,
    visible: [],
    body: html`${fieldError(locale, errors, 'guests')}${
      n
        ? html`<dl class="review" id="f-guests">${list.map(
            (
              i,
            ) => html`<dt>${guestName(a, i) || t('guest', { n: String(i) })}</dt><dd>${[dayText(a, `g${i}Birth`), a[`g${i}Id`]].filter(Boolean).join(', ')}
<button type="submit" name="go" value="change-guest-${String(i)}" class="secondary">${t('change')}${hiddenName(i)}</button>
<button type="submit" name="go" value="remove-${String(i)}" class="secondary">${t('remove')}${hiddenName(i)}</button></dd>`,
          )}</dl>`
        : html`<p id="f-guests">${t('guestsNone')}</p>`
    }
${n < MAX_GUESTS ? html`<button type="submit" name="go" value="add" class="secondary">${t('addGuest')}</button>` : html`<p>${t('guestsMax')}</p>`}`,
  });
}

function stayPage(locale: Locale, a: Answers, errors: Errors) {
  const t = tr(locale);
  return questionPage(locale, a, {
    page: 'stay',
    n: 4,
    stepName: t('stepStay'),
    heading: t('stayHeading'),
    errors,
    visible: PAGE_KEYS.stay,
    before: html`<p class="notice">${t('deadline')}</p>`,
    body: html`${dateInput(locale, a, errors, 'arrival', t('arrivalDate'), t('arrivalDateHint'))}
${input(locale, a, errors, 'arrivalTime', t('arrivalTime'), t('arrivalTimeHint'), { inputmode: 'numeric' })}
${dateInput(locale, a, errors, 'departure', t('departure'), t('arrivalDateHint'))}
${input(locale, a, errors, 'reason', t('reason'))}`,
  });
}

function dayText(a: Answers, prefix: string): string {
  const r = readDayParts({ day: a[`${prefix}Day`], month: a[`${prefix}Month`], year: a[`${prefix}Year`] });
  return r.ok && r.date ? r.date.split('-').reverse().join('/') : '';
}

function reviewPage(locale: Locale, a: Answers, blockName: string | null, errors: Errors, notice: string | null) {
  const t = tr(locale);
  const consent = STAY_CONSENT_TEXTS[STAY_CONSENT_VERSION][locale];
  const row = (label: string, value: string | undefined, change: string) =>
    html`<dt>${label}</dt><dd>${value?.trim() ? value : html`<span class="muted">${t('notGiven')}</span>`}
<button type="submit" name="go" value="change-${change}" class="secondary">${t('change')}<span class="visually-hidden"> ${label}</span></button></dd>`;
  const guests = Array.from({ length: guestCount(a) }, (_, i) => i + 1);
  return questionPage(locale, a, {
    page: 'review',
    n: 5,
    stepName: t('stepReview'),
    heading: t('reviewHeading'),
    errors,
    visible: PAGE_KEYS.review,
    before: notice ? html`<p class="panel" role="status">${notice}</p>` : undefined,
    body: html`<dl class="review">${row(t('block'), blockName ?? undefined, 'place')}${row(t('placeName'), a.placeName, 'place')}${row(t('address'), a.address, 'place')}
${row(t('hostName'), a.hostName, 'host')}${row(t('hostContact'), a.hostContact, 'host')}
${guests.map((n) => row(t('guest', { n: String(n) }), [guestName(a, n), dayText(a, `g${n}Birth`), a[`g${n}Id`]].filter(Boolean).join(', '), `guest-${n}`))}
${row(t('arrival'), `${dayText(a, 'arrival')} ${a.arrivalTime ?? ''}`, 'stay')}${row(t('departure'), dayText(a, 'departure'), 'stay')}${row(t('reason'), a.reason, 'stay')}</dl>
<h2>${t('verifyHeading')}</h2><p>${t('verifyExplain')}</p>
${a.challenge ? input(locale, a, errors, 'code', t('codeLabel'), undefined, { inputmode: 'numeric', autocomplete: 'one-time-code' }) : html`<button type="submit" name="go" value="code" class="secondary">${t('sendCode')}</button>`}
<fieldset><legend>${t('consent')}</legend><p class="hint" id="h-consent">${consent}</p>${fieldError(locale, errors, 'consent')}
<div class="choice"><input type="checkbox" id="f-consent" name="consent" value="yes"${described(errors, 'consent', consent)}${errors.some((e) => e.path === 'consent') ? html` aria-invalid="true"` : ''}${a.consent === 'yes' ? html` checked` : ''}><label for="f-consent">${consent.split('(')[0]}</label></div></fieldset>`,
    next: html`<button type="submit" name="go" value="send">${t('send')}</button>`,
  });
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
  return html`<p>${t('step', { n: '6', name: t('stepSent') })}</p><h1>${t('sentHeading')}</h1><h2>${t('referenceLabel')}</h2><p class="receipt">${r.reference}</p>
<p class="panel" id="on-time">${r.onTime ? t('onTime', { due }) : t('late', { due })}</p>
<p>${r.verified ? t('verified') : t('unverified')}</p><p>${t('next')}</p><p>${t('keep')}</p><p>${t('vneid')}</p>`;
}

function readTime(text: string | undefined): string {
  const s = (text ?? '').trim().replace(/[hg.]/i, ':');
  const m = /^(\d{1,2}):?(\d{2})?$/.exec(s);
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2] ?? '00'}` : s;
}

/** The three boxes' problems as errors on the date's path, linked to the first box to fix. */
function dateErrors(locale: Locale, a: Answers, path: string, what: string, opts: { required?: boolean; before?: string }): Errors {
  const t = tr(locale);
  const w = t(what);
  const r = readDayParts({ day: a[`${path}Day`], month: a[`${path}Month`], year: a[`${path}Year`] });
  const err = (text: string, part = 'Day') => [{ path, anchor: `f-${path}${part}`, text }];
  if (r.ok) {
    if (!r.date && opts.required) return err(t('dateRequired', { what: w }));
    if (r.date && opts.before && r.date >= opts.before) return err(t('birthFuture'));
    return [];
  }
  const part = `${r.part.charAt(0).toUpperCase()}${r.part.slice(1)}`;
  if (r.problem === 'missingPart') return err(t('dateMissingPart', { what: w, part: t(`${r.missing}Part`) }), part);
  const key = { required: 'dateRequired', day: 'dateDay', month: 'dateMonth', year: 'dateYear', notReal: 'dateNotReal' }[r.problem];
  return err(t(key, { what: w }), part);
}

function readDate(a: Answers, path: string): string | null {
  const r = readDayParts({ day: a[`${path}Day`], month: a[`${path}Month`], year: a[`${path}Year`] });
  return r.ok ? r.date : null;
}

function toInput(a: Answers) {
  const guests = Array.from({ length: guestCount(a) }, (_, i) => i + 1).map((n) => ({
    name: guestName(a, n),
    birthDate: readDate(a, `g${n}Birth`),
    idNumber: a[`g${n}Id`]?.trim() || null,
  }));
  return {
    wardCode: a.wardCode ?? '',
    blockId: a.blockId || null,
    placeName: a.placeName ?? '',
    address: a.address ?? '',
    hostName: a.hostName ?? '',
    hostContact: a.hostContact ?? '',
    arrivalDate: readDate(a, 'arrival') ?? '',
    arrivalTime: readTime(a.arrivalTime),
    departureOn: readDate(a, 'departure'),
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
  if (path[0] === 'arrivalDate') return 'arrival';
  if (path[0] === 'departureOn') return 'departure';
  return String(path[0] ?? 'address');
}

/** Which page asks for a field, so that an error found later sends the host back to the right question. */
function pageOf(path: string): { page: Page; gi?: number } {
  const g = /^g(\d+)/.exec(path);
  if (g) return { page: 'guest', gi: Number(g[1]) };
  if (path === 'guests') return { page: 'guests' };
  for (const [page, keys] of Object.entries(PAGE_KEYS))
    if (keys.some((k) => k === path || k.startsWith(path))) return { page: page as Page };
  return { page: 'review' };
}

/** Every problem in the answers, with each date's own words; `only` keeps those of one page. */
function validate(locale: Locale, a: Answers, today: string, only?: { page: Page; gi?: number }): Errors {
  const dates = new Set(['arrival', 'departure', ...Array.from({ length: MAX_GUESTS }, (_, i) => `g${i + 1}Birth`)]);
  const errors: Errors = [
    ...dateErrors(locale, a, 'arrival', 'arrivalWhat', { required: true }),
    ...dateErrors(locale, a, 'departure', 'departureWhat', {}),
    ...Array.from({ length: guestCount(a) }, (_, i) => dateErrors(locale, a, `g${i + 1}Birth`, 'birthWhat', { before: today })).flat(),
  ];
  const parsed = publicNotificationSchema.safeParse(toInput(a));
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = formPath(issue.path);
      if (dates.has(path)) continue;
      const key = /^g\d+Name$/.test(path)
        ? 'residence.pages.nameRequired'
        : issue.message === 'validation.required' && (path === 'address' || path === 'hostName')
          ? `residence.pages.${path}Required`
          : issue.message.includes('.')
            ? issue.message
            : 'validation.invalid';
      errors.push({ path, anchor: `f-${path}`, text: translate(locale, key) });
    }
  const unique = errors.filter((e, i) => errors.findIndex((x) => x.path === e.path) === i);
  if (!only) return unique;
  return unique.filter((e) => {
    const p = pageOf(e.path);
    return p.page === only.page && (only.page !== 'guest' || p.gi === only.gi);
  });
}

/** Removes guest n, moving the later ones up. */
function removeGuest(a: Answers, n: number): Answers {
  const out: Answers = { ...a };
  const count = guestCount(a);
  for (let i = n; i <= count; i++) {
    const from = guestKeys(i + 1);
    for (const [j, k] of guestKeys(i).entries()) {
      const v = i < count ? a[from[j] as string] : undefined;
      if (v) out[k] = v;
      else delete out[k];
    }
  }
  out.guestCount = String(Math.max(0, count - 1));
  return out;
}

/** Registers /luu-tru: choose the ward, answer page by page, review (with the optional one-time code), send, see the result. */
export function registerResidencePages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  app.get('/luu-tru', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const today = vnToday(deps.clock());
    const code = (req.query as { phuong?: string }).phuong;
    const ward = code ? await findWardByCode(db, String(code).slice(0, 60), today) : null;
    if (ward?.isActive) return send(reply, locale, ward, await placePage(deps, locale, ward, { wardCode: ward.code }, []));
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
    const { fields } = await readMultipart(req);
    const today = vnToday(deps.clock());
    const ward = await findWardByCode(db, (fields.wardCode ?? '').slice(0, 60), today);
    if (!ward?.isActive) return reply.redirect('/luu-tru', 303);
    let a: Answers = { ...fields };
    const blocks = await findActiveBlocks(db, ward.id, today);
    const blockName = blocks.find((b) => b.id === a.blockId)?.name ?? null;
    const page = (['place', 'host', 'guest', 'guests', 'stay', 'review'] as const).find((p) => p === a.page) ?? 'place';
    const gi = Math.min(MAX_GUESTS, Math.max(1, Number.parseInt(a.gi ?? '1', 10) || 1));
    const go = a.go ?? 'next';
    const fromReview = a.from === 'review';
    delete a.from;

    const show = async (to: { page: Page; gi?: number }, errors: Errors = [], notice: string | null = null, review = false) => {
      const answers = review ? { ...a, from: 'review' } : a;
      const status = errors.length ? 400 : 200;
      const body =
        to.page === 'place'
          ? await placePage(deps, locale, ward, answers, errors)
          : to.page === 'host'
            ? hostPage(locale, answers, errors)
            : to.page === 'guest'
              ? guestPage(locale, answers, to.gi ?? 1, errors)
              : to.page === 'guests'
                ? guestsPage(locale, answers, errors)
                : to.page === 'stay'
                  ? stayPage(locale, answers, errors)
                  : reviewPage(locale, answers, blockName, errors, notice);
      return send(reply, locale, ward, body, { status });
    };
    /** The review, unless something is still missing: then the first page with a problem, its errors shown. */
    const review = async (notice: string | null = null) => {
      const errors = validate(locale, a, today).filter((e) => e.path !== 'consent');
      if (!errors.length) return show({ page: 'review' }, [], notice);
      const first = pageOf((errors[0] as Errors[number]).path);
      return show(first, validate(locale, a, today, first), null, true);
    };

    if (go.startsWith('change-')) {
      const target = go.slice('change-'.length);
      const m = /^guest-(\d+)$/.exec(target);
      if (m) return show({ page: 'guest', gi: Number(m[1]) }, [], null, fromReview || page === 'review');
      const to = (['place', 'host', 'stay'] as const).find((p) => p === target) ?? 'place';
      return show({ page: to }, [], null, true);
    }
    if (go.startsWith('remove-')) {
      a = removeGuest(a, Number(go.slice('remove-'.length)) || 0);
      return show({ page: 'guests' });
    }
    if (go === 'add') {
      const n = guestCount(a);
      if (n >= MAX_GUESTS) return show({ page: 'guests' });
      a.guestCount = String(n + 1);
      return show({ page: 'guest', gi: n + 1 });
    }
    if (go === 'back') {
      // Leaving a guest just added and left empty drops it: nothing typed is lost, and no empty guest stays behind.
      if (page === 'guest' && gi === guestCount(a) && guestKeys(gi).every((k) => !a[k]?.trim())) a = removeGuest(a, gi);
      if (fromReview && page !== 'review') return review();
      const to: { page: Page; gi?: number } =
        page === 'host'
          ? { page: 'place' }
          : page === 'guest'
            ? gi > 1 && guestCount(a) > 0
              ? { page: 'guests' }
              : { page: 'host' }
            : page === 'guests'
              ? { page: 'guest', gi: Math.max(1, guestCount(a)) }
              : page === 'stay'
                ? { page: 'guests' }
                : page === 'review'
                  ? { page: 'stay' }
                  : { page: 'place' };
      return show(to);
    }
    if (page !== 'review') {
      // "Tiếp tục": check this page's answers, then the next question (or back to the review when changing an answer).
      const errors = validate(locale, a, today, { page, gi });
      if (errors.length) return show({ page, gi }, errors, null, fromReview);
      if (fromReview) return review();
      if (page === 'place') return show({ page: 'host' });
      if (page === 'host') {
        if (!guestCount(a)) a.guestCount = '1';
        return show(guestCount(a) === 1 && !a.g1Name && a.g1Self !== 'yes' ? { page: 'guest', gi: 1 } : { page: 'guests' });
      }
      if (page === 'guest') return show({ page: 'guests' });
      if (page === 'guests') return show({ page: 'stay' });
      return review();
    }

    const t = tr(locale);
    if (go === 'code') {
      if (validate(locale, a, today).some((e) => e.path !== 'consent')) return review();
      const challenge = await requestContactCode(deps, ward.id, a.hostContact ?? '');
      if (challenge) a.challenge = challenge;
      return review(challenge ? t('codeSent') : t('verifyUnavailable'));
    }
    // "Gửi thông báo".
    const errors = validate(locale, a, today);
    if (errors.some((e) => e.path !== 'consent')) return review();
    if (errors.length) return show({ page: 'review' }, errors);
    const parsed = publicNotificationSchema.parse(toInput(a));
    try {
      const result = await submitPublicNotification(deps, parsed);
      return send(reply, locale, ward, resultPage(locale, result), { status: 201 });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      const found = err.fields.map((f) => {
        const path = formPath(f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
        const anchor = path === 'arrival' || path === 'departure' || /Birth$/.test(path) ? `f-${path}Day` : `f-${path}`;
        return { path, anchor, text: translate(locale, f.message) };
      });
      const first = pageOf((found[0] as Errors[number]).path);
      // A wrong code is answered on the review page; anything else on the question it belongs to.
      return show(
        first,
        found.filter((e) => {
          const p = pageOf(e.path);
          return p.page === first.page && p.gi === first.gi;
        }),
        null,
        first.page !== 'review',
      );
    }
  });
}
