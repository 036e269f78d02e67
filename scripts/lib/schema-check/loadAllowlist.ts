import fs from 'node:fs';

/** One reviewed breaking change: which subgraph (or `supergraph`), which change, and why it is acceptable. */
export interface AllowEntry {
  subgraph: string;
  /** The change's message or its path (schema coordinate), exactly as schema:check prints it. */
  change: string;
  reason: string;
}

export interface Allowlist {
  entries: AllowEntry[];
  /** Entries that are not well formed: the check fails on them. */
  problems: string[];
}

/** Reads schema-check/allowlist.json ({"allow": [...]}); a missing file is an empty list. */
export function loadAllowlist(file: string): Allowlist {
  if (!fs.existsSync(file)) return { entries: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      entries: [],
      problems: [`allowlist.json 不是合法的 JSON (not valid JSON): ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const allow = (parsed as { allow?: unknown })?.allow;
  if (!Array.isArray(allow)) return { entries: [], problems: ['allowlist.json 须为 {"allow": [...]} (must be {"allow": [...]})'] };
  const entries: AllowEntry[] = [];
  const problems: string[] = [];
  allow.forEach((entry: unknown, index) => {
    const e = entry as Partial<Record<keyof AllowEntry, unknown>>;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    if (!text(e?.subgraph) || !text(e?.change)) problems.push(`allow[${index}]: 须有 subgraph 与 change (needs subgraph and change)`);
    else if (text(e?.reason).length < 4)
      problems.push(`allow[${index}] (${text(e.subgraph)}: ${text(e.change)}): 须写明放行理由 (needs a reason)`);
    else entries.push({ subgraph: text(e.subgraph), change: text(e.change), reason: text(e.reason) });
  });
  return { entries, problems };
}
