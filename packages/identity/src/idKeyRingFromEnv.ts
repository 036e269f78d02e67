import { readFileSync } from 'fs';
import { decodeKey } from './identityKeys';
import { IdKeyRing, KEY_ID } from './IdKeyRing';

/** The id of the first key when none is named, and so of the key ciphertexts without a key id were sealed with. */
export const DEFAULT_KEY_ID = '1';

/**
 * The ID-number key ring from the environment. `activeKey` is HUB_ID_ENCRYPTION_KEY as identityKeysFromEnv
 * read it; HUB_ID_ENCRYPTION_KEY_ID names it (default 1); HUB_ID_ENCRYPTION_OLD_KEYS (or its _FILE) lists
 * older keys still readable as `id:key` separated by commas or new lines. Ciphertexts without a key id (`v1.`,
 * sealed before keys had ids) read with HUB_ID_ENCRYPTION_LEGACY_KEY_ID's key; by default key 1 when the ring
 * holds it (the first key's default id), else the active key (nothing was rotated yet).
 */
export function idKeyRingFromEnv(env: NodeJS.ProcessEnv, activeKey: Buffer): IdKeyRing {
  const activeKeyId = (env.HUB_ID_ENCRYPTION_KEY_ID ?? '').trim() || DEFAULT_KEY_ID;
  if (!KEY_ID.test(activeKeyId)) {
    throw new Error(
      'HUB_ID_ENCRYPTION_KEY_ID 格式错误：只能用1到16位字母、数字、-、_ / HUB_ID_ENCRYPTION_KEY_ID must be 1-16 of [A-Za-z0-9_-]',
    );
  }
  const keys = new Map<string, Buffer>([[activeKeyId, activeKey]]);
  for (const [id, key] of parseOldKeys(readOldKeys(env))) {
    if (keys.has(id)) throw new Error(`HUB_ID_ENCRYPTION_OLD_KEYS 中的密钥编号“${id}”重复或与当前密钥相同 / key id ${id} is listed twice`);
    // The same key under two ids would make "rotated" data look re-encrypted when it is not.
    for (const [otherId, other] of keys) {
      if (other.equals(key))
        throw new Error(`HUB_ID_ENCRYPTION_OLD_KEYS 中的密钥“${id}”与“${otherId}”相同 / key ${id} repeats key ${otherId}`);
    }
    keys.set(id, key);
  }
  const legacyKeyId = (env.HUB_ID_ENCRYPTION_LEGACY_KEY_ID ?? '').trim() || (keys.has(DEFAULT_KEY_ID) ? DEFAULT_KEY_ID : activeKeyId);
  if (!keys.has(legacyKeyId)) {
    throw new Error(
      `HUB_ID_ENCRYPTION_LEGACY_KEY_ID 指定的密钥“${legacyKeyId}”不在密钥环中 / HUB_ID_ENCRYPTION_LEGACY_KEY_ID names no key of the ring`,
    );
  }
  return new IdKeyRing(activeKeyId, keys, legacyKeyId);
}

function readOldKeys(env: NodeJS.ProcessEnv): string {
  const direct = env.HUB_ID_ENCRYPTION_OLD_KEYS?.trim();
  const path = env.HUB_ID_ENCRYPTION_OLD_KEYS_FILE?.trim();
  if (direct && path)
    throw new Error('HUB_ID_ENCRYPTION_OLD_KEYS 与 HUB_ID_ENCRYPTION_OLD_KEYS_FILE 只能设置一个 / set one of them, not both');
  if (!path) return direct ?? '';
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`无法读取 HUB_ID_ENCRYPTION_OLD_KEYS_FILE 指定的文件 ${path} / cannot read HUB_ID_ENCRYPTION_OLD_KEYS_FILE: ${reason}`);
  }
}

/** `id:key` entries; the message names the entry's id or position, never the key. */
export function parseOldKeys(text: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (!KEY_ID.test(id)) {
      throw new Error(`HUB_ID_ENCRYPTION_OLD_KEYS 第${index + 1}项格式错误：应为“编号:密钥” / entry ${index + 1} must be id:key`);
    }
    out.push([id, decodeKey(entry.slice(colon + 1), `HUB_ID_ENCRYPTION_OLD_KEYS (${id})`)]);
  });
  return out;
}
