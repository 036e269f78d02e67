import { demand, disclosureFor, may, Principal, CellKeyParameters } from '@hub/auth';
import { RouteHandler, sendJson } from '@hub/runtime';
import { InputError } from '@hub/subgraph-kit';
import { Department, departmentFromSlug, departmentSlug } from '@hub/vocabulary';
import type { CountyServices } from '../createCountyServices';
import { parseLedgerPeriod } from '../ledger/LedgerPeriod';
import { ledgerPublisher } from '../ledger/ProgressLedgerService';
import { townshipTargetRows } from './townshipTargetRows';
import { writeLedgerWorkbook } from './writeLedgerWorkbook';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /reports/ledger?period=2025-H1[&department=hrss]: the 调度 workbook of one period (the gateway serves it at
 * /county/reports/ledger). The county administrator: the county, or any department. Department staff: their own
 * department only (the default for them). Everyone else: 403. Figures go through the caller's disclosure control,
 * which is exact for both.
 */
export function ledgerReportRoute(
  services: Pick<CountyServices, 'ledger' | 'cellKeySecret' | 'progress' | 'targets'>,
  cellKeys?: CellKeyParameters,
): RouteHandler {
  return async (_req, res, url, caller) => {
    const principal = caller as Principal;
    const slug = url.searchParams.get('department');
    let department: Department | undefined;
    if (slug !== null && slug !== '') {
      department = departmentFromSlug(slug) ?? (Object.keys(departmentSlug) as Department[]).find((d) => d === slug.trim().toUpperCase());
      if (!department)
        return sendJson(res, 400, { error: `未知部门 ${slug}（例如 hrss、education、civil-affairs）`, code: 'BAD_DEPARTMENT' });
    } else if (principal.role === 'DEPARTMENT_STAFF') department = principal.department;
    try {
      demand(may.readLedgerReport(principal, department), principal, department ? '导出其他部门的调度报表' : '导出全县调度报表');
    } catch (error) {
      return sendJson(res, 403, { error: (error as Error).message, code: 'FORBIDDEN' });
    }
    try {
      const period = parseLedgerPeriod(url.searchParams.get('period') ?? '');
      const ledger = await services.ledger.build(
        period,
        ledgerPublisher(disclosureFor(principal, services.cellKeySecret, department, cellKeys)),
      );
      // Townships are the county's: in the county's workbook (the county administrator's, exact), not a department's.
      const townships = department ? undefined : await townshipTargetRows(services.progress, services.targets, ledger.asOf);
      const file = await writeLedgerWorkbook(ledger, { department, townships, generatedBy: `${principal.subject} (${principal.role})` });
      const name = `${department ? departmentSlug[department] : 'county'}-ledger-${period.key}.xlsx`;
      const chinese = `调度表-${period.key}${department ? `-${departmentSlug[department]}` : ''}.xlsx`;
      res.statusCode = 200;
      res.setHeader('content-type', XLSX_TYPE);
      res.setHeader('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(chinese)}`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('content-length', String(file.length));
      res.end(file);
    } catch (error) {
      if (error instanceof InputError) return sendJson(res, 400, { error: error.message, code: error.code });
      throw error;
    }
  };
}
