import { createHash } from 'crypto';
import { readFileSync } from 'fs';

export interface IdentityKeys {
  /** HMAC key for personId; every subgraph must share it or ids will not match. */
  personKey: Buffer;
  /** AES-256-GCM key for IdCipher. */
  encryptionKey: Buffer;
  /** True when at least one key is a public development key. */
  development: boolean;
}

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
/** Standard or URL-safe alphabet, optional padding. */
const BASE64_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;

const KEY_VARIABLES = [
  { variable: 'HUB_PERSON_KEY', field: 'personKey', devLabel: 'puyang-skills-hub/identity/dev/person-key/v1' },
  { variable: 'HUB_ID_ENCRYPTION_KEY', field: 'encryptionKey', devLabel: 'puyang-skills-hub/identity/dev/id-encryption-key/v1' },
] as const;

/** Module state on purpose: the development warning is shown once per process, not once per service. */
let developmentWarningShown = false;

export function identityKeysFromEnv(env: NodeJS.ProcessEnv, warn: (message: string) => void = console.warn): IdentityKeys {
  const production = env.NODE_ENV === 'production' || env.HUB_MODE === 'production';
  const keys: Partial<Record<'personKey' | 'encryptionKey', Buffer>> = {};
  const missing: string[] = [];

  for (const { variable, field, devLabel } of KEY_VARIABLES) {
    const configured = readKeyFromEnv(env, variable);
    const developmentKey = createHash('sha256').update(devLabel).digest();
    if (configured) {
      // The development keys are derivable from this source file, so they must never protect real data.
      if (production && configured.equals(developmentKey)) {
        throw new Error(
          `生产模式下 ${variable} 不能使用公开的开发密钥，请生成新的随机密钥 / ${variable} is the public development key; generate a random key for production`,
        );
      }
      keys[field] = configured;
    } else {
      missing.push(variable);
      keys[field] = developmentKey;
    }
  }

  if (missing.length > 0 && production) {
    const names = missing.map((v) => `${v}（或 ${v}_FILE）`).join('、');
    throw new Error(
      `生产模式下缺少身份证密钥环境变量：${names} / missing required environment variable(s) in production: ${missing
        .map((v) => `${v} (or ${v}_FILE)`)
        .join(', ')}`,
    );
  }
  if (missing.length > 0 && !developmentWarningShown) {
    developmentWarningShown = true;
    warn(
      `!!! 警告：未配置 ${missing.join('、')}，正在使用公开的开发密钥，只能用于演示和测试数据，切勿录入真实身份证号！` +
        ` !!! WARNING: ${missing.join(', ')} not set; using PUBLIC development identity keys. Never store real ID numbers with them;` +
        ' set NODE_ENV=production or HUB_MODE=production to require real keys.',
    );
  }

  return { personKey: keys.personKey!, encryptionKey: keys.encryptionKey!, development: missing.length > 0 };
}

/** The key from VARIABLE or from the file named by VARIABLE_FILE (Docker/Kubernetes secrets), or undefined if neither is set. */
export function readKeyFromEnv(env: NodeJS.ProcessEnv, variable: string): Buffer | undefined {
  const fileVariable = `${variable}_FILE`;
  const direct = nonBlank(env[variable]);
  const path = nonBlank(env[fileVariable]);
  if (direct !== undefined && path !== undefined) {
    throw new Error(`${variable} 与 ${fileVariable} 只能设置一个 / set either ${variable} or ${fileVariable}, not both`);
  }
  if (direct !== undefined) return decodeKey(direct, variable);
  if (path === undefined) return undefined;
  let contents: string;
  try {
    contents = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`无法读取 ${fileVariable} 指定的密钥文件 ${path} / cannot read ${fileVariable} (${path}): ${reason}`);
  }
  return decodeKey(contents, fileVariable);
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** 64 hex characters or base64 of exactly 32 bytes; the message never echoes the (secret) value. */
export function decodeKey(text: string, variable: string): Buffer {
  const trimmed = text.trim();
  // Hex first: 64 hex characters are also valid base64 (of 48 bytes).
  const key = HEX_KEY.test(trimmed) ? Buffer.from(trimmed, 'hex') : BASE64_KEY.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (key === undefined || key.length !== KEY_BYTES) {
    const got =
      key === undefined ? '无法按十六进制或base64解码 / not hex or base64' : `解码后为${key.length}字节 / decodes to ${key.length} bytes`;
    throw new Error(
      `环境变量 ${variable} 格式错误：须为${KEY_BYTES}字节的密钥，写成64位十六进制或base64（${got}） / ${variable} must hold a ${KEY_BYTES}-byte key as 64 hex characters or base64`,
    );
  }
  return key;
}
