import fs from 'node:fs';
import path from 'node:path';
import { requireBinary, systemPackage } from './fixtures/systemPackage';

describe('tests that need a Debian package', () => {
  const absent = () => false;

  it('run when the program is installed, in CI or not', () => {
    expect(systemPackage('/usr/bin/x', ['x'], {}, () => true)).toEqual({ run: true });
    expect(systemPackage('/usr/bin/x', ['x'], { CI: 'true' }, () => true)).toEqual({ run: true });
  });

  it('are skipped locally with a notice naming the packages to install', () => {
    const decision = systemPackage('/usr/bin/chromium', ['chromium', 'fonts-noto-cjk'], {}, absent);
    expect(decision.run).toBe(false);
    expect(decision.run === false && decision.notice).toContain('apt-get install -y chromium fonts-noto-cjk');
    expect(systemPackage('/usr/bin/chromium', ['chromium'], { CI: 'false' }, absent).run).toBe(false);
    expect(systemPackage('/usr/bin/chromium', ['chromium'], { CI: '' }, absent).run).toBe(false);
  });

  it('fail under CI rather than being skipped', () => {
    expect(() => systemPackage('/usr/bin/chromium', ['chromium'], { CI: 'true' }, absent)).toThrow(/apt-get install -y chromium/);
    expect(() => systemPackage('/usr/bin/chromium', ['chromium'], { CI: '1' }, absent)).toThrow(/CI/);
  });

  it('find a program by name on PATH, and name its package when it is missing', () => {
    const ci = process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      delete process.env.CI;
      expect(requireBinary('node', 'nodejs')).toMatch(/\/node$/);
      expect(requireBinary('no-such-program-here', 'no-such-package')).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('apt-get install -y no-such-package'));
      process.env.CI = 'true';
      expect(() => requireBinary('no-such-program-here', 'no-such-package')).toThrow(/CI must run this test/);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
      warn.mockRestore();
    }
  });

  it('decide so in every test file that starts a browser, so that the README’s test command passes on a fresh machine', () => {
    const browsers = fs
      .readdirSync(__dirname)
      .filter((name) => name.endsWith('.test.ts'))
      .filter((name) => fs.readFileSync(path.join(__dirname, name), 'utf8').includes("from 'playwright-core'"));
    expect(browsers.length).toBeGreaterThan(0);
    const undecided = browsers.filter((name) => !/systemPackage\(/.test(fs.readFileSync(path.join(__dirname, name), 'utf8')));
    expect(undecided).toEqual([]);
  });
});
