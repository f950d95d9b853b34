import { describe, expect, it } from 'vitest';
import { ConfigError, allowedHostsFor, allowedOriginsFor, readConfig } from '../src/config.js';

const SECRET = Buffer.alloc(32, 7).toString('base64');

describe('readConfig', () => {
  it('turns on authorization mode with DEMO_AUTH=1, on DEMO_AUTH_PORT (default 3031)', () => {
    expect(readConfig({}).auth).toBeUndefined();
    expect(readConfig({ DEMO_AUTH: '0' }).auth).toBeUndefined();
    expect(readConfig({ DEMO_AUTH: '1' }).auth).toEqual({ port: 3031 });
    expect(readConfig({ DEMO_AUTH: 'true', DEMO_AUTH_PORT: '0' }).auth).toEqual({ port: 0 });
    expect(() => readConfig({ DEMO_AUTH: 'yes' })).toThrow(ConfigError);
  });

  it('serves another build of the browser client from DEMO_WEB_CLIENT_DIR', () => {
    expect(readConfig({}).webClientDir).toBeUndefined();
    expect(readConfig({ DEMO_WEB_CLIENT_DIR: '' }).webClientDir).toBeUndefined();
    expect(readConfig({ DEMO_WEB_CLIENT_DIR: '/tmp/page' }).webClientDir).toBe('/tmp/page');
  });

  it('reads a key ring from TERN_STATE_KEYS, newest first', () => {
    const config = readConfig({ TERN_STATE_KEYS: `k2611:${SECRET}, k2608:${SECRET}` });
    expect(config.stateKeysFrom).toBe('env');
    expect(config.stateKeys.map((key) => key.id)).toEqual(['k2611', 'k2608']);
  });

  it('generates a key for one process in development, and refuses to in production', () => {
    expect(readConfig({}).stateKeysFrom).toBe('generated');
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  });

  it('allows its own port and the web client ports, on 127.0.0.1 and localhost only', () => {
    const config = readConfig({
      WEB_CLIENT_PORTS: '5173',
      DEMO_ALLOWED_ORIGINS: 'https://desk.example',
    });
    expect(allowedHostsFor(config, 3030)).toEqual([
      '127.0.0.1:3030',
      'localhost:3030',
      '127.0.0.1:5173',
      'localhost:5173',
    ]);
    expect(allowedOriginsFor(config, 3030)).toEqual([
      'http://127.0.0.1:3030',
      'http://localhost:3030',
      'http://127.0.0.1:5173',
      'http://localhost:5173',
      'https://desk.example',
    ]);
  });

  it('refuses a port that is not one', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(
      'PORT must be an integer from 0 to 65535, got "http"',
    );
  });
});
