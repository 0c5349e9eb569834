import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('settings', () => {
  it('has safe defaults: embedded database in ./data with the demo, port 3000 on loopback', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ port: 3000, host: '127.0.0.1', demo: true, databaseUrl: undefined, trustProxy: false });
    expect(cfg.dataDir.endsWith('/data')).toBe(true);
  });

  it('turns the demo off by default on a real PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', DEMO: '1' }).demo).toBe(true);
  });

  it('stops with a message naming each wrong setting', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'SECRET_KEY']) expect(message).toContain(name);
    }
  });
});
