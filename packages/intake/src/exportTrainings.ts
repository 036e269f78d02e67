import type { Writable } from 'node:stream';
import type { TrainingFilter, TrainingRecord } from '@hub/subgraph-kit';
import { directedKindLabels, targetGroupLabels, trainingChannelLabels, trainingOutcomeLabels } from '@hub/vocabulary';
import type { TableFormat } from './createTableWriter';
import type { IntakeHub } from './createRowValidator';
import { EXPORT_PAGE, exportPersonColumns, exportRecords, extraCell, occupationCells, personCells } from './exportRecords';
import { intakeColumns } from './intakeColumns';

/** Streams a department's trainings matching the filter as xlsx or CSV with Chinese headers. Returns the number of rows. */
export function exportTrainings(hub: IntakeHub, filter: TrainingFilter, format: TableFormat, writable: Writable): Promise<number> {
  const extras = intakeColumns(hub.definition, 'trainings').filter((c) => c.extra);
  return exportRecords<TrainingRecord>(
    hub,
    {
      table: '培训',
      columns: [
        ...exportPersonColumns,
        { header: '培训项目', width: 28 },
        { header: '职业编码', width: 12 },
        { header: '职业(工种)', width: 16 },
        { header: '培训渠道', width: 30 },
        { header: '培训对象', width: 14 },
        { header: '培训机构', width: 24 },
        { header: '开始日期', type: 'date', width: 12 },
        { header: '结束日期', type: 'date', width: 12 },
        { header: '课时', type: 'number', width: 8 },
        { header: '是否结业', width: 10 },
        { header: '订单/定向', width: 12 },
        ...extras.map((c) => ({ header: c.label, width: 18 })),
        { header: '更新时间', width: 22 },
      ],
      page: (afterId) => hub.repo.listTrainings(filter, { first: EXPORT_PAGE, afterId }),
      idOf: (t) => t.id,
      personIdOf: (t) => t.personId,
      cells: (t, person) => [
        ...personCells(person),
        t.programme,
        ...occupationCells(t.occupationCode),
        trainingChannelLabels[t.channel] ?? t.channel,
        targetGroupLabels[t.targetGroup] ?? t.targetGroup,
        t.provider,
        t.startDate,
        t.endDate,
        t.hours,
        trainingOutcomeLabels[t.outcome] ?? t.outcome,
        t.directedKind ? (directedKindLabels[t.directedKind] ?? t.directedKind) : null,
        ...extras.map((column) => extraCell(column, t[column.field])),
        t.updatedAt,
      ],
    },
    format,
    writable,
  );
}
