import fs from 'node:fs';
import path from 'node:path';
import { demoShowcase } from '@hub/demo-data';

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
});
