// Load through autocannon: requests per second and the p99 latency it measures.
import autocannon from 'autocannon';

/**
 * Sends requests for `seconds` over `connections` keep-alive connections. Answers req/s (mean over the run), p50/p99 in
 * ms, and how many answers were not 2xx (a run with any is flagged: its figure does not count).
 */
export async function load({ url, connections = 10, seconds = 10, method = 'GET', headers = {}, body, bodyOf, expectStatus = [200, 201] }) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method,
    headers: body || bodyOf ? { 'content-type': 'application/json', ...headers } : headers,
    body: body ? JSON.stringify(body) : undefined,
    // A body per request when `bodyOf(n)` is given (tips spread over many wards).
    requests: bodyOf ? [{ method, setupRequest: (req) => ({ ...req, body: JSON.stringify(bodyOf(n++)) }) }] : undefined,
  });
  const ok = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => expectStatus.includes(Number(code)))
    .reduce((a, [, v]) => a + v.count, 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok,
    bad: result.non2xx + result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

/** Times `n` sequential calls of an async function; answers the median and the best, in ms. */
export async function timeIt(n, fn, { warmup = 3 } = {}) {
  // A few calls first, untimed: the connections' caches and plans after a bulk load or a restart are not what is measured.
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], runs: n };
}
