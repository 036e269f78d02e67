import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: our own code by folder, a package by name, or Node/V8 itself. */
function originOf(url: string): string {
  if (!url) return '(v8/native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 14).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const match = /\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|bench|scripts)\//.exec(file);
  return match ? `ours: ${match[1]}` : path.basename(file);
}

/**
 * Self time per function and per origin of the .cpuprofile files node --cpu-prof wrote, for the
 * processes named in `pids`: where each process spends its time under load. `skipSeconds` leaves out
 * each process's first seconds (start-up: module loading, schema building), so the load shows.
 */
export function summarizeCpuProfiles(
  dir: string,
  pids: Record<string, number>,
  top = 20,
  skipSeconds: Record<string, number> = {},
): string {
  if (!fs.existsSync(dir)) return `no profiles in ${dir}`;
  const names = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    // node --cpu-prof names files CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the preload CPU.<pid>.cpuprofile.
    const pid = Number((/^CPU\.\d+\.\d+\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file) ?? /^CPU\.(\d+)\.cpuprofile$/.exec(file))?.[1]);
    const name = names.get(pid);
    if (!name) continue;
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map<number, number>();
    const skipUs = (skipSeconds[name] ?? 0) * 1e6;
    let at = 0;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (at >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const byFunction = new Map<string, number>();
    const byOrigin = new Map<string, number>();
    let total = 0;
    for (const [id, us] of selfUs) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') continue;
      total += us;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '')}:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      const origin = originOf(frame.url);
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
    }
    const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
    out.push(`### ${name} (pid ${pid}): ${(total / 1e6).toFixed(1)} s busy`);
    out.push('');
    out.push('| origin | self |');
    out.push('|---|---:|');
    for (const [origin, us] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) out.push(`| ${origin} | ${pct(us)} |`);
    out.push('');
    out.push('| function | self |');
    out.push('|---|---:|');
    for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`| \`${fn}\` | ${pct(us)} |`);
    out.push('');
  }
  return out.join('\n');
}
