// The results as docs/performance.md shows them: one table row a benchmark, then each benchmark's notes and the plans.
//   node bench/lib/markdown.mjs results.json   (a file written by `npm run bench -- --json results.json`)
import { readFileSync } from 'node:fs';

export const fmt = (v) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? Number(v.toFixed(v < 10 ? 2 : 0)).toLocaleString('en') : String(v);

export function toMarkdown({ results, explains }) {
  const cell = (v) => String(v).replaceAll('|', '\\|');
  const lines = ['| benchmark | figure | baseline (same run) | ratio | target |', '|---|---|---|---|---|'];
  for (const r of results) {
    lines.push(
      `| ${cell(r.name)} | ${cell(`${fmt(r.figure)} ${r.unit}`)} | ${cell(`${r.baselineName}: ${fmt(r.baseline)} ${r.baselineUnit ?? r.unit}`)} | ${r.ratio === null ? '—' : r.ratio.toFixed(2)} | ${r.target ? cell(`${r.target}: ${r.pass ? 'met' : '**missed**'}`) : ''} |`,
    );
  }
  lines.push('', 'Notes, as the run printed them:', '');
  for (const r of results) if (r.note) lines.push(`- **${r.name}**: ${r.note}`);
  for (const e of explains) lines.push('', `EXPLAIN (ANALYZE, BUFFERS) of the ${e.title}:`, '', '```', e.plan, '```');
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(toMarkdown(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
