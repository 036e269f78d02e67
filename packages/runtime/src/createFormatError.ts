import type { GraphQLFormattedError } from 'graphql';

/** Codes whose message is meant for the caller; anything else is an internal failure. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'DEPARTMENT_UNAVAILABLE',
  // A caller over a per-caller budget inside a service (e.g. the county's certificate checks).
  'RATE_LIMITED',
]);

/** Extension keys safe to show anyone: no stack traces, SQL, URLs or host names. */
const SAFE_EXTENSIONS = ['code', 'reason', 'field', 'department', 'serviceName'];

/**
 * In production, internal errors become one Chinese sentence, and every error loses all but the safe
 * extensions; the gateway and every subgraph answer with it (`masked` hears what was hidden, for the
 * log). In development errors pass through for debugging.
 */
export function createFormatError(production: boolean, masked?: (formatted: GraphQLFormattedError, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    if (!production) return formatted;
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const extensions = Object.fromEntries(
      SAFE_EXTENSIONS.filter((k) => formatted.extensions?.[k] !== undefined).map((k) => [k, formatted.extensions![k]]),
    );
    if (!CLIENT_CODES.has(code)) {
      masked?.(formatted, error);
      return {
        message: '服务器内部错误，请稍后重试或联系管理员 (internal error)',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
  };
}
