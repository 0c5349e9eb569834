import {
  CAMERA_CONSENT_TEXTS,
  CAMERA_CONSENT_VERSION,
  CAMERA_COVERS,
  CONTACT_CHANNELS,
  FOOTAGE_ANSWERS,
  FOOTAGE_OUTCOMES,
  footageGoneAt,
  greatCircleMetres,
  type Locale,
  monthlyOutcomes,
  publicCameraSchema,
  translate,
} from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDateVn, html, inSentence, type SafeHtml } from '../../platform/html.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { pageLocale, publicLayout, sendPage } from '../public/index.ts';
import { findActiveBlocks, findActiveWards, findUnitById, findWardByCode, type UnitRecord } from '../units/index.ts';
import { answerRequest, ownerOf, ownerRequests, recordOwnerView, updateOwnCamera, withdrawOwnCamera } from './camera.owner.ts';
import { registerPublicCamera, requestOwnerCode, transparencyFigures } from './camera.service.ts';

/**
 * The public pages of community cameras, plain HTML that works without JavaScript: the registration form at /camera (the
 * details on one page, then the code sent to the contact, then the result), the owner's page at /camera/chu/<signed
 * link>, and the transparency page at /camera/minh-bach. No address, browser detail or cookie is kept (security.md).
 */
type Answers = Record<string, string>;
type Errors = { path: string; text: string }[];
const PUBLIC_LIMIT = { max: 30, timeWindow: '1 hour' };
const FIELDS = [
  'wardCode',
  'kind',
  'ownerName',
  'contact',
  'channel',
  'label',
  'unitId',
  'address',
  'lat',
  'lng',
  'direction',
  'angle',
  'range',
  'retentionDays',
  'working',
  'consent',
  ...CAMERA_COVERS.map((c) => `cover_${c}`),
];
const DIRECTIONS = ['0', '45', '90', '135', '180', '225', '270', '315'];
const ANGLES = ['60', '90', '120', '180', '360'];

const tr = (locale: Locale) => (key: string, vars?: Record<string, string>) => translate(locale, `cameras.pages.${key}`, vars);
const lang = (locale: Locale, sep = '?') => (locale === 'en' ? `${sep}lang=en` : '');

function send(reply: FastifyReply, locale: Locale, ward: UnitRecord | null, path: string, body: SafeHtml, status = 200) {
  const t = tr(locale);
  const title = `${status === 400 ? `${t('errorPrefix')} ` : ''}${t('title', { ward: ward?.name ?? 'Bình An' })}`;
  reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').header('Referrer-Policy', 'no-referrer');
  return sendPage(reply, status, publicLayout(locale, title, path, body));
}

function errorSummary(locale: Locale, errors: Errors): SafeHtml | string {
  if (!errors.length) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${tr(locale)('errorSummary')}</h2><ul>${errors.map(
    (e) => html`<li><a href="#f-${e.path}">${e.text}</a></li>`,
  )}</ul></div>`;
}

function fieldError(locale: Locale, errors: Errors, path: string): SafeHtml | string {
  const e = errors.find((x) => x.path === path);
  return e
    ? html`<p class="field-error" id="e-${path}"><span class="visually-hidden">${tr(locale)('errorPrefix')}</span> ${e.text}</p>`
    : '';
}

function input(
  locale: Locale,
  a: Answers,
  errors: Errors,
  name: string,
  label: string,
  hint?: string,
  opts: { inputmode?: string; autocomplete?: string } = {},
) {
  const bad = errors.some((e) => e.path === name);
  const ids = [hint ? `h-${name}` : '', bad ? `e-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="f-${name}">${label}</label>${hint ? html`<p class="hint" id="h-${name}">${hint}</p>` : ''}${fieldError(locale, errors, name)}
<input type="text" id="f-${name}" name="${name}" value="${a[name] ?? ''}" autocomplete="${opts.autocomplete ?? 'off'}"${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${bad ? html` aria-invalid="true"` : ''}${ids ? html` aria-describedby="${ids}"` : ''}></div>`;
}

function select(locale: Locale, a: Answers, errors: Errors, name: string, label: string, options: { value: string; text: string }[]) {
  return html`<div class="field"><label for="f-${name}">${label}</label>${fieldError(locale, errors, name)}<select id="f-${name}" name="${name}">${options.map(
    (o) => html`<option value="${o.value}"${a[name] === o.value ? html` selected` : ''}>${o.text}</option>`,
  )}</select></div>`;
}

function radios(locale: Locale, a: Answers, errors: Errors, name: string, legend: string, options: { value: string; text: string }[]) {
  return html`<fieldset id="f-${name}"><legend>${legend}</legend>${fieldError(locale, errors, name)}${options.map(
    (o, i) =>
      html`<div class="choice"><input type="radio" id="f-${name}-${String(i)}" name="${name}" value="${o.value}"${a[name] === o.value ? html` checked` : ''}><label for="f-${name}-${String(i)}">${o.text}</label></div>`,
  )}</fieldset>`;
}

function promises(locale: Locale): SafeHtml {
  const t = tr(locale);
  return html`<p>${t('intro')}</p><ul><li>${t('promise1')}</li><li>${t('promise2')}</li><li>${t('promise3')}</li></ul>`;
}

const hidden = (a: Answers, keys: string[]) => keys.filter((k) => a[k]).map((k) => html`<input type="hidden" name="${k}" value="${a[k]}">`);

async function detailsPage(deps: Deps, locale: Locale, ward: UnitRecord, a: Answers, errors: Errors) {
  const t = tr(locale);
  const blocks = await findActiveBlocks(deps.database.db, ward.id, vnToday(deps.clock()));
  const v = (k: string) => translate(locale, `cameras.${k}`);
  const consent = CAMERA_CONSENT_TEXTS[CAMERA_CONSENT_VERSION] as { vi: string; en: string };
  return html`${errorSummary(locale, errors)}<h1>${t('heading')}</h1><p class="muted">${inSentence(ward.name)}</p>${promises(locale)}
<form method="post" action="/camera${lang(locale)}" enctype="multipart/form-data" novalidate><input type="hidden" name="wardCode" value="${ward.code}"><input type="hidden" name="step" value="details">
<h2>${t('owner')}</h2>
${radios(locale, a, errors, 'kind', t('kind'), [
  { value: 'resident', text: v('kinds.resident') },
  { value: 'business', text: v('kinds.business') },
])}
${input(locale, a, errors, 'ownerName', t('ownerName'), undefined, { autocomplete: 'name' })}
${input(locale, a, errors, 'contact', t('contact'), t('contactHint'), { autocomplete: 'tel' })}
${select(
  locale,
  a,
  errors,
  'channel',
  t('channel'),
  CONTACT_CHANNELS.map((c) => ({ value: c, text: v(`channels.${c}`) })),
)}
<h2>${t('camera')}</h2>
${input(locale, a, errors, 'label', t('label'), t('labelHint'))}
${select(locale, a, errors, 'unitId', t('block'), [{ value: '', text: t('blockUnknown') }, ...blocks.map((b) => ({ value: b.id, text: b.name }))])}
${input(locale, a, errors, 'address', t('address'), undefined, { autocomplete: 'street-address' })}
<h2>${t('position')}</h2><p class="hint">${t('positionHint')}</p>
${input(locale, a, errors, 'lat', t('lat'), undefined, { inputmode: 'decimal' })}
${input(locale, a, errors, 'lng', t('lng'), undefined, { inputmode: 'decimal' })}
${select(
  locale,
  a,
  errors,
  'direction',
  t('direction'),
  DIRECTIONS.map((d) => ({ value: d, text: v(`directions.${d}`) })),
)}
${select(
  locale,
  a,
  errors,
  'angle',
  t('angle'),
  ANGLES.map((d) => ({ value: d, text: d === '360' ? t('angleFull') : t('angleOption', { deg: d }) })),
)}
${input(locale, a, errors, 'range', t('range'), undefined, { inputmode: 'numeric' })}
<fieldset id="f-covers"><legend>${t('covers')}</legend>${fieldError(locale, errors, 'covers')}${CAMERA_COVERS.map(
    (c) =>
      html`<div class="choice"><input type="checkbox" id="f-cover_${c}" name="cover_${c}" value="yes"${a[`cover_${c}`] === 'yes' ? html` checked` : ''}><label for="f-cover_${c}">${v(`covers.${c}`)}</label></div>`,
  )}</fieldset>
${input(locale, a, errors, 'retentionDays', t('retentionDays'), undefined, { inputmode: 'numeric' })}
${radios(locale, a, errors, 'working', t('working'), [
  { value: 'yes', text: t('yes') },
  { value: 'no', text: t('no') },
])}
<h2>${t('consent')}</h2><p id="h-consent">${consent[locale]}</p><p class="muted">${t('consentVersion', { version: CAMERA_CONSENT_VERSION })}</p>
${fieldError(locale, errors, 'consent')}<div class="choice"><input type="checkbox" id="f-consent" name="consent" value="yes" aria-describedby="h-consent"${a.consent === 'yes' ? html` checked` : ''}><label for="f-consent">${t('consent')}</label></div>
<button type="submit">${t('sendCode')}</button></form>
<p><a href="/camera/minh-bach?phuong=${encodeURIComponent(ward.code)}${lang(locale, '&')}">${t('transparencyLink')}</a></p>`;
}

function codePage(locale: Locale, a: Answers, errors: Errors, notice: string | null) {
  const t = tr(locale);
  return html`${errorSummary(locale, errors)}<h1>${t('codeHeading')}</h1>${notice ? html`<p class="notice">${notice}</p>` : ''}
<form method="post" action="/camera${lang(locale)}" enctype="multipart/form-data" novalidate>${hidden(a, [...FIELDS, 'challenge'])}<input type="hidden" name="step" value="verify">
${input(locale, a, errors, 'code', t('code'), undefined, { inputmode: 'numeric', autocomplete: 'one-time-code' })}
<button type="submit">${t('register')}</button><button type="submit" name="step" value="edit" class="secondary">${t('back')}</button></form>`;
}

/** The form's answers as the schema reads them, or the errors of each field in the reader's language. */
function read(
  locale: Locale,
  a: Answers,
): { ok: true; value: ReturnType<typeof publicCameraSchema.parse> } | { ok: false; errors: Errors } {
  const num = (k: string) => (a[k]?.trim() ? Number(a[k]?.replace(',', '.')) : Number.NaN);
  const candidate = {
    wardCode: a.wardCode ?? '',
    kind: a.kind,
    ownerName: a.ownerName ?? '',
    contact: a.contact ?? '',
    channel: a.channel,
    label: a.label ?? '',
    unitId: a.unitId || undefined,
    address: a.address ?? '',
    lat: num('lat'),
    lng: num('lng'),
    direction: num('direction'),
    angle: num('angle'),
    range: num('range'),
    covers: CAMERA_COVERS.filter((c) => a[`cover_${c}`] === 'yes'),
    retentionDays: num('retentionDays'),
    working: a.working === 'yes' ? true : a.working === 'no' ? false : undefined,
    consent: a.consent === 'yes',
  };
  const r = publicCameraSchema.safeParse(candidate);
  if (r.success) return { ok: true, value: r.data };
  const errors: Errors = [];
  for (const issue of r.error.issues) {
    const path = String(issue.path[0] ?? 'form');
    if (errors.some((e) => e.path === path)) continue;
    const key = issue.message.includes('.') ? issue.message : path === 'consent' ? 'cameras.consentRequired' : 'validation.invalid';
    errors.push({ path, text: translate(locale, key) });
  }
  return { ok: false, errors };
}

function ownerPath(token: string) {
  return `/camera/chu/${token}`;
}

async function ownerPage(deps: Deps, locale: Locale, token: string, notice: string | null, errors: Errors) {
  const o = await ownerOf(deps, token);
  const t = tr(locale);
  if (!o) return null;
  const v = (k: string, vars?: Record<string, string>) => translate(locale, `cameras.${k}`, vars);
  const items = await ownerRequests(deps, o);
  const ward = await findUnitById(deps.database.db, o.wardId, vnToday(deps.clock()));
  const day = (d: Date) => formatDateVn(vnToday(d));
  const when = (d: Date) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(d);
  const action = `${ownerPath(token)}${lang(locale)}`;
  const body = html`${errorSummary(locale, errors)}<h1>${t('ownerHeading')}</h1><p class="muted">${ward ? inSentence(ward.name) : ''}</p>${
    notice ? html`<p class="notice" role="status">${notice}</p>` : ''
  }<p>${t('ownerIntro')}</p>
<h2>${t('yourCameras')}</h2>${o.cameras.map(
    (c) =>
      html`<div class="panel"><h3>${c.label}</h3><p>${c.address}</p>${
        c.status === 'withdrawn'
          ? html`<p><span class="badge">${t('withdrawnOn', { day: c.withdrawnAt ? day(c.withdrawnAt) : '' })}</span></p>`
          : html`<form method="post" action="${action}" enctype="multipart/form-data" novalidate><input type="hidden" name="do" value="update"><input type="hidden" name="cameraId" value="${c.id}">
<fieldset><legend>${t('working')}</legend><div class="choice"><input type="radio" id="w-${c.id}-y" name="working" value="yes"${c.working ? html` checked` : ''}><label for="w-${c.id}-y">${t('yes')}</label></div><div class="choice"><input type="radio" id="w-${c.id}-n" name="working" value="no"${c.working ? '' : html` checked`}><label for="w-${c.id}-n">${t('no')}</label></div></fieldset>
<div class="field"><label for="r-${c.id}">${t('retentionDays')}</label><input type="text" inputmode="numeric" id="r-${c.id}" name="retentionDays" value="${String(c.retentionDays)}"></div>
<fieldset><legend>${t('correctPosition')}</legend><p class="hint">${t('positionHint')}</p>${(
              [
                ['lat', t('lat'), String(c.lat), 'decimal'],
                ['lng', t('lng'), String(c.lng), 'decimal'],
                ['direction', t('directionDegrees'), String(c.direction), 'decimal'],
                ['angle', t('angleDegrees'), String(c.angle), 'numeric'],
                ['range', t('range'), String(c.rangeM), 'numeric'],
              ] as const
            ).map(
              ([name, label, value, mode]) =>
                html`<div class="field"><label for="${name}-${c.id}">${label}</label><input type="text" inputmode="${mode}" id="${name}-${c.id}" name="${name}" value="${value}"></div>`,
            )}</fieldset>
<button type="submit">${t('update')}</button></form>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate><input type="hidden" name="do" value="withdraw"><input type="hidden" name="cameraId" value="${c.id}">
<div class="choice"><input type="checkbox" id="x-${c.id}" name="confirm" value="yes"><label for="x-${c.id}">${t('withdrawConfirm')}</label></div>
<button type="submit" class="secondary">${t('withdraw')}</button></form>`
      }</div>`,
  )}
<h2>${t('requests')}</h2>${
    items.length
      ? items.map((x) => {
          const cam = o.cameras.find((c) => c.id === x.cameraId);
          const r = x.request;
          return html`<div class="panel"><h3>${r.reference} · ${cam?.label ?? ''}</h3><dl>
<dt>${t('sentOn')}</dt><dd>${day(r.createdAt)}</dd>
<dt>${t('window')}</dt><dd>${when(r.fromAt)} – ${when(r.toAt)}</dd>
<dt>${t('purpose')}</dt><dd>${r.purpose}</dd>
<dt>${t('place')}</dt><dd>${t('placeText', { radius: String(r.radiusM), distance: String(cam ? Math.round(greatCircleMetres(cam, r)) : Math.round(x.distanceM)) })}</dd>
<dt>${t('status')}</dt><dd>${x.outcome === 'pending' ? v('outcomes.pending') : t('answered', { day: x.answeredAt ? day(x.answeredAt) : '', answer: v(`outcomes.${x.outcome}`) })}</dd></dl>${
            x.outcome === 'pending'
              ? html`<p class="muted">${t('goneBy', { day: day(footageGoneAt(cam?.retentionDays ?? 1, r.toAt)) })}</p>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate><input type="hidden" name="do" value="answer"><input type="hidden" name="targetId" value="${x.id}">
<fieldset><legend>${t('answer')}</legend>${FOOTAGE_ANSWERS.map(
                  (ans) =>
                    html`<div class="choice"><input type="radio" id="a-${x.id}-${ans}" name="answer" value="${ans}"><label for="a-${x.id}-${ans}">${v(`answers.${ans}`)}</label></div>`,
                )}</fieldset>
<div class="field"><label for="n-${x.id}">${t('note')}</label><textarea id="n-${x.id}" name="note"></textarea></div>
<div class="field"><label for="u-${x.id}">${t('file')}</label><p class="hint" id="h-u-${x.id}">${t('fileHint')}</p><input type="file" id="u-${x.id}" name="file" aria-describedby="h-u-${x.id}"></div>
<button type="submit">${t('sendAnswer')}</button></form>`
              : x.note
                ? html`<p>${x.note}</p>`
                : ''
          }</div>`;
        })
      : html`<p>${t('noRequests')}</p>`
  }`;
  return { o, ward, body };
}

/** Registers /camera, /camera/chu/:token and /camera/minh-bach. */
export function registerCameraPages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  app.get('/camera', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const today = vnToday(deps.clock());
    const code = (req.query as { phuong?: string }).phuong;
    const ward = code ? await findWardByCode(db, String(code).slice(0, 60), today) : null;
    if (ward?.isActive)
      return send(
        reply,
        locale,
        ward,
        '/camera',
        await detailsPage(deps, locale, ward, { kind: 'resident', working: 'yes', angle: '90', range: '30', retentionDays: '7' }, []),
      );
    const wards = await findActiveWards(db, today);
    return send(
      reply,
      locale,
      null,
      '/camera',
      html`<h1>${tr(locale)('chooseWard')}</h1>${promises(locale)}<ul class="wards">${wards.map(
        (w) => html`<li><a href="/camera?phuong=${encodeURIComponent(w.code)}${lang(locale, '&')}">${w.name}</a></li>`,
      )}</ul>`,
    );
  });

  app.post('/camera', { config: { rateLimit: PUBLIC_LIMIT }, schema: { hide: true } }, async (req: FastifyRequest, reply) => {
    const locale = pageLocale(req);
    if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
    const { fields } = await readMultipart(req);
    const today = vnToday(deps.clock());
    const ward = await findWardByCode(db, (fields.wardCode ?? '').slice(0, 60), today);
    if (!ward?.isActive) return reply.redirect('/camera', 303);
    const a: Answers = { ...fields };
    const t = tr(locale);
    const parsed = read(locale, a);
    if (!parsed.ok || a.step === 'edit')
      return send(
        reply,
        locale,
        ward,
        '/camera',
        await detailsPage(deps, locale, ward, a, parsed.ok ? [] : parsed.errors),
        parsed.ok ? 200 : 400,
      );
    if (a.step !== 'verify') {
      const challenge = await requestOwnerCode(deps, ward.id, parsed.value.contact, parsed.value.channel, locale);
      if (!challenge)
        return send(
          reply,
          locale,
          ward,
          '/camera',
          await detailsPage(deps, locale, ward, a, [{ path: 'contact', text: t('sendUnavailable') }]),
          400,
        );
      return send(reply, locale, ward, '/camera', codePage(locale, { ...a, challenge }, [], t('codeSent')));
    }
    try {
      await registerPublicCamera(deps, { ...parsed.value, challenge: a.challenge ?? '', code: a.code ?? '' }, locale);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      const errors = err.fields.map((f) => ({ path: f.path, text: translate(locale, f.message) }));
      if (errors.some((e) => e.path === 'code')) return send(reply, locale, ward, '/camera', codePage(locale, a, errors, null), 400);
      return send(reply, locale, ward, '/camera', await detailsPage(deps, locale, ward, a, errors), 400);
    }
    return send(
      reply,
      locale,
      ward,
      '/camera',
      html`<h1>${t('doneHeading')}</h1><p class="panel">${t('done')}</p><p><a href="/camera/minh-bach?phuong=${encodeURIComponent(ward.code)}${lang(locale, '&')}">${t('transparencyLink')}</a></p>`,
      201,
    );
  });

  // The owner's token is in the path: these routes are never logged.
  app.get('/camera/chu/:token', { logLevel: 'silent', schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const token = String((req.params as { token: string }).token).slice(0, 200);
    const saved = (req.query as { ok?: string }).ok === '1';
    const page = await ownerPage(deps, locale, token, saved ? tr(locale)('saved') : null, []);
    if (!page)
      return send(reply, locale, null, '/camera', html`<h1>${tr(locale)('ownerHeading')}</h1><p>${tr(locale)('linkInvalid')}</p>`, 404);
    await recordOwnerView(deps, page.o);
    return send(reply, locale, page.ward, ownerPath(token), page.body);
  });

  app.post(
    '/camera/chu/:token',
    { logLevel: 'silent', config: { rateLimit: PUBLIC_LIMIT }, schema: { hide: true } },
    async (req: FastifyRequest, reply) => {
      const locale = pageLocale(req);
      const token = String((req.params as { token: string }).token).slice(0, 200);
      if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
      const { fields, files } = await readMultipart(req);
      const o = await ownerOf(deps, token);
      if (!o)
        return send(reply, locale, null, '/camera', html`<h1>${tr(locale)('ownerHeading')}</h1><p>${tr(locale)('linkInvalid')}</p>`, 404);
      const t = tr(locale);
      const fail = async (errors: Errors) => {
        const page = await ownerPage(deps, locale, token, null, errors);
        return send(reply, locale, page?.ward ?? null, ownerPath(token), page?.body ?? html``, 400);
      };
      try {
        if (fields.do === 'answer') {
          const answer = FOOTAGE_ANSWERS.find((x) => x === fields.answer);
          if (!answer) return fail([{ path: 'answer', text: translate(locale, 'validation.required') }]);
          const note = (fields.note ?? '').normalize('NFC').trim().slice(0, 1000) || null;
          await answerRequest(deps, o, { targetId: fields.targetId ?? '', answer, note, file: files[0] ?? null });
        } else if (fields.do === 'update') {
          const num = (k: string) => (fields[k]?.trim() ? Number(fields[k]?.replace(',', '.')) : Number.NaN);
          const corrected = ['lat', 'lng', 'direction', 'angle', 'range'].some((k) => fields[k] !== undefined);
          await updateOwnCamera(deps, o, fields.cameraId ?? '', {
            working: fields.working === 'yes',
            retentionDays: Number(fields.retentionDays ?? ''),
            fieldOfView: corrected
              ? { lat: num('lat'), lng: num('lng'), direction: num('direction'), angle: num('angle'), range: num('range') }
              : undefined,
          });
        } else if (fields.do === 'withdraw') {
          if (fields.confirm !== 'yes') return fail([{ path: 'confirm', text: t('withdrawConfirmRequired') }]);
          await withdrawOwnCamera(deps, o, fields.cameraId ?? '');
        } else throw new AppError('badRequest');
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation') throw err;
        return fail(err.fields.map((f) => ({ path: f.path, text: translate(locale, f.message) })));
      }
      return reply.redirect(`${ownerPath(token)}?ok=1${lang(locale, '&')}`, 303);
    },
  );

  app.get('/camera/minh-bach', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const t = tr(locale);
    const today = vnToday(deps.clock());
    const code = (req.query as { phuong?: string }).phuong;
    const ward = code ? await findWardByCode(db, String(code).slice(0, 60), today) : null;
    if (!ward) {
      const wards = await findActiveWards(db, today);
      return send(
        reply,
        locale,
        null,
        '/camera/minh-bach',
        html`<h1>${t('transparencyHeading')}</h1><ul class="wards">${wards.map(
          (w) => html`<li><a href="/camera/minh-bach?phuong=${encodeURIComponent(w.code)}${lang(locale, '&')}">${w.name}</a></li>`,
        )}</ul>`,
      );
    }
    const f = await transparencyFigures(deps, ward.id);
    const rows = monthlyOutcomes(
      f.targets.map((x) => ({ month: x.month, outcome: x.outcome as 'pending' })),
      f.requests,
    );
    const v = (k: string) => translate(locale, `cameras.${k}`);
    const n = (x: number) => x.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN');
    const month = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
    return send(
      reply,
      locale,
      ward,
      '/camera/minh-bach',
      html`<h1>${t('transparencyHeading')}</h1><p class="muted">${inSentence(ward.name)}</p><p>${t('transparencyIntro')}</p>
<dl><dt>${t('registered')}</dt><dd>${n(f.registered)}</dd><dt>${t('workingCount')}</dt><dd>${n(f.working)}</dd></dl>
${
  rows.length
    ? html`<table><caption class="visually-hidden">${t('transparencyHeading')}</caption><thead><tr><th scope="col">${t('month')}</th><th scope="col">${t('requestCount')}</th><th scope="col">${t('camerasAsked')}</th>${FOOTAGE_OUTCOMES.map(
        (o) => html`<th scope="col">${v(`outcomes.${o}`)}</th>`,
      )}</tr></thead><tbody>${rows.map(
        (r) =>
          html`<tr><th scope="row">${month(r.month)}</th><td>${n(r.requests)}</td><td>${n(r.cameras)}</td>${FOOTAGE_OUTCOMES.map((o) => html`<td>${n(r.outcomes[o])}</td>`)}</tr>`,
      )}</tbody></table>`
    : html`<p>${t('noData')}</p>`
}
<p><a href="/camera?phuong=${encodeURIComponent(ward.code)}${lang(locale, '&')}">${t('registerLink')}</a></p>`,
    );
  });
}
