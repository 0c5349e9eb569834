import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * A small S3-compatible server on loopback for the tests: one bucket, path-style addressing, PutObject, GetObject,
 * HeadObject and DeleteObject, every request's AWS Signature Version 4 checked against the one access key it knows
 * (and the payload's hash when the client signs it). `mode` makes it hang without answering (a store that is down or
 * overloaded) or cut connections.
 */
export class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  mode: 'ok' | 'hang' | 'reset' = 'ok';
  /** Every request answered, in order. */
  readonly requests: { method: string; key: string }[] = [];
  /** Requests refused for their signature or key. */
  refused = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    readonly secretAccessKey: string,
  ) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    if (this.mode === 'hang') return;
    if (this.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const problem = this.checkSignature(req, url, body);
    if (problem) this.refused++;
    const refusal: [number, string] | null = problem
      ? [403, problem]
      : bucket !== this.bucket
        ? [404, 'NoSuchBucket']
        : !key || String(req.headers['content-encoding'] ?? '').includes('aws-chunked')
          ? [501, 'NotImplemented']
          : null;
    if (refusal) {
      this.error(res, ...refusal);
      return;
    }
    this.requests.push({ method: req.method ?? '', key });
    const found = this.objects.get(key);
    const etag = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;
    if (req.method === 'PUT') {
      this.objects.set(key, body);
      res.writeHead(200, { ETag: etag(body) }).end();
    } else if ((req.method === 'GET' || req.method === 'HEAD') && !found) {
      if (req.method === 'HEAD') res.writeHead(404).end();
      else this.error(res, 404, 'NoSuchKey');
    } else if ((req.method === 'GET' || req.method === 'HEAD') && found) {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(found.length),
        ETag: etag(found),
        'Last-Modified': new Date().toUTCString(),
      });
      res.end(req.method === 'GET' ? found : undefined);
    } else if (req.method === 'DELETE') {
      this.objects.delete(key);
      res.writeHead(204).end();
    } else this.error(res, 405, 'MethodNotAllowed');
  }

  /** Null when the request carries a valid SigV4 Authorization header for our key; else the S3 error code. */
  private checkSignature(req: IncomingMessage, url: URL, body: Buffer): string | null {
    const auth = String(req.headers.authorization ?? '');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'AccessDenied';
    const [, keyId, day, region, signed, signature] = m as unknown as [string, string, string, string, string, string];
    if (keyId !== this.accessKeyId) return 'InvalidAccessKeyId';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== sha256(body)) return 'XAmzContentSHA256Mismatch';
    const headers = signed.split(';');
    const canonicalHeaders = headers
      .map(
        (h) =>
          `${h}:${String(req.headers[h] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join('');
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonical = [req.method, url.pathname, query, canonicalHeaders, signed, payloadHash].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date'] ?? ''), scope, sha256(canonical)].join('\n');
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${this.secretAccessKey}`, day), region), 's3'), 'aws4_request');
    return hmac(signingKey, toSign).toString('hex') === signature ? null : 'SignatureDoesNotMatch';
  }

  private error(res: ServerResponse, status: number, code: string): void {
    res.writeHead(status, { 'Content-Type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  }
}
