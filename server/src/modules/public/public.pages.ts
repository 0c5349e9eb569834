import { type Locale, translate } from '@binh-an/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { formatDateVn, html, inSentence, type SafeHtml } from '../../platform/html.ts';
import { vnToday } from '../../platform/time.ts';
import { findActiveWards, findUnitById, findWardByCode, type UnitRecord } from '../units/index.ts';

const STYLE = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5360;--brand:#0b5cad;--line:#d0d7de}
*{box-sizing:border-box}
body{margin:0;font:18px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid var(--brand);display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
header a.brand{font-weight:700;font-size:1.3rem;color:var(--brand);text-decoration:none}
a{color:var(--brand)}a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
h1{font-size:1.7rem;line-height:1.25;margin:1rem 0}
.tagline{color:var(--muted);margin:0}
.notice{border-left:6px solid #b3261e;padding:.5rem 1rem;background:#fdf1f0;font-weight:600}
ul.wards{list-style:none;padding:0}ul.wards li{border-bottom:1px solid var(--line)}
ul.wards a{display:block;padding:.8rem 0;min-height:44px;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem}dt{font-weight:700}dd{margin:0;overflow-wrap:anywhere}
.muted{color:var(--muted)}.badge{display:inline-block;border:1px solid var(--muted);border-radius:4px;padding:0 .4rem;font-size:.85rem;color:var(--muted)}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem}
a.exit{display:inline-block;background:#1d4f91;color:#fff;padding:.4rem .8rem;border-radius:4px;font-weight:700;text-decoration:none}
form .field{margin:1.2rem 0}label,legend{display:block;font-weight:700;margin-bottom:.2rem}.hint{color:var(--muted);margin:.1rem 0 .4rem}
input[type=text],input[type=tel],textarea,select{width:100%;font:inherit;padding:.55rem;border:2px solid #4a5360;border-radius:4px;background:#fff}
textarea{min-height:8rem}fieldset{border:0;padding:0;margin:1.2rem 0}.choice{display:flex;gap:.5rem;align-items:center;margin:.4rem 0;min-height:44px}
.choice input{width:1.4rem;height:1.4rem}button{font:inherit;font-weight:700;padding:.7rem 1.2rem;min-height:44px;border-radius:4px;border:2px solid #0b5cad;background:#0b5cad;color:#fff;width:100%;margin:.4rem 0}
button.secondary{background:#fff;color:#0b5cad}.error-summary{border:4px solid #b3261e;padding:.8rem 1rem}.error-summary h2{margin-top:0}
.field-error{color:#b3261e;font-weight:700;margin:.2rem 0}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.receipt{font:700 1.8rem/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;background:#f2f6fb;border:2px solid #0b5cad;padding:.8rem;text-align:center;word-spacing:.4em}
.panel{border:2px solid #0b5cad;padding:1rem;margin:1rem 0}.thread{list-style:none;padding:0}.thread li{border-left:4px solid var(--line);padding:.3rem .8rem;margin:.8rem 0}
.thread li.police{border-left-color:#0b5cad;background:#f2f6fb}dl.review{grid-template-columns:1fr}dl.review dt{margin-top:.6rem}

`;

export function pageLocale(req: FastifyRequest): Locale {
  const q = (req.query as { lang?: string } | undefined)?.lang;
  return q === 'en' ? 'en' : 'vi';
}

/** The frame of every public page: plain HTML, one small stylesheet, no script. */
export function publicLayout(locale: Locale, title: string, path: string, body: SafeHtml, opts: { exit?: boolean } = {}): string {
  const t = (k: string, v?: Record<string, string>) => translate(locale, `public.${k}`, v);
  const other = locale === 'vi' ? 'en' : 'vi';
  // The path may carry its own query (`/thong-bao?phuong=…`): the language joins it.
  const switchHref = other === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
  return `<!doctype html>${
    html`<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${t('siteName')}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/public.css"></head>
<body><header><div><a class="brand" href="/${locale === 'en' ? '?lang=en' : ''}">${t('siteName')}</a><p class="tagline">${t('tagline')}</p></div>
<nav>${opts.exit ? html`<a class="exit" href="https://www.google.com.vn/" rel="noreferrer">${t('quickExit')}</a> · ` : ''}<a href="${switchHref}" lang="${other}">${t('language')}</a>${opts.exit ? '' : html` · <a href="/app/">${t('staffLogin')}</a>`}</nav></header>
<main id="main">${body}</main>
<footer><p>${t('emergency')}</p></footer></body></html>`.value
  }`;
}

export function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-cache');
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

/** The other public services of the ward police, for one ward (its code) or for the resident to pick a ward first. */
function services(locale: Locale, wardCode: string | null) {
  const t = (k: string) => translate(locale, `public.${k}`);
  const params = [wardCode ? `phuong=${encodeURIComponent(wardCode)}` : '', locale === 'en' ? 'lang=en' : ''].filter(Boolean);
  const q = params.length ? `?${params.join('&')}` : '';
  const links: [string, string][] = [
    ['/thong-bao', 'servicesNews'],
    ['/luu-tru', 'servicesStay'],
    ['/camera', 'servicesCamera'],
    ['/camera/minh-bach', 'servicesCameraRequests'],
  ];
  return html`<h2>${t('servicesHeading')}</h2><ul class="services">${links.map(([path, key]) => html`<li><a href="${path}${q}">${t(key)}</a></li>`)}</ul>`;
}

/** The public pages residents read without an account: the wards, and each ward's published contact points. */
export function registerPublicPages(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;

  app.get('/public.css', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(STYLE),
  );

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const locale = pageLocale(req);
    const t = (k: string) => translate(locale, `public.${k}`);
    const wards = await findActiveWards(db, vnToday(deps.clock()));
    const q = locale === 'en' ? '?lang=en' : '';
    const body = html`<h1>${t('homeTitle')}</h1><p class="notice">${t('emergency')}</p>
<p><a href="/to-giac${q}">${t('tipLink')}</a> · <a href="/to-giac/theo-doi${q}">${t('tipFollow')}</a></p><p>${t('homeIntro')}</p>
${services(locale, null)}
${wards.length ? html`<ul class="wards">${wards.map((w) => html`<li><a href="/phuong/${encodeURIComponent(w.code)}${q}">${w.name}</a>${w.isDemo ? html` <span class="badge">${t('demo')}</span>` : ''}</li>`)}</ul>` : html`<p>${t('noWards')}</p>`}`;
    return sendPage(reply, 200, publicLayout(locale, t('homeTitle'), '/', body));
  });

  app.get('/phuong/:code', { schema: { hide: true, params: z.object({ code: z.string().max(60) }) } }, async (req, reply) => {
    const locale = pageLocale(req);
    const t = (k: string, v?: Record<string, string>) => translate(locale, `public.${k}`, v);
    const today = vnToday(deps.clock());
    const ward = await findWardByCode(db, (req.params as { code: string }).code, today);
    if (!ward) {
      return sendPage(
        reply,
        404,
        publicLayout(
          locale,
          translate(locale, 'errors.notFound'),
          '/',
          html`<h1>${translate(locale, 'errors.notFound')}</h1><p><a href="/">${t('back')}</a></p>`,
        ),
      );
    }
    const successors = (await Promise.all(ward.successorIds.map((id) => findUnitById(db, id, today)))).filter(
      (u): u is UnitRecord => u !== null,
    );
    const q = locale === 'en' ? '?lang=en' : '';
    const value = (v: string | null) => (v ? v : html`<span class="muted">${t('notPublished')}</span>`);
    const body = html`<h1>${t('contactHeading', { name: inSentence(ward.name) })}</h1>
${ward.isDemo ? html`<p><span class="badge">${t('demo')}</span></p>` : ''}
${!ward.isActive && ward.validTo ? html`<p class="notice">${t('merged', { date: formatDateVn(ward.validTo) })} ${successors.map((s) => html`<a href="/phuong/${encodeURIComponent(s.code)}${q}">${s.name}</a> `)}</p>` : ''}
<p>${t('contactIntro')}</p>
<dl><dt>${t('phone')}</dt><dd>${ward.contact.phone ? html`<a href="tel:${ward.contact.phone.replace(/[^\d+]/g, '')}">${ward.contact.phone}</a>` : value(null)}</dd>
<dt>${t('email')}</dt><dd>${ward.contact.email ? html`<a href="mailto:${ward.contact.email}">${ward.contact.email}</a>` : value(null)}</dd>
<dt>${t('address')}</dt><dd>${value(ward.contact.address)}</dd></dl>
<p>${t('vneid')}</p>
${ward.isActive ? html`<h2>${t('tipHeading')}</h2><p>${t('tipIntro')}</p><p><a class="button" href="/to-giac?phuong=${encodeURIComponent(ward.code)}${locale === 'en' ? '&lang=en' : ''}">${t('tipLink')}</a> · <a href="/to-giac/theo-doi${q}">${t('tipFollow')}</a></p>` : ''}
${ward.isActive ? services(locale, ward.code) : ''}
<p><a href="/${q}">${t('back')}</a></p>`;
    return sendPage(reply, 200, publicLayout(locale, ward.name, `/phuong/${encodeURIComponent(ward.code)}`, body));
  });
}
