import {
  type Locale,
  OUTREACH_TOPICS,
  SUBSCRIPTION_CONSENT_TEXTS,
  SUBSCRIPTION_CONSENT_VERSION,
  SURVEY_ANSWERS,
  type SurveyAnswer,
  translate,
} from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { escapeHtml, formatDateVn, html, inSentence, type SafeHtml } from '../../platform/html.ts';
import { CHANNELS, type Channel, messengerOf } from '../../platform/messaging/index.ts';
import { vnToday } from '../../platform/time.ts';
import { pageLocale, publicLayout, sendPage } from '../public/index.ts';
import { findActiveBlocks, findActiveWards, findWardByCode, type UnitRecord } from '../units/index.ts';
import {
  answerSurvey,
  checkUnsubscribeLink,
  confirmSubscription,
  type PublicAnnouncement,
  publicAnnouncements,
  startSubscription,
  unsubscribe,
} from './outreach.public.ts';

/**
 * The ward's public announcements at /thong-bao (server-rendered, no script), their Atom feed at /thong-bao/feed.xml,
 * the subscription to alerts (/thong-bao/dang-ky: a verified contact, topics, blocks, quiet hours, consent), the
 * one-click unsubscribe (/thong-bao/huy/<id>/<signature>: GET asks, POST does it, as RFC 8058 mail clients do) and the
 * survey under an announcement. Forms post application/x-www-form-urlencoded; no address or browser detail is kept.
 */
type Form = Record<string, string[]>;
const PUBLIC_LIMIT = { max: 30, timeWindow: '1 hour' };
const tr = (locale: Locale) => (key: string, vars?: Record<string, string>) => translate(locale, `outreach.pages.${key}`, vars);
const one = (f: Form, k: string) => (f[k]?.[0] ?? '').slice(0, 500);
const langQ = (locale: Locale, sep: '?' | '&' = '?') => (locale === 'en' ? `${sep}lang=en` : '');
const vnDay = (d: Date) => formatDateVn(vnToday(d));

function notFound(reply: FastifyReply, locale: Locale) {
  const title = translate(locale, 'errors.notFound');
  return sendPage(
    reply,
    404,
    publicLayout(locale, title, '/thong-bao', html`<h1>${title}</h1><p><a href="/thong-bao${langQ(locale)}">${tr(locale)('back')}</a></p>`),
  );
}

function errorSummary(locale: Locale, errors: { path: string; message: string }[]): SafeHtml | string {
  if (!errors.length) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${tr(locale)('errorSummary')}</h2><ul>${errors.map(
    (e) => html`<li><a href="#f-${e.path}">${translate(locale, e.message)}</a></li>`,
  )}</ul></div>`;
}

function fieldError(locale: Locale, errors: { path: string; message: string }[], path: string): SafeHtml | string {
  const e = errors.find((x) => x.path === path);
  return e
    ? html`<p class="field-error" id="e-${path}"><span class="visually-hidden">${tr(locale)('errorPrefix')}</span> ${translate(locale, e.message)}</p>`
    : '';
}

/** A yyyy-mm-dd day as dd/mm/yyyy. */
const isoDay = (d: string) => d.split('-').reverse().join('/');

function announcementItem(locale: Locale, ward: UnitRecord, a: PublicAnnouncement, full: boolean): SafeHtml {
  const t = tr(locale);
  const href = `/thong-bao/${encodeURIComponent(ward.code)}/${a.id}${langQ(locale)}`;
  return html`<article class="panel"><h2>${full ? '' : html`<a href="${href}">`}${a.title}${full ? '' : html`</a>`}</h2>
<p class="muted">${a.urgent ? html`<span class="badge">${t('urgent')}</span> ` : ''}<span class="badge">${translate(locale, `outreach.kinds.${a.kind}`)}</span> ${translate(locale, `outreach.topics.${a.topic}`)} · ${t('published', { date: vnDay(new Date(a.published_at)) })} · ${a.block_names.length ? t('blocks', { blocks: a.block_names.join(', ') }) : t('wholeWard')}</p>
${a.period_from && a.period_to ? html`<p>${t('period', { from: isoDay(a.period_from), to: isoDay(a.period_to) })}</p>` : ''}
${full ? a.body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : html`<p>${a.body.length > 280 ? `${a.body.slice(0, 279)}…` : a.body}</p>`}</article>`;
}

async function wardPage(deps: Deps, reply: FastifyReply, locale: Locale, ward: UnitRecord) {
  const t = tr(locale);
  const items = await publicAnnouncements(deps, ward.id);
  const code = encodeURIComponent(ward.code);
  const body = html`<h1>${t('title', { ward: ward.name })}</h1><p>${t('intro')}</p>
<p><a href="/thong-bao/dang-ky?phuong=${code}${langQ(locale, '&')}">${t('subscribe')}</a> · <a href="/thong-bao/feed.xml?phuong=${code}">${t('feed')}</a></p>
${items.length ? items.map((a) => announcementItem(locale, ward, a, false)) : html`<p>${t('none')}</p>`}`;
  reply.header('Link', `</thong-bao/feed.xml?phuong=${code}>; rel="alternate"; type="application/atom+xml"`);
  return sendPage(reply, 200, publicLayout(locale, t('title', { ward: ward.name }), `/thong-bao?phuong=${code}`, body));
}

/** Text that XML 1.0 accepts: escaped, without the control characters it forbids. */
const xml = (v: string) =>
  escapeHtml(
    [...v]
      .filter((c) => {
        const n = c.codePointAt(0) ?? 0;
        return n === 0x09 || n === 0x0a || n === 0x0d || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || n >= 0x10000;
      })
      .join(''),
  );

/** An Atom feed (RFC 4287) of a ward's published announcements, or of every ward's. */
export function atomFeed(
  base: string,
  wards: UnitRecord[],
  items: { ward: UnitRecord; a: PublicAnnouncement }[],
  selfPath: string,
  now: Date,
): string {
  const updated = items[0] ? new Date(items[0].a.published_at) : now;
  const title = wards.length === 1 && wards[0] ? `Thông báo của ${wards[0].name}` : 'Thông báo của Công an xã, phường';
  const page = wards.length === 1 && wards[0] ? `${base}/thong-bao?phuong=${encodeURIComponent(wards[0].code)}` : `${base}/thong-bao`;
  const entries = items.map(({ ward, a }) => {
    const link = `${base}/thong-bao/${encodeURIComponent(ward.code)}/${a.id}`;
    const at = new Date(a.published_at).toISOString();
    return `<entry><id>urn:uuid:${a.id}</id><title>${xml(a.urgent ? `[KHẨN] ${a.title}` : a.title)}</title><updated>${at}</updated><published>${at}</published>
<link rel="alternate" type="text/html" href="${xml(link)}"/><author><name>${xml(`Công an ${inSentence(ward.name)}`)}</name></author>
<category term="${xml(a.topic)}" label="${xml(translate('vi', `outreach.topics.${a.topic}`))}"/><content type="text">${xml(a.body)}</content></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><id>${xml(page)}</id><title>${xml(title)}</title><updated>${updated.toISOString()}</updated>
<link rel="self" type="application/atom+xml" href="${xml(base + selfPath)}"/><link rel="alternate" type="text/html" href="${xml(page)}"/>
<author><name>Bình An</name></author>
${entries.join('\n')}
</feed>
`;
}

type SubscribeAnswers = {
  channel: string;
  contact: string;
  topics: string[];
  blockIds: string[];
  quietFrom: string;
  quietTo: string;
  consent: boolean;
};

async function subscribePage(
  deps: Deps,
  locale: Locale,
  ward: UnitRecord,
  a: SubscribeAnswers,
  errors: { path: string; message: string }[],
): Promise<SafeHtml> {
  const t = tr(locale);
  const blocks = await findActiveBlocks(deps.database.db, ward.id, vnToday(deps.clock()));
  const available = messengerOf(deps).channels();
  const consent = SUBSCRIPTION_CONSENT_TEXTS[SUBSCRIPTION_CONSENT_VERSION];
  const inv = (p: string) => (errors.some((e) => e.path === p) ? html` aria-invalid="true" aria-describedby="e-${p}"` : '');
  return html`${errorSummary(locale, errors)}<h1>${t('subscribeTitle', { ward: ward.name })}</h1><p>${t('subscribeIntro')}</p>
<form method="post" action="/thong-bao/dang-ky${langQ(locale)}" novalidate><input type="hidden" name="wardCode" value="${ward.code}"><input type="hidden" name="step" value="start">
<fieldset id="f-channel"><legend>${t('channel')}</legend>${fieldError(locale, errors, 'channel')}${CHANNELS.filter((c) =>
    available.includes(c),
  ).map(
    (c, i) =>
      html`<div class="choice"><input type="radio" id="f-channel-${c}" name="channel" value="${c}"${a.channel === c || (!a.channel && i === 0) ? html` checked` : ''}><label for="f-channel-${c}">${translate(locale, `outreach.channels.${c}`)}</label></div>`,
  )}</fieldset>
<div class="field"><label for="f-contact">${t('contact')}</label><p class="hint" id="h-contact">${t('contactHint')}</p>${fieldError(locale, errors, 'contact')}<input type="text" id="f-contact" name="contact" value="${a.contact}" autocomplete="email"${inv('contact')}></div>
<fieldset id="f-topics"><legend>${t('topics')}</legend><p class="hint">${t('topicsHint')}</p>${fieldError(locale, errors, 'topics')}${OUTREACH_TOPICS.map(
    (x) =>
      html`<div class="choice"><input type="checkbox" id="f-topic-${x}" name="topics" value="${x}"${a.topics.includes(x) ? html` checked` : ''}><label for="f-topic-${x}">${translate(locale, `outreach.topics.${x}`)}</label></div>`,
  )}</fieldset>
<fieldset><legend>${t('blocksLabel')}</legend><p class="hint">${t('blocksHint')}</p>${blocks.map(
    (b) =>
      html`<div class="choice"><input type="checkbox" id="f-block-${b.id}" name="blockIds" value="${b.id}"${a.blockIds.includes(b.id) ? html` checked` : ''}><label for="f-block-${b.id}">${b.name}</label></div>`,
  )}</fieldset>
<fieldset id="f-quietFrom"><legend>${t('quiet')}</legend>${fieldError(locale, errors, 'quietFrom')}
<div class="field"><label for="f-quiet-from">${t('quietFrom')}</label><input type="text" id="f-quiet-from" name="quietFrom" value="${a.quietFrom}" inputmode="numeric" placeholder="22:00"></div>
<div class="field"><label for="f-quiet-to">${t('quietTo')}</label><input type="text" id="f-quiet-to" name="quietTo" value="${a.quietTo}" inputmode="numeric" placeholder="06:00"></div></fieldset>
<div class="field" id="f-consent"><p>${consent ? consent[locale] : ''}</p>${fieldError(locale, errors, 'consent')}<div class="choice"><input type="checkbox" id="f-consent-box" name="consent" value="yes"${a.consent ? html` checked` : ''}><label for="f-consent-box">${t('consent')}</label></div></div>
<button type="submit">${t('send')}</button></form>`;
}

function codePage(locale: Locale, ward: UnitRecord, challenge: string, errors: { path: string; message: string }[]): SafeHtml {
  const t = tr(locale);
  return html`${errorSummary(locale, errors)}<h1>${t('codeSentHeading')}</h1><p>${t('codeSent')}</p>
<form method="post" action="/thong-bao/dang-ky${langQ(locale)}" novalidate><input type="hidden" name="wardCode" value="${ward.code}"><input type="hidden" name="step" value="confirm"><input type="hidden" name="challenge" value="${challenge}">
<div class="field"><label for="f-code">${t('code')}</label>${fieldError(locale, errors, 'code')}<input type="text" id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code"${errors.length ? html` aria-invalid="true" aria-describedby="e-code"` : ''}></div>
<button type="submit">${t('confirm')}</button></form>`;
}

/** Registers the public announcement pages, the feed, the subscription and the unsubscribe. */
export function registerOutreachPages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
      const form: Form = {};
      for (const [k, v] of new URLSearchParams(String(body))) {
        form[k] = [...(form[k] ?? []), v.normalize('NFC')];
      }
      done(null, form);
    });
    const formOf = (req: FastifyRequest): Form => {
      if (!req.body || typeof req.body !== 'object') throw new AppError('unsupportedMediaType');
      return req.body as Form;
    };

    scope.get('/thong-bao', { schema: { hide: true } }, async (req, reply) => {
      const locale = pageLocale(req);
      const today = vnToday(deps.clock());
      const code = (req.query as { phuong?: string }).phuong;
      if (code) {
        const ward = await findWardByCode(db, String(code).slice(0, 60), today);
        return ward ? wardPage(deps, reply, locale, ward) : notFound(reply, locale);
      }
      const wards = await findActiveWards(db, today);
      const t = tr(locale);
      return sendPage(
        reply,
        200,
        publicLayout(
          locale,
          t('chooseWard'),
          '/thong-bao',
          html`<h1>${t('chooseWard')}</h1><p>${t('intro')}</p><p><a href="/thong-bao/feed.xml">${t('feed')}</a></p><ul class="wards">${wards.map(
            (w) => html`<li><a href="/thong-bao?phuong=${encodeURIComponent(w.code)}${langQ(locale, '&')}">${w.name}</a></li>`,
          )}</ul>`,
        ),
      );
    });

    scope.get('/thong-bao/feed.xml', { schema: { hide: true } }, async (req, reply) => {
      const today = vnToday(deps.clock());
      const code = (req.query as { phuong?: string }).phuong;
      let wards: UnitRecord[];
      if (code) {
        const ward = await findWardByCode(db, String(code).slice(0, 60), today);
        if (!ward) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
        wards = [ward];
      } else wards = await findActiveWards(db, today);
      const items = (await Promise.all(wards.map(async (w) => (await publicAnnouncements(deps, w.id)).map((a) => ({ ward: w, a })))))
        .flat()
        .sort((x, y) => new Date(y.a.published_at).getTime() - new Date(x.a.published_at).getTime())
        .slice(0, 50);
      const self = `/thong-bao/feed.xml${code ? `?phuong=${encodeURIComponent(String(code))}` : ''}`;
      return reply
        .type('application/atom+xml; charset=utf-8')
        .header('Cache-Control', 'public, max-age=300')
        .send(atomFeed(deps.cfg.publicUrl, wards, items, self, deps.clock()));
    });

    scope.get('/thong-bao/dang-ky', { schema: { hide: true } }, async (req, reply) => {
      const locale = pageLocale(req);
      const ward = await findWardByCode(db, String((req.query as { phuong?: string }).phuong ?? '').slice(0, 60), vnToday(deps.clock()));
      if (!ward?.isActive) return notFound(reply, locale);
      const empty = { channel: '', contact: '', topics: [], blockIds: [], quietFrom: '22:00', quietTo: '06:00', consent: false };
      reply.header('Cache-Control', 'no-store');
      return sendPage(
        reply,
        200,
        publicLayout(locale, tr(locale)('subscribe'), '/thong-bao/dang-ky', await subscribePage(deps, locale, ward, empty, [])),
      );
    });

    scope.post('/thong-bao/dang-ky', { config: { rateLimit: PUBLIC_LIMIT }, schema: { hide: true } }, async (req, reply) => {
      const locale = pageLocale(req);
      const f = formOf(req);
      const ward = await findWardByCode(db, one(f, 'wardCode').slice(0, 60), vnToday(deps.clock()));
      if (!ward?.isActive) return notFound(reply, locale);
      const t = tr(locale);
      reply.header('Cache-Control', 'no-store');
      const page = (status: number, body: SafeHtml) =>
        sendPage(
          reply,
          status,
          publicLayout(locale, `${status === 400 ? `${t('errorPrefix')} ` : ''}${t('subscribe')}`, '/thong-bao/dang-ky', body),
        );
      if (one(f, 'step') === 'confirm') {
        const challenge = one(f, 'challenge');
        try {
          await confirmSubscription(deps, ward.id, challenge, one(f, 'code'));
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'validation') throw err;
          return page(400, codePage(locale, ward, challenge, err.fields));
        }
        return page(
          201,
          html`<h1>${t('doneHeading')}</h1><p>${t('done')}</p><p><a href="/thong-bao?phuong=${encodeURIComponent(ward.code)}${langQ(locale, '&')}">${t('back')}</a></p>`,
        );
      }
      const channel = (CHANNELS as readonly string[]).includes(one(f, 'channel')) ? (one(f, 'channel') as Channel) : 'email';
      const answers: SubscribeAnswers = {
        channel,
        contact: one(f, 'contact'),
        topics: (f.topics ?? []).slice(0, 20),
        blockIds: (f.blockIds ?? []).slice(0, 50),
        quietFrom: one(f, 'quietFrom'),
        quietTo: one(f, 'quietTo'),
        consent: one(f, 'consent') === 'yes',
      };
      try {
        const challenge = await startSubscription(deps, ward.id, { ...answers, channel });
        return page(200, codePage(locale, ward, challenge, []));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation') throw err;
        return page(400, await subscribePage(deps, locale, ward, answers, err.fields));
      }
    });

    const unsubscribePaths = { hide: true } as const;
    scope.get('/thong-bao/huy/:id/:sig', { schema: unsubscribePaths }, async (req, reply) => {
      const locale = pageLocale(req);
      const t = tr(locale);
      const { id, sig } = req.params as { id: string; sig: string };
      reply.header('Cache-Control', 'no-store');
      if (!(await checkUnsubscribeLink(deps, id.slice(0, 40), sig.slice(0, 64))))
        return sendPage(
          reply,
          404,
          publicLayout(locale, t('unsubscribeTitle'), '/thong-bao', html`<h1>${t('unsubscribeTitle')}</h1><p>${t('linkInvalid')}</p>`),
        );
      const body = html`<h1>${t('unsubscribeTitle')}</h1><p>${t('unsubscribeConfirm')}</p>
<form method="post" action="/thong-bao/huy/${id}/${sig}${langQ(locale)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${t('unsubscribeButton')}</button></form>`;
      return sendPage(reply, 200, publicLayout(locale, t('unsubscribeTitle'), '/thong-bao', body));
    });

    scope.post('/thong-bao/huy/:id/:sig', { config: { rateLimit: PUBLIC_LIMIT }, schema: unsubscribePaths }, async (req, reply) => {
      const locale = pageLocale(req);
      const t = tr(locale);
      const { id, sig } = req.params as { id: string; sig: string };
      const done = await unsubscribe(deps, id.slice(0, 40), sig.slice(0, 64));
      reply.header('Cache-Control', 'no-store');
      return sendPage(
        reply,
        done ? 200 : 404,
        publicLayout(
          locale,
          t('unsubscribeTitle'),
          '/thong-bao',
          html`<h1>${t('unsubscribeTitle')}</h1><p>${done ? t('unsubscribed') : t('linkInvalid')}</p>`,
        ),
      );
    });

    const announcementPage = async (req: FastifyRequest, reply: FastifyReply, thanks: boolean) => {
      const locale = pageLocale(req);
      const t = tr(locale);
      const { ward: code, id } = req.params as { ward: string; id: string };
      const today = vnToday(deps.clock());
      const ward = await findWardByCode(db, code.slice(0, 60), today);
      if (!ward || !/^[0-9a-f-]{36}$/.test(id)) return notFound(reply, locale);
      const [a] = await publicAnnouncements(deps, ward.id, { id });
      if (!a) return notFound(reply, locale);
      const blocks = a.survey ? await findActiveBlocks(db, ward.id, today) : [];
      const survey = !a.survey
        ? ''
        : thanks
          ? html`<section class="panel" aria-labelledby="survey"><h2 id="survey">${t('surveyHeading')}</h2><p role="status">${t('surveyThanks')}</p></section>`
          : html`<section class="panel" aria-labelledby="survey"><h2 id="survey">${t('surveyHeading')}</h2>
<form method="post" action="/thong-bao/${encodeURIComponent(ward.code)}/${a.id}${langQ(locale)}"><fieldset><legend>${t('surveyQuestion')}</legend>${SURVEY_ANSWERS.map(
              (x, i) =>
                html`<div class="choice"><input type="radio" id="f-answer-${x}" name="answer" value="${x}"${i === 0 ? html` checked` : ''}><label for="f-answer-${x}">${translate(locale, `outreach.surveyAnswers.${x}`)}</label></div>`,
            )}</fieldset>
<div class="field"><label for="f-block">${t('surveyBlock')}</label><select id="f-block" name="blockId"><option value="">${t('surveyBlockUnknown')}</option>${blocks.map(
              (b) => html`<option value="${b.id}">${b.name}</option>`,
            )}</select></div><button type="submit">${t('surveySend')}</button></form></section>`;
      const body = html`${announcementItem(locale, ward, a, true)}${survey}<p><a href="/thong-bao?phuong=${encodeURIComponent(ward.code)}${langQ(locale, '&')}">${t('back')}</a> · <a href="/thong-bao/dang-ky?phuong=${encodeURIComponent(ward.code)}${langQ(locale, '&')}">${t('subscribe')}</a></p>`;
      return sendPage(
        reply,
        thanks ? 201 : 200,
        publicLayout(locale, a.title, `/thong-bao/${encodeURIComponent(ward.code)}/${a.id}`, body),
      );
    };

    scope.get('/thong-bao/:ward/:id', { schema: { hide: true } }, (req, reply) => announcementPage(req, reply, false));
    scope.post('/thong-bao/:ward/:id', { config: { rateLimit: PUBLIC_LIMIT }, schema: { hide: true } }, async (req, reply) => {
      const f = formOf(req);
      const { ward: code, id } = req.params as { ward: string; id: string };
      const ward = await findWardByCode(db, code.slice(0, 60), vnToday(deps.clock()));
      const answer = one(f, 'answer');
      if (!ward || !/^[0-9a-f-]{36}$/.test(id) || !(SURVEY_ANSWERS as readonly string[]).includes(answer))
        throw new AppError('validation', [{ path: 'answer', message: 'validation.invalid' }]);
      await answerSurvey(deps, ward.id, id, one(f, 'blockId') || null, answer as SurveyAnswer);
      return announcementPage(req, reply, true);
    });
  });
}
