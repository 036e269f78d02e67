import { departmentLabels, townshipByCode, trainingChannelLabels } from '@hub/vocabulary';
import type { AnnualTargetRow } from '../ledger/AnnualTargetRepository';
import { targetMeasureLabels } from '../ledger/AnnualTargetRepository';

/** AnnualTarget: a row of annual_target with its Chinese labels. */
export const AnnualTarget = {
  year: (row: AnnualTargetRow) => row.effectiveYear,
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
