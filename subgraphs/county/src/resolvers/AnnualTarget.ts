import { may } from '@hub/auth';
import { departmentLabels, townshipByCode, trainingChannelLabels } from '@hub/vocabulary';
import type { CountyContext } from '../CountyContext';
import type { AnnualTargetRow } from '../ledger/AnnualTargetRepository';
import { targetMeasureLabels } from '../ledger/AnnualTargetRepository';

/** AnnualTarget: a row of annual_target with its Chinese labels. */
export const AnnualTarget = {
  year: (row: AnnualTargetRow) => row.effectiveYear,
  // Who set a target is an audit record: the county administrator's, like the audit log.
  setBy: (row: AnnualTargetRow, _: unknown, ctx: CountyContext) => (may.readAuditLog(ctx.principal) ? row.setBy : null),
  townshipName: (row: AnnualTargetRow) => (row.township ? (townshipByCode(row.township)?.name ?? row.township) : null),
  label: (row: AnnualTargetRow) =>
    [
      row.township ? (townshipByCode(row.township)?.name ?? row.township) : null,
      row.channel ? trainingChannelLabels[row.channel] : null,
      row.department ? departmentLabels[row.department] : row.township ? null : '渠道合计',
      targetMeasureLabels[row.measure],
    ]
      .filter(Boolean)
      .join('·'),
};
