import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, tileOrigin } from './config.ts';

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

  it("takes OpenStreetMap's tiles by default, another template, or none, and allows only that host's images", () => {
    expect(loadConfig({})).toMatchObject({
      mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      mapTileOrigin: 'https://tile.openstreetmap.org',
      mapTileAttribution: '© OpenStreetMap contributors',
    });
    expect(loadConfig({ MAP_TILE_URL: '' })).toMatchObject({ mapTileUrl: null, mapTileOrigin: null });
    expect(loadConfig({ MAP_TILE_URL: 'https://{s}.tiles.example.vn:8443/{z}/{x}/{y}.png' }).mapTileOrigin).toBe(
      'https://*.tiles.example.vn:8443',
    );
    expect(tileOrigin('http://10.0.0.5/tiles/{z}/{x}/{y}.png')).toBe('http://10.0.0.5');
    for (const bad of ['ftp://tiles.example.vn/{z}/{x}/{y}.png', 'https://tiles.example.vn/{z}/{x}.png', "https://x'y/{z}/{x}/{y}"]) {
      expect(() => loadConfig({ MAP_TILE_URL: bad }), bad).toThrow(/MAP_TILE_URL/);
    }
  });
});
