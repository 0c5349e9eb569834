import { formatReceipt, type Locale, publicTipSchema, TIP_BODY_MAX, TIP_MESSAGE_MAX, translate } from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDateVn, html, inSentence, type SafeHtml } from '../../platform/html.ts';
import { readMultipart, type Upload } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { pageLocale, publicLayout, sendPage } from '../public/index.ts';
import { findActiveBlocks, findActiveWards, findWardByCode, type UnitRecord } from '../units/index.ts';
import { floodGuardOf, POW_SCRIPT } from './tip.flood.ts';

/** Shows the optional "pin my location" button, which needs JavaScript; the position is rounded to about 10 m. */
const PIN_SCRIPT = `(function(){
var box=document.getElementById('pin'),btn=document.getElementById('pin-button');if(!box||!btn||!navigator.geolocation)return;
var lat=box.querySelector('input[name="lat"]'),lng=box.querySelector('input[name="lng"]'),status=document.getElementById('pin-status');box.hidden=false;
function show(){if(lat.value){status.textContent=btn.getAttribute('data-pinned')+' '+lat.value+', '+lng.value;btn.textContent=btn.getAttribute('data-clear')}}show();
btn.addEventListener('click',function(){if(lat.value){lat.value='';lng.value='';status.textContent='';location.reload();return}
navigator.geolocation.getCurrentPosition(function(p){lat.value=p.coords.latitude.toFixed(4);lng.value=p.coords.longitude.toFixed(4);show()},function(){status.textContent=btn.getAttribute('data-failed')},{enableHighAccuracy:false,timeout:15000})})})();`;

import { RECEIPT_LIMIT, tipSubmitLimit } from './tip.public.routes.ts';
import { addSenderMessage, openTipByReceipt, type PublicTipView, submitTip } from './tip.public.service.ts';

/**
 * The tip mailbox pages for residents: plain HTML forms that work without JavaScript on a cheap phone. Every step posts
 * to the same address, so nothing about a tip lands in the browser's history; answers travel in the form (no draft on
 * the server, no cookie); responses are never cached (ux.md §2, security.md G7).
 */
type Answers = Record<string, string>;
type Errors = { path: string; message: string }[];
const FIELDS = [
  'wardCode',
  'what',
  'blockId',
  'place',
  'when',
  'who',
  'identity',
  'contactName',
  'contactPhone',
  'contactConsent',
  'lat',
  'lng',
] as const;

function tr(locale: Locale) {
  return (key: string, vars?: Record<string, string>) => translate(locale, `tipPages.${key}`, vars);
}

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
  return sendPage(reply, opts.status ?? 200, publicLayout(locale, title, '/to-giac', body, { exit: true }));
}

function errorSummary(locale: Locale, errors: Errors): SafeHtml | string {
  if (!errors.length) return '';
  const t = tr(locale);
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t('errorSummary')}</h2><ul>${errors.map(
    (e) => html`<li><a href="#f-${e.path}">${translate(locale, e.message)}</a></li>`,
  )}</ul></div>`;
}

function fieldError(locale: Locale, errors: Errors, path: string): SafeHtml | string {
  const e = errors.find((x) => x.path === path);
  return e
    ? html`<p class="field-error" id="e-${path}"><span class="visually-hidden">${tr(locale)('errorPrefix')}</span> ${translate(locale, e.message)}</p>`
    : '';
}

function describedBy(errors: Errors, path: string, hint = true): string {
  return [hint ? `h-${path}` : '', errors.some((e) => e.path === path) ? `e-${path}` : ''].filter(Boolean).join(' ');
}

function textInput(locale: Locale, a: Answers, errors: Errors, name: string, label: string, hint?: string, type = 'text') {
  return html`<div class="field"><label for="f-${name}">${label}</label>${hint ? html`<p class="hint" id="h-${name}">${hint}</p>` : ''}${fieldError(locale, errors, name)}
<input type="${type}" id="f-${name}" name="${name}" value="${a[name] ?? ''}" autocomplete="off" aria-describedby="${describedBy(errors, name, Boolean(hint))}"></div>`;
}

function textArea(locale: Locale, a: Answers, errors: Errors, name: string, label: string, hint: string, max: number) {
  const t = tr(locale);
  return html`<div class="field"><label for="f-${name}">${label}</label><p class="hint" id="h-${name}">${hint} ${t('limit', { max: max.toLocaleString('vi-VN') })}</p>${fieldError(locale, errors, name)}
<textarea id="f-${name}" name="${name}" rows="6" aria-describedby="${describedBy(errors, name)}">${a[name] ?? ''}</textarea></div>`;
}

function intro(locale: Locale): SafeHtml {
  const t = tr(locale);
  return html`<p>${t('purpose')}</p><p class="notice">${t('danger')}</p><ul><li>${t('noName')}</li><li>${t('notKept')}</li><li>${t('next')}</li></ul>`;
}

async function formPage(deps: Deps, locale: Locale, ward: UnitRecord, a: Answers, errors: Errors) {
  const t = tr(locale);
  const blocks = await findActiveBlocks(deps.database.db, ward.id, vnToday(deps.clock()));
  const identity = a.identity === 'yes' ? 'yes' : 'no';
  return html`<h1>${t('heading', { ward: inSentence(ward.name) })}</h1>${errorSummary(locale, errors)}${intro(locale)}
<form method="post" action="/to-giac" enctype="multipart/form-data" novalidate>
<input type="hidden" name="wardCode" value="${ward.code}"><input type="hidden" name="step" value="review">
${textArea(locale, a, errors, 'what', t('what'), t('whatHint'), TIP_BODY_MAX)}
<div class="field"><label for="f-blockId">${t('block')}</label>${fieldError(locale, errors, 'blockId')}<select id="f-blockId" name="blockId"><option value="">${t('blockUnknown')}</option>${blocks.map(
    (b) => html`<option value="${b.id}"${a.blockId === b.id ? html` selected` : ''}>${b.name}</option>`,
  )}</select></div>
${textInput(locale, a, errors, 'place', t('place'), t('placeHint'))}
<div class="field" id="pin" hidden><button type="button" class="secondary" id="pin-button" data-pinned="${t('pinned')}" data-failed="${t('pinFailed')}" data-clear="${t('pinClear')}">${t('pin')}</button>
<p class="hint">${t('pinHint')}</p><p id="pin-status" role="status"></p>
<input type="hidden" name="lat" value="${a.lat ?? ''}"><input type="hidden" name="lng" value="${a.lng ?? ''}"></div>
${textInput(locale, a, errors, 'when', t('when'), t('whenHint'))}
${textArea(locale, a, errors, 'who', t('who'), t('whoHint'), 1000)}
<fieldset aria-describedby="h-identity"><legend>${t('identityQuestion')}</legend>
<div class="choice"><input type="radio" id="f-identity-no" name="identity" value="no"${identity === 'no' ? html` checked` : ''}><label for="f-identity-no">${t('identityNo')}</label></div>
<div class="choice"><input type="radio" id="f-identity" name="identity" value="yes"${identity === 'yes' ? html` checked` : ''}><label for="f-identity">${t('identityYes')}</label></div>
<p class="hint" id="h-identity">${t('identityExplain')}</p>
${textInput(locale, a, errors, 'contactName', t('contactName'))}${textInput(locale, a, errors, 'contactPhone', t('contactPhone'), undefined, 'tel')}
${fieldError(locale, errors, 'contactConsent')}<div class="choice"><input type="checkbox" id="f-contactConsent" name="contactConsent" value="yes"${a.contactConsent === 'yes' ? html` checked` : ''}><label for="f-contactConsent">${t('consent')}</label></div>
</fieldset>
<button type="submit">${t('continue')}</button></form><script src="/to-giac/trang.js" defer></script>`;
}

function hidden(a: Answers): SafeHtml[] {
  return FIELDS.filter((f) => a[f]).map((f) => html`<input type="hidden" name="${f}" value="${a[f]}">`);
}

function reviewPage(
  locale: Locale,
  ward: UnitRecord,
  a: Answers,
  blockName: string | null,
  errors: Errors,
  pow: { challenge: string; bits: number } | null,
) {
  const t = tr(locale);
  const row = (label: string, value: string | undefined) =>
    html`<dt>${label}</dt><dd>${value?.trim() ? value : html`<span class="muted">${t('notGiven')}</span>`}</dd>`;
  return html`<h1>${t('reviewHeading')}</h1>${errorSummary(locale, errors)}
<p class="panel">${t('reflect')}</p>
<dl class="review">${row(t('what'), a.what)}${row(t('block'), blockName ?? undefined)}${row(t('place'), a.place)}${row(t('when'), a.when)}${row(t('who'), a.who)}
${row(t('pinLabel'), a.lat && a.lng ? `${a.lat}, ${a.lng}` : undefined)}
${row(t('identityQuestion'), a.identity === 'yes' ? [a.contactName, a.contactPhone].filter(Boolean).join(', ') : t('anonymous'))}</dl>
<form method="post" action="/to-giac" enctype="multipart/form-data" novalidate>${hidden(a)}<input type="hidden" name="wardCode" value="${ward.code}">
<div class="field"><label for="f-files">${t('files')}</label><p class="hint" id="h-files">${t('filesHint')} ${t('filesWarning')}</p>${fieldError(locale, errors, 'files')}
<input type="file" id="f-files" name="files" multiple accept="image/jpeg,image/png,image/webp,application/pdf,.docx,audio/mpeg,audio/mp4,video/mp4" aria-describedby="h-files"></div>
${pow ? html`<input type="hidden" name="pow" value="" data-challenge="${pow.challenge}" data-bits="${pow.bits}"><p id="pow-status" role="status" hidden>${t('preparing')}</p><script src="/to-giac/trang.js" defer></script>` : ''}
<button type="submit" name="step" value="send">${t('send')}</button>
<button type="submit" name="step" value="edit" class="secondary">${t('edit')}</button></form>`;
}

function receiptPage(locale: Locale, receipt: string) {
  const t = tr(locale);
  return html`<h1>${t('sentHeading')}</h1><h2>${t('receiptLabel')}</h2><p class="receipt">${formatReceipt(receipt)}</p>
<ul><li>${t('rule1')}</li><li>${t('rule2')}</li><li>${t('rule3')}</li><li>${t('rule4')}</li></ul>
<p>${t('comeBack')}</p><p><a href="/to-giac/theo-doi">${t('tryIt')}</a></p>`;
}

/** Turns the form's fields into the API's input (a checked consent box, a chosen identity). */
function toInput(a: Answers) {
  const identified = a.identity === 'yes';
  return {
    wardCode: a.wardCode ?? '',
    what: a.what ?? '',
    blockId: a.blockId || null,
    place: a.place ?? '',
    when: a.when ?? '',
    who: a.who ?? '',
    contactName: identified ? (a.contactName ?? '') : '',
    contactPhone: identified ? (a.contactPhone ?? '') : '',
    contactConsent: identified && a.contactConsent === 'yes',
    lat: coordinate(a.lat, 90),
    lng: coordinate(a.lng, 180),
  };
}

/** A coordinate from a hidden field, or null when absent or out of range. */
function coordinate(value: string | undefined, limit: number): number | null {
  const n = value ? Number(value) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

function errorsOf(err: unknown): Errors | null {
  if (
    err instanceof AppError &&
    (err.code === 'validation' || err.code === 'fileType' || err.code === 'tooManyFiles' || err.code === 'payloadTooLarge')
  ) {
    return err.fields.length ? err.fields : [{ path: 'files', message: `errors.${err.code}` }];
  }
  return null;
}

function threadPage(locale: Locale, code: string, view: PublicTipView | null, notice: string | null, errors: Errors) {
  const t = tr(locale);
  const codeForm = html`<form method="post" action="/to-giac/theo-doi" enctype="multipart/form-data" novalidate>
<div class="field"><label for="f-code">${t('codeLabel')}</label><p class="hint" id="h-code">${t('codeHint')}</p>
<input type="text" id="f-code" name="code" value="" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="h-code"></div>
<button type="submit" name="step" value="open">${t('open')}</button></form>`;
  if (!view) {
    return html`<h1>${t('followHeading')}</h1>${notice ? html`<p class="error-summary" role="alert">${notice}</p>` : ''}${codeForm}`;
  }
  const questionsFirst = [...view.messages].sort((a, b) => (a.from === b.from ? 0 : a.from === 'police' ? -1 : 1));
  return html`<h1>${t('followHeading')}</h1>${notice ? html`<p class="panel" role="status">${notice}</p>` : ''}${errorSummary(locale, errors)}
<dl><dt>${t('statusLabel')}</dt><dd>${translate(locale, `tips.publicStatus.${view.status === 'spam' ? 'new' : view.status}`)}${view.usedInCase ? html`<br>${t('usedInCase')}` : ''}</dd><dt>${t('receivedOn')}</dt><dd>${formatDateVn(view.receivedOn)}</dd></dl>
<h2>${t('thread')}</h2>${
    questionsFirst.length
      ? html`<ul class="thread">${questionsFirst.map(
          (m) =>
            html`<li class="${m.from}"><strong>${m.from === 'police' ? t('fromPolice') : t('fromYou')}</strong> · ${formatDateVn(m.on)}<br>${m.body}</li>`,
        )}</ul>`
      : html`<p>${t('noMessages')}</p>`
  }
${view.files.length ? html`<h2>${t('yourFiles')}</h2><ul>${view.files.map((f) => html`<li>${f.name}</li>`)}</ul>` : ''}
<form method="post" action="/to-giac/theo-doi" enctype="multipart/form-data" novalidate><input type="hidden" name="code" value="${code}">
${textArea(locale, {}, errors, 'body', t('reply'), t('replyHint'), TIP_MESSAGE_MAX)}
<div class="field"><label for="f-files">${t('files')}</label><p class="hint" id="h-files">${t('filesHint')} ${t('filesWarning')}</p>
<input type="file" id="f-files" name="files" multiple aria-describedby="h-files"></div>
<button type="submit" name="step" value="reply">${t('sendReply')}</button></form>`;
}

async function readForm(req: FastifyRequest): Promise<{ a: Answers; files: Upload[] }> {
  if (!req.isMultipart()) throw new AppError('unsupportedMediaType');
  const { fields, files } = await readMultipart(req);
  return { a: fields, files };
}

/** Registers /to-giac (send a tip) and /to-giac/theo-doi (follow it with the receipt code). */
export function registerTipPages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  app.get('/to-giac', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const t = tr(locale);
    const code = (req.query as { phuong?: string }).phuong;
    const today = vnToday(deps.clock());
    const ward = code ? await findWardByCode(db, String(code).slice(0, 60), today) : null;
    if (ward?.isActive) return send(reply, locale, ward, await formPage(deps, locale, ward, {}, []));
    const wards = await findActiveWards(db, today);
    return send(
      reply,
      locale,
      null,
      html`<h1>${t('chooseWard')}</h1>${intro(locale)}<ul class="wards">${wards.map((w) => html`<li><a href="/to-giac?phuong=${encodeURIComponent(w.code)}">${w.name}</a></li>`)}</ul>`,
    );
  });

  app.post('/to-giac', { config: { rateLimit: tipSubmitLimit(deps) }, schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const { a, files } = await readForm(req);
    const ward = await findWardByCode(db, (a.wardCode ?? '').slice(0, 60), vnToday(deps.clock()));
    if (!ward?.isActive) return reply.redirect('/to-giac', 303);
    if (a.step === 'edit') return send(reply, locale, ward, await formPage(deps, locale, ward, a, []));
    const parsed = publicTipSchema.safeParse(toInput(a));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: String(i.path[0] ?? 'what'),
        message: i.message.includes('.') ? i.message : 'validation.invalid',
      }));
      return send(reply, locale, ward, await formPage(deps, locale, ward, a, errors), { status: 400, error: true });
    }
    const blocks = await findActiveBlocks(db, ward.id, vnToday(deps.clock()));
    const blockName = blocks.find((b) => b.id === a.blockId)?.name ?? null;
    const guard = floodGuardOf(deps);
    const pow = async () => ((await guard.isFlooded(ward.id)) ? { challenge: guard.challenge(ward.id), bits: guard.bits } : null);
    if (a.step !== 'send') return send(reply, locale, ward, reviewPage(locale, ward, a, blockName, [], await pow()));
    try {
      const { receipt } = await submitTip(deps, { ...parsed.data, pow: a.pow || undefined }, files);
      return send(reply, locale, ward, receiptPage(locale, receipt), { status: 201 });
    } catch (err) {
      if (err instanceof AppError && err.code === 'powRequired') {
        const busy = [{ path: 'pow', message: 'tipPages.busy' }];
        return send(reply, locale, ward, reviewPage(locale, ward, a, blockName, busy, await pow()), { status: 429, error: true });
      }
      if (err instanceof AppError && err.code === 'unavailable') {
        // The file store did not answer: the resident keeps what they wrote and sends again a little later.
        const down = [{ path: 'files', message: 'errors.unavailable' }];
        return send(reply, locale, ward, reviewPage(locale, ward, a, blockName, down, await pow()), { status: 503, error: true });
      }
      const errors = errorsOf(err);
      if (!errors) throw err;
      return send(reply, locale, ward, reviewPage(locale, ward, a, blockName, errors, await pow()), { status: 400, error: true });
    }
  });

  app.get('/to-giac/trang.js', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(`${PIN_SCRIPT}\n${POW_SCRIPT}`),
  );

  app.get('/to-giac/theo-doi', { schema: { hide: true } }, (req, reply) =>
    send(reply, pageLocale(req), null, threadPage(pageLocale(req), '', null, null, [])),
  );

  app.post('/to-giac/theo-doi', { config: { rateLimit: RECEIPT_LIMIT }, schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const t = tr(locale);
    const { a, files } = await readForm(req);
    const code = (a.code ?? '').slice(0, 64);
    try {
      if (a.step === 'reply') {
        const body = (a.body ?? '').normalize('NFC').trim();
        if (!body && files.length === 0) {
          const view = await openTipByReceipt(deps, code);
          return send(reply, locale, null, threadPage(locale, code, view, null, [{ path: 'body', message: 'tips.whatRequired' }]), {
            status: 400,
            error: true,
          });
        }
        if (body.length > TIP_MESSAGE_MAX) throw new AppError('validation', [{ path: 'body', message: 'validation.tooLong' }]);
        const view = await addSenderMessage(deps, code, body, files);
        return send(reply, locale, null, threadPage(locale, code, view, t('replySent'), []));
      }
      return send(reply, locale, null, threadPage(locale, code, await openTipByReceipt(deps, code), null, []));
    } catch (err) {
      if (err instanceof AppError && err.code === 'receiptNotFound')
        return send(reply, locale, null, threadPage(locale, '', null, t('notFound'), []), { status: 404 });
      const errors = errorsOf(err);
      if (!errors) throw err;
      const view = await openTipByReceipt(deps, code);
      return send(reply, locale, null, threadPage(locale, code, view, null, errors), { status: 400, error: true });
    }
  });
}
