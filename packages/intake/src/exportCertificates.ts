import type { Writable } from 'node:stream';
import type { CertificateFilter, CertificateRecord } from '@hub/subgraph-kit';
import {
  certificateGradeLabels,
  certificateKindLabels,
  certificateStatusLabels,
  skillLevelLabels,
  talentCategoryLabels,
} from '@hub/vocabulary';
import type { TableFormat } from './createTableWriter';
import type { IntakeHub } from './createRowValidator';
import { EXPORT_PAGE, exportPersonColumns, exportRecords, extraCell, occupationCells, personCells } from './exportRecords';
import { intakeColumns } from './intakeColumns';

/** Streams a department's certificates matching the filter as xlsx or CSV with Chinese headers. Returns the number of rows. */
export function exportCertificates(hub: IntakeHub, filter: CertificateFilter, format: TableFormat, writable: Writable): Promise<number> {
  const extras = intakeColumns(hub.definition, 'certificates').filter((c) => c.extra);
  return exportRecords<CertificateRecord>(
    hub,
    {
      table: '证书',
      columns: [
        ...exportPersonColumns,
        { header: '职业编码', width: 12 },
        { header: '职业(工种)', width: 16 },
        { header: '证书类别', width: 18 },
        { header: '人才类别', width: 14 },
        { header: '等级', width: 14 },
        { header: '证书编号', width: 22 },
        { header: '发证机构', width: 24 },
        { header: '发证日期', type: 'date', width: 12 },
        { header: '有效期至', type: 'date', width: 12 },
        { header: '证书状态', width: 10 },
        { header: '撤销日期', type: 'date', width: 12 },
        { header: '撤销原因', width: 20 },
        ...extras.map((c) => ({ header: c.label, width: 18 })),
        { header: '更新时间', width: 22 },
      ],
      page: (afterId) => hub.repo.listCertificates(filter, { first: EXPORT_PAGE, afterId }),
      idOf: (c) => c.id,
      personIdOf: (c) => c.personId,
      cells: (c, person) => [
        ...personCells(person),
        ...occupationCells(c.occupationCode),
        certificateKindLabels[c.kind] ?? c.kind,
        talentCategoryLabels[c.talentCategory] ?? c.talentCategory,
        // The level within the kind's ladder; an UNKNOWN shows what was written, so a re-import keeps it.
        c.grade === 'UNKNOWN' ? c.gradeWritten : c.grade ? certificateGradeLabels[c.grade] : c.level ? skillLevelLabels[c.level] : null,
        c.certificateNumber,
        c.issuingBody,
        c.issuedOn,
        c.validUntil,
        certificateStatusLabels[c.status] ?? c.status,
        c.revokedOn,
        c.revokeReason,
        ...extras.map((column) => extraCell(column, c[column.field])),
        c.updatedAt,
      ],
    },
    format,
    writable,
  );
}
