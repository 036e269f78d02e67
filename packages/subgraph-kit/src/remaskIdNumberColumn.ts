import type { QueryRunner } from 'typeorm';

/** The mask's twelve hidden characters, as SQL text. */
const HIDDEN = `'${'*'.repeat(12)}'`;

/**
 * Rewrites a table's stored masks to the current form (address code + 12 stars) from the masks themselves:
 * no ID number is decrypted. Rows whose mask is not 18 characters keep it (it is already fully masked).
 * The same rule as remaskIdNumber in @hub/identity, in SQL for SQLite and MySQL.
 */
export async function remaskIdNumberColumn(queryRunner: QueryRunner, table: string, column = 'id_number_masked'): Promise<void> {
  const mysql = queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb';
  const masked = mysql ? `CONCAT(SUBSTRING(${column}, 1, 6), ${HIDDEN})` : `substr(${column}, 1, 6) || ${HIDDEN}`;
  await queryRunner.query(`UPDATE ${table} SET ${column} = ${masked} WHERE LENGTH(${column}) = 18 AND ${column} <> ${masked}`);
}
