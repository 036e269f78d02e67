import fs from 'node:fs';
import path from 'node:path';
import { demoShowcase } from '@hub/demo-data';
import { tryNormalizeCreditCode } from '@hub/identity';

describe('README', () => {
  it('names demo ID numbers whose person has records in three or more departments', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\d{17}[\dX]) \| (\S+) \| ([A-Z_, ]+) \|$/gm)].map((m) => ({
      idNumber: m[1],
      name: m[2],
      departments: m[3].split(', '),
    }));
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(demoShowcase(3, 3));
  });

  it('shows only 统一社会信用代码 that pass the check, so a reader who copies one is not refused', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const codes = [...readme.matchAll(/\b(9141[0-9A-Z]{14})\b/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => tryNormalizeCreditCode(c) !== c)).toEqual([]);
  });
});
