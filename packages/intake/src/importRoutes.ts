import { PassThrough } from 'node:stream';
import type { RouteHandler } from '@hub/runtime';
import { HttpError, readBody, sendJson } from '@hub/runtime';
import { CertificateFilter, isIsoDate, todayIso, TrainingFilter } from '@hub/subgraph-kit';
import {
  certificateStatuses,
  CertificateStatus,
  departmentLabels,
  matchOccupation,
  matchTownship,
  parseCertificateKind,
  parseSkillLevel,
  TargetGroup,
  TrainingChannel,
} from '@hub/vocabulary';
import { contentDisposition } from './contentDisposition';
import type { TableFormat } from './createTableWriter';
import type { IntakeHub } from './createRowValidator';
import { exportCertificates } from './exportCertificates';
import { exportTrainings } from './exportTrainings';
import { importFile } from './importFile';
import type { ImportResult } from './ImportResult';
import { ImportInterruptedError, IntakeFileError } from './IntakeFileError';
import { SheetKind, sheetKindLabels } from './IntakeColumn';
import { parseChoice } from './parseChoice';
import { writeReport } from './writeReport';
import { writeTemplate } from './writeTemplate';

export type ImportRoute = 'POST /import' | 'GET /import/template' | 'GET /export/certificates' | 'GET /export/trainings';

export interface ImportRouteOptions {
  /** Largest upload accepted, in bytes (default HUB_IMPORT_MAX_BYTES or 50 MB). */
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/** Errors returned inline; the report (base64) has all of them. */
export const RESPONSE_ERRORS = 200;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';
/** What browsers and clients send for .xlsx and .csv uploads (Windows labels .csv as application/vnd.ms-excel). */
const UPLOAD_TYPES = new Set([
  XLSX_TYPE,
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'text/plain',
  'application/octet-stream',
]);

function formatParam(url: URL): TableFormat {
  const format = (url.searchParams.get('format') ?? 'xlsx').toLowerCase();
  if (format !== 'xlsx' && format !== 'csv') throw new HttpError(400, `format 只能是 xlsx 或 csv，收到 ${format}`);
  return format;
}

function dateParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (!isIsoDate(value)) throw new HttpError(400, `${name} 须为 YYYY-MM-DD 日期，收到 ${value}`);
  return value;
}

/** A query parameter read through a vocabulary matcher; an unknown value is a 400, never an empty export. */
function vocabularyParam<T>(url: URL, name: string, read: (text: string) => T | undefined): T | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const found = read(value);
  if (found === undefined) throw new HttpError(400, `无法识别的 ${name}：${value}`);
  return found;
}

function sendFile(res: import('node:http').ServerResponse, format: TableFormat, name: string, asciiName: string): void {
  res.writeHead(200, {
    'content-type': format === 'xlsx' ? XLSX_TYPE : CSV_TYPE,
    'content-disposition': contentDisposition(`${name}.${format}`, `${asciiName}.${format}`),
    'cache-control': 'no-store',
  });
}

async function reportBase64(result: ImportResult): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeReport(result, 'xlsx', stream);
  return Buffer.concat(chunks).toString('base64');
}

/**
 * HTTP routes for a department subgraph (wire them in with createSubgraph's `routes`; authorization
 * is added around them by the kit):
 * - POST /import?filename=x.xlsx&dryRun=1 — the raw file as the body; JSON counts, the first 200 problems and the full report as base64 xlsx.
 * - GET /import/template?kind=certificates|trainings&format=xlsx|csv
 * - GET /export/certificates?format=&township=&kind=&level=&occupation=&status=&issuedFrom=&issuedTo=
 * - GET /export/trainings?format=&township=&channel=&targetGroup=&directed=&occupation=&startFrom=&startTo=
 */
export function importRoutes(hub: IntakeHub, options: ImportRouteOptions = {}): Record<ImportRoute, RouteHandler> {
  const env = options.env ?? process.env;
  const maxBytes = options.maxBytes ?? Number(env.HUB_IMPORT_MAX_BYTES || 50 * 1024 * 1024);
  const { definition } = hub;
  const label = departmentLabels[definition.code];

  const upload: RouteHandler = async (req, res, url) => {
    const contentType = String(req.headers['content-type'] ?? 'application/octet-stream')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (!UPLOAD_TYPES.has(contentType)) {
      return sendJson(res, 415, { error: `只接受 .xlsx 或 .csv 文件（Content-Type ${XLSX_TYPE} 或 text/csv），收到 ${contentType}` });
    }
    const filename =
      url.searchParams.get('filename') ||
      (contentType === XLSX_TYPE ? 'upload.xlsx' : contentType === 'application/octet-stream' ? 'upload' : 'upload.csv');
    const dryRun = ['1', 'true', 'yes'].includes((url.searchParams.get('dryRun') ?? '').toLowerCase());
    const body = await readBody(req, maxBytes);
    let result: ImportResult;
    try {
      result = await importFile(hub, { buffer: body, filename }, { dryRun, env });
    } catch (error) {
      if (error instanceof IntakeFileError) return sendJson(res, 422, { error: error.message, code: error.code });
      if (error instanceof ImportInterruptedError) {
        return sendJson(res, 500, {
          error: error.message,
          code: 'IMPORT_INTERRUPTED',
          committedBatches: error.committedBatches,
          committedRows: error.committedRows,
        });
      }
      throw error;
    }
    const problems = [...result.errors, ...result.supersededRows].sort((a, b) => a.row - b.row);
    sendJson(res, 200, {
      file: result.file,
      department: result.department,
      kind: result.kind,
      dryRun: result.dryRun,
      headerRow: result.headerRow,
      rows: result.rows,
      accepted: result.accepted,
      rejected: result.rejected,
      superseded: result.superseded,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      batches: result.batches,
      ignoredColumns: result.ignoredColumns,
      looseRows: result.looseRows,
      readings: result.readings,
      problemCount: problems.length,
      errors: problems.slice(0, RESPONSE_ERRORS),
      warningCount: result.warnings.length,
      warnings: result.warnings.slice(0, RESPONSE_ERRORS),
      report: {
        filename: `${label}-导入报告-${todayIso()}.xlsx`,
        contentType: XLSX_TYPE,
        base64: await reportBase64(result),
      },
    });
  };

  const template: RouteHandler = async (_req, res, url) => {
    const given = url.searchParams.get('kind') ?? 'certificates';
    if (given !== 'certificates' && given !== 'trainings') throw new HttpError(400, `kind 只能是 certificates 或 trainings，收到 ${given}`);
    const kind: SheetKind = given;
    const format = formatParam(url);
    const file = await writeTemplate(definition, kind, format);
    sendFile(res, format, `${label}-${sheetKindLabels[kind]}导入模板`, `${definition.slug}-${kind}-template`);
    res.end(file);
  };

  const certificates: RouteHandler = async (_req, res, url) => {
    const format = formatParam(url);
    const filter: CertificateFilter = {
      townshipCode: vocabularyParam(url, 'township', (t) => matchTownship(t)?.code),
      kind: vocabularyParam(url, 'kind', parseCertificateKind),
      level: vocabularyParam(url, 'level', (t) => parseSkillLevel(t)),
      occupationCode: vocabularyParam(url, 'occupation', (t) => matchOccupation(t)?.code),
      status: vocabularyParam(url, 'status', (t): CertificateStatus | undefined => {
        const parsed = parseChoice('status', t);
        return parsed.ok && (certificateStatuses as readonly string[]).includes(parsed.value) ? parsed.value : undefined;
      }),
      issuedFrom: dateParam(url, 'issuedFrom'),
      issuedTo: dateParam(url, 'issuedTo'),
    };
    sendFile(res, format, `${label}-证书-${todayIso()}`, `${definition.slug}-certificates-${todayIso()}`);
    await exportCertificates(hub, filter, format, res);
  };

  const trainings: RouteHandler = async (_req, res, url) => {
    const format = formatParam(url);
    const filter: TrainingFilter = {
      townshipCode: vocabularyParam(url, 'township', (t) => matchTownship(t)?.code),
      channel: vocabularyParam(url, 'channel', (t): TrainingChannel | undefined => {
        const parsed = parseChoice('channel', t);
        return parsed.ok ? parsed.value : undefined;
      }),
      targetGroup: vocabularyParam(url, 'targetGroup', (t): TargetGroup | undefined => {
        const parsed = parseChoice('targetGroup', t);
        return parsed.ok ? parsed.value : undefined;
      }),
      directed: vocabularyParam(url, 'directed', (t) => {
        const parsed = parseChoice('yesNo', t);
        return parsed.ok ? parsed.value === '1' : undefined;
      }),
      occupationCode: vocabularyParam(url, 'occupation', (t) => matchOccupation(t)?.code),
      startFrom: dateParam(url, 'startFrom'),
      startTo: dateParam(url, 'startTo'),
    };
    sendFile(res, format, `${label}-培训-${todayIso()}`, `${definition.slug}-trainings-${todayIso()}`);
    await exportTrainings(hub, filter, format, res);
  };

  return {
    'POST /import': upload,
    'GET /import/template': template,
    'GET /export/certificates': certificates,
    'GET /export/trainings': trainings,
  };
}
