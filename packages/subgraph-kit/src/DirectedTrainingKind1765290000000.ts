import type { MigrationInterface, QueryRunner } from 'typeorm';
import { coreTableSpecs } from './coreTables';
import { addMissingColumns } from './migrationHelpers';

/**
 * 订单式/定向式 as a field of every department's trainings (directed_kind). Existing trainings get the mark the county
 * index gave them until now, read from the programme name (订单 → ORDER, 定向 → TARGETED), so no figure moves and a
 * later correction of such a training keeps it. Run by the kit in every department; frozen once released.
 */
export class DirectedTrainingKind1765290000000 implements MigrationInterface {
  name = 'DirectedTrainingKind1765290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const spec = coreTableSpecs().training;
    // A department created later runs this before its own first migration, which builds the table from the current spec.
    if (!(await queryRunner.hasTable(spec.table))) return;
    if (await queryRunner.hasColumn(spec.table, 'directed_kind')) return;
    await addMissingColumns(queryRunner, spec, ['directedKind']);
    // The same reading, in the same order, as the index's former rule: a name with both words is a 订单式 training.
    await queryRunner.query(`UPDATE ${spec.table} SET directed_kind = 'ORDER' WHERE directed_kind IS NULL AND programme LIKE ?`, [
      '%订单%',
    ]);
    await queryRunner.query(`UPDATE ${spec.table} SET directed_kind = 'TARGETED' WHERE directed_kind IS NULL AND programme LIKE ?`, [
      '%定向%',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(coreTableSpecs().training.table, 'directed_kind');
  }
}
