import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BuildUnit, sourceFiles } from './buildUnits';

/**
 * What a build depends on, as one hash over every input's path, size and modification time: the
 * sources of every unit, the compiler settings, the package.json files (their `main` decides how
 * requires are rewritten) and the build scripts themselves. A file added, removed or edited changes
 * it; comparing it with the hash stored by the last build costs a few milliseconds of stat calls.
 */
export function buildFingerprint(root: string, units: BuildUnit[]): string {
  const inputs = units.flatMap((u) => sourceFiles(u.srcDir));
  inputs.push(path.join(root, 'tsconfig.base.json'), path.join(root, 'package.json'));
  for (const u of units) {
    const pkg = path.join(path.dirname(u.srcDir), 'package.json');
    if (pkg !== path.join(root, 'package.json') && fs.existsSync(pkg)) inputs.push(pkg);
  }
  const hash = createHash('sha256');
  for (const file of inputs.sort()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
