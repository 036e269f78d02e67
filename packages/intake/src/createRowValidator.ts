import type { CertificateInput, IdentityService, NewCertificate, NewPerson, NewTraining, Subgraph, TrainingInput } from '@hub/subgraph-kit';
import { extraFields, InputError, prepareCertificate, preparePerson, prepareTraining, todayIso } from '@hub/subgraph-kit';
import {
  CertificateKind,
  certificateGradeLabels,
  certificateStatusLabels,
  choiceKey,
  choiceLabel,
  DirectedKind,
  isWithdrawn,
  kindInfo,
  matchOccupation,
  parseCertificateKind,
  parseCertificateLevel,
  readChoice,
  readTownship,
  ReadRule,
  sexLabels,
  skillLevelOfGrade,
  unknownTownshipMessage,
} from '@hub/vocabulary';
import { intakeColumns, tableOf } from './intakeColumns';
import type { IntakeColumn, SheetKind } from './IntakeColumn';
import type { HeaderMatch } from './matchHeaderRow';
import { parseCellDate } from './parseCellDate';
import { ChoiceKind, parseChoice } from './parseChoice';
import { CellValue, displayText, isBlank } from './plainCellValue';
import { isClearCell } from './clearCell';
import { ReadingLog } from './ReadingLog';
import { maskForReport, RowError } from './RowError';

/** What intake needs of a department subgraph. */
export type IntakeHub = Pick<Subgraph, 'definition' | 'identity' | 'repo'>;

export interface ValidRow {
  ok: true;
  /** What was read loosely or left aside without refusing the row: an off-ladder level (stored as 等级不明), a withdrawal without its date. */
  warnings: RowError[];
  /** Natural key of the record: the certificate number, or person + programme + start date. */
  key: string;
  person: NewPerson;
  record: NewCertificate | NewTraining;
}

export type RowOutcome = ValidRow | { ok: false; errors: RowError[] };

export type RowValidator = (rowNumber: number, cells: readonly CellValue[]) => RowOutcome;

/** Default reason recorded when a file marks a certificate revoked without saying why. */
export const IMPORTED_REVOCATION_REASON = '导入文件中标记为已撤销';

/** Excel keeps 15 significant digits: a longer number in a numeric cell has lost its tail. */
const MAX_EXACT_DIGITS = 15;

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/**
 * The checks of one row. One instance serves every row of a file (reset per row), so that a
 * 100,000-row import does not allocate a dozen closures per row.
 */
class RowCheck {
  private cells: readonly CellValue[] = [];
  private rowNumber = 0;
  private errors: RowError[] = [];
  private warnings: RowError[] = [];
  private failed = new Set<string>();
  private readonly labels: Map<string, string>;
  private readonly positions: Map<string, number>;
  private readonly extras: IntakeColumn[];
  private readonly extraNames: string[];
  private readonly kind: SheetKind;

  constructor(
    private readonly identity: IdentityService,
    hub: IntakeHub,
    private readonly match: HeaderMatch,
    private readonly log: ReadingLog,
  ) {
    this.kind = match.kind;
    const all = intakeColumns(hub.definition, this.kind);
    this.labels = new Map(all.map((c) => [c.field, c.label]));
    this.extras = all.filter((c) => c.extra && match.byField.has(c.field));
    this.extraNames = extraFields(hub.definition, tableOf(this.kind));
    this.positions = new Map([...match.byField].map(([field, m]) => [field, m.index]));
    this.optional = [
      { columns: ['township'], property: 'townshipCode', of: 'person' },
      { columns: ['occupationCode', 'occupationName'], property: 'occupationCode', of: 'record' },
      ...(this.kind === 'certificates' ? [{ columns: ['validUntil'], property: 'validUntil', of: 'record' as const }] : []),
      ...(this.kind === 'trainings' ? ['endDate', 'hours'].map((f) => ({ columns: [f], property: f, of: 'record' as const })) : []),
      ...this.extras.map((c) => ({ columns: [c.field], property: c.field, of: 'record' as const })),
    ];
  }

  /** Optional fields: which columns give each, and where the prepared value lands. */
  private readonly optional: { columns: string[]; property: string; of: 'person' | 'record' }[];

  /** Replaces （清空） cells by empty ones and returns their fields (usually none: then the row is used as it is). */
  private takeClears(cells: readonly CellValue[]): { cells: readonly CellValue[]; cleared: Set<string> } {
    const cleared = new Set<string>();
    if (!cells.some(isClearCell)) return { cells, cleared };
    for (const [field, index] of this.positions) if (isClearCell(cells[index] ?? null)) cleared.add(field);
    return { cells: cells.map((cell) => (isClearCell(cell) ? null : cell)), cleared };
  }

  /** Absent is not empty: an optional field whose cells are all empty (or missing) is left out, so the stored value stays. */
  private leaveOutAbsent(person: Record<string, unknown>, record: Record<string, unknown>, cleared: Set<string>): void {
    for (const { columns, property, of } of this.optional) {
      if (columns.some((c) => cleared.has(c))) continue;
      if (columns.every((c) => isBlank(this.at(c)))) delete (of === 'person' ? person : record)[property];
    }
  }

  private at(field: string): CellValue {
    const index = this.positions.get(field);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  private label(field: string): string {
    return this.labels.get(field) ?? field;
  }

  /** Records an error on a column (the first one per column: later ones would only repeat it). */
  private fail(field: string, reason: string): undefined {
    if (this.failed.has(field)) return undefined;
    this.failed.add(field);
    const shown = displayText(this.at(field));
    this.errors.push({
      row: this.rowNumber,
      column: this.match.byField.get(field)?.header ?? this.label(field),
      value: field === 'idNumber' ? maskForReport(shown) : shown,
      reason,
    });
    return undefined;
  }

  /** Notes how a coded cell was read (or that it could not be), for the report's reading table. */
  private note(field: string, readAs: string, rule: ReadRule | 'unread'): void {
    this.log.note(this.match.byField.get(field)?.header ?? this.label(field), this.rowNumber, displayText(this.at(field)), readAs, rule);
  }

  /** Records a warning on a column: the row is imported, the report says what was made of the cell. */
  private warn(field: string, reason: string): void {
    this.warnings.push({
      row: this.rowNumber,
      column: this.match.byField.get(field)?.header ?? this.label(field),
      value: displayText(this.at(field)),
      reason,
    });
  }

  private text(field: string): string | null {
    const value = this.at(field);
    return isBlank(value) ? null : displayText(value);
  }

  /** Codes and numbers: full-width characters folded; long numbers stored as numbers refused. */
  private code(field: string): string | null | undefined {
    const value = this.at(field);
    if (isBlank(value)) return null;
    if (typeof value === 'number' && Number.isInteger(value) && String(Math.abs(value)).length > MAX_EXACT_DIGITS) {
      return this.fail(field, `${this.label(field)}以数字格式保存，超过15位的部分已被Excel改写，请将该列设为文本后重新录入`);
    }
    return fold(displayText(value));
  }

  private date(field: string, required: boolean): string | null | undefined {
    const value = this.at(field);
    if (isBlank(value)) return required ? this.fail(field, `${this.label(field)}不能为空`) : null;
    const parsed = parseCellDate(value);
    if (!parsed.ok) {
      this.note(field, '无法识别', 'unread');
      return this.fail(field, parsed.reason);
    }
    this.note(field, parsed.value, parsed.rule);
    return parsed.value;
  }

  private choice<K extends ChoiceKind>(field: string, kind: K, required: boolean) {
    const value = this.text(field);
    if (value === null) return required ? this.fail(field, `${this.label(field)}不能为空`) : null;
    const parsed = parseChoice(kind, value);
    if (!parsed.ok) {
      this.note(field, '无法识别', 'unread');
      return this.fail(field, parsed.reason);
    }
    this.note(
      field,
      // The parser of `kind` produced this value, so it is one of ChoiceValues[kind]; TypeScript cannot tie the two.
      kind === 'yesNo' ? (parsed.value === '1' ? '是' : '否') : choiceLabel(kind as Exclude<K, 'yesNo'>, parsed.value as never),
      parsed.rule,
    );
    return parsed.value;
  }

  /**
   * 订单/定向: undefined when the sheet has no such column (a training's stored mark stays), null when the cell is
   * blank or says 否, false when it cannot be read (the row's error is recorded).
   */
  private directedKind(): DirectedKind | null | undefined | false {
    if (!this.positions.has('directedKind')) return undefined;
    const written = this.text('directedKind');
    if (written === null) return null;
    if (readChoice('yesNo', written)?.value === 'NO') {
      this.note('directedKind', '否', 'exact');
      return null;
    }
    const kind = this.choice('directedKind', 'directedKind', false);
    return kind === undefined ? false : kind;
  }

  /** The township's code, read tolerantly (柳屯, 柳屯镇人民政府, 戶部寨鎮, a village of it); unreadable: an error. */
  private township(): string | null | undefined {
    const written = this.text('township');
    if (written === null) return null;
    const read = readTownship(written);
    if (!read) {
      this.note('township', '无法识别', 'unread');
      return this.fail('township', unknownTownshipMessage(written));
    }
    this.note('township', `${read.value.name}（${read.value.code}）`, read.rule);
    return read.value.code;
  }

  private number(field: string): number | null | undefined {
    const value = this.at(field);
    if (isBlank(value)) return null;
    const n = typeof value === 'number' ? value : Number(fold(displayText(value)));
    return Number.isFinite(n) ? n : this.fail(field, `${this.label(field)}须为整数，收到“${displayText(value)}”`);
  }

  private extraValue(column: IntakeColumn): unknown {
    const { field, parser, extra } = column;
    if (parser === 'yesNo') {
      const flag = this.choice(field, 'yesNo', false);
      return flag === null || flag === undefined ? null : Number(flag);
    }
    if (parser === 'year') {
      const value = this.at(field);
      if (isBlank(value)) return null;
      const year = Number(fold(displayText(value)).replace(/年$/, ''));
      const thisYear = Number(todayIso().slice(0, 4));
      return Number.isInteger(year) && year >= 1950 && year <= thisYear
        ? year
        : this.fail(field, `${this.label(field)}须为 1950 到 ${thisYear} 之间的四位年份`);
    }
    if (parser === 'integer') {
      const n = this.number(field);
      return n === undefined || n === null ? null : Number.isInteger(n) ? n : this.fail(field, `${this.label(field)}须为整数`);
    }
    const value = this.text(field);
    // The kit stores extras as given: the column's length is checked here so that MySQL never truncates or refuses a batch.
    if (value !== null && extra?.length && value.length > extra.length)
      return this.fail(field, `${this.label(field)}过长（最多 ${extra.length} 个字符）`);
    return value;
  }

  /** Runs a kit step; its InputError becomes an error on the column the field came from. */
  private kit<T>(occupationField: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return this.fail(error.field === 'occupation' ? occupationField : error.field, error.message);
    }
  }

  validate(rowNumber: number, cells: readonly CellValue[]): RowOutcome {
    this.rowNumber = rowNumber;
    const { cells: plain, cleared } = this.takeClears(cells);
    this.cells = plain;
    this.errors = [];
    this.warnings = [];
    this.failed.clear();

    const rawId = this.at('idNumber');
    const sex = this.choice('sex', 'sex', false);
    const personInput = {
      // normalizeIdNumber takes unknown: a numeric cell must reach it as a number so that Excel truncation is detected.
      idNumber: (rawId instanceof Date || typeof rawId === 'boolean' ? displayText(rawId) : (rawId ?? '')) as string,
      name: this.text('name') ?? '',
      township: this.township(),
    };
    const identity = this.identity;
    const person = this.kit('', () => preparePerson(identity, personInput));
    if (person && sex && sex !== person.sex) {
      this.fail('sex', `性别“${this.text('sex')}”与身份证号不符（身份证号显示为${sexLabels[person.sex]}）`);
    }

    // The occupation: the code wins; a name that names another occupation is a contradiction, not a choice.
    const occupationCode = this.code('occupationCode');
    const occupationName = this.text('occupationName');
    if (occupationCode && occupationName) {
      const byCode = matchOccupation(occupationCode);
      const byName = matchOccupation(occupationName);
      if (byCode && byName && byName.level === 4 && byCode.code !== byName.code) {
        this.fail('occupationName', `职业(工种)“${occupationName}”与职业编码 ${occupationCode}（${byCode.name}）不一致`);
      }
    }
    const occupation = occupationCode ?? occupationName;
    const occupationField = occupationCode ? 'occupationCode' : 'occupationName';

    const extraInput: Record<string, unknown> = {};
    for (const column of this.extras) extraInput[column.field] = this.extraValue(column);
    const personId = person?.personId ?? '';
    const outcome =
      this.kind === 'certificates'
        ? this.certificate(personId, personInput, extraInput, occupation, occupationField)
        : this.training(personId, personInput, extraInput, occupation, occupationField);

    if (this.errors.length > 0 || !person || !outcome) {
      return {
        ok: false,
        errors: this.errors.length > 0 ? this.errors : [{ row: rowNumber, column: '', value: '', reason: '本行无法导入' }],
      };
    }
    this.leaveOutAbsent(person, outcome.record, cleared);
    return { ok: true, key: outcome.key, person, record: outcome.record, warnings: this.warnings };
  }

  private certificate(
    personId: string,
    personInput: { idNumber: string; name: string },
    extraInput: Record<string, unknown>,
    occupation: string | null | undefined,
    occupationField: string,
  ): { key: string; record: NewCertificate } | undefined {
    const kindText = this.text('kind');
    let kind: CertificateKind | undefined;
    if (kindText === null) this.fail('kind', '证书类别不能为空');
    else if (!(kind = parseCertificateKind(kindText))) {
      this.note('kind', '无法识别', 'unread');
      this.fail('kind', `无法识别的证书类别“${kindText}”，请填写如“职业技能等级证书”“特种作业操作证”等规范名称`);
    } else this.note('kind', kindInfo[kind].label, choiceKey(kindText) === choiceKey(kindInfo[kind].label) ? 'exact' : 'synonym');
    // The level is read on the kind's own ladder; whatever it says, the holder is imported (UNKNOWN keeps the text).
    const levelCell = this.at('level');
    const reading = kind
      ? parseCertificateLevel(kind, isBlank(levelCell) ? null : typeof levelCell === 'number' ? levelCell : displayText(levelCell))
      : undefined;
    if (reading?.warning) this.warn('level', reading.warning);
    if (reading && reading.written !== null && reading.grade !== null) {
      const known = reading.grade !== 'UNKNOWN';
      this.note(
        'level',
        known ? certificateGradeLabels[reading.grade] : '等级不明（按持证人导入）',
        known && reading.rule === 'EXACT' ? 'synonym' : 'loose',
      );
    }
    const issuedOn = this.date('issuedOn', true);
    const validUntil = this.date('validUntil', false);
    const status = this.choice('status', 'status', false) ?? 'VALID';
    const revokedOn = this.date('revokedOn', false);
    const revokeReason = this.text('revokeReason');
    const certificateNumber = this.code('certificateNumber');
    if (certificateNumber === null) this.fail('certificateNumber', '证书编号不能为空');
    if (!kind) return undefined;
    const input: CertificateInput = {
      idNumber: personInput.idNumber,
      name: personInput.name,
      kind,
      level: skillLevelOfGrade(reading?.grade ?? null),
      grade: reading?.grade ?? null,
      gradeWritten: reading?.written ?? null,
      occupation,
      certificateNumber: certificateNumber ?? '',
      issuingBody: this.text('issuingBody') ?? '',
      issuedOn: issuedOn ?? '',
      validUntil,
    };
    Object.assign(input, extraInput);
    const extraNames = this.extraNames;
    const certificate = this.kit(occupationField, () => prepareCertificate(personId, input, extraNames));
    if (!certificate) return undefined;
    if (status && isWithdrawn(status)) {
      const reason = revokeReason ?? IMPORTED_REVOCATION_REASON;
      if (revokedOn === undefined) {
        // The date cell could not be read: its error is already recorded.
      } else if (revokedOn !== null && revokedOn < certificate.issuedOn) {
        this.fail('revokedOn', `撤销日期 ${revokedOn} 早于发证日期 ${certificate.issuedOn}`);
      } else if (revokedOn !== null && revokedOn > todayIso()) {
        this.fail('revokedOn', `撤销日期 ${revokedOn} 晚于今天`);
      } else if (reason.length > 255) {
        this.fail('revokeReason', '撤销原因过长（最多 255 个字符）');
      } else {
        // Without a date the withdrawal is still recorded: the certificate then counts on no date until the date is supplied.
        if (revokedOn === null)
          this.warn(
            this.match.byField.has('revokedOn') ? 'revokedOn' : 'status',
            `证书${certificateStatusLabels[status]}，撤销日期未提供：已按${certificateStatusLabels[status]}导入，补充日期前在任何日期都不计入持证人数`,
          );
        Object.assign(certificate, { status, revokedOn, revokeReason: reason });
      }
    } else if (revokedOn) {
      this.fail('revokedOn', '证书状态为有效，但填写了撤销日期；已撤销或注销的证书请将证书状态填为“已撤销”或“已注销”');
    }
    return { key: certificate.certificateNumber, record: certificate };
  }

  private training(
    personId: string,
    personInput: { idNumber: string; name: string },
    extraInput: Record<string, unknown>,
    occupation: string | null | undefined,
    occupationField: string,
  ): { key: string; record: NewTraining } | undefined {
    const channel = this.choice('channel', 'channel', true);
    const targetGroup = this.choice('targetGroup', 'targetGroup', true);
    const outcome = this.choice('outcome', 'outcome', true);
    const startDate = this.date('startDate', true);
    const endDate = this.date('endDate', false);
    const hours = this.number('hours');
    const directedKind = this.directedKind();
    if (!channel || !targetGroup || !outcome || directedKind === false) return undefined;
    const input: TrainingInput = {
      idNumber: personInput.idNumber,
      name: personInput.name,
      programme: this.text('programme') ?? '',
      occupation,
      channel,
      targetGroup,
      provider: this.text('provider') ?? '',
      startDate: startDate ?? '',
      endDate,
      hours: hours ?? null,
      outcome,
      directedKind,
    };
    Object.assign(input, extraInput);
    const extraNames = this.extraNames;
    const training = this.kit(occupationField, () => prepareTraining(personId, input, extraNames));
    if (!training) return undefined;
    // The repository's natural key of a training: one person, one programme, one start date.
    return { key: `${training.personId}\u0000${training.programme}\u0000${training.startDate}`, record: training };
  }
}

/**
 * Validates the data rows of one header layout: reads each cell by its column's parser, then runs
 * the kit's preparePerson / prepareCertificate / prepareTraining (the rules live there) and maps the
 * field of any InputError back to the column as headed in the file.
 */
export function createRowValidator(hub: IntakeHub, match: HeaderMatch, log: ReadingLog = new ReadingLog()): RowValidator {
  const check = new RowCheck(hub.identity, hub, match, log);
  return (rowNumber, cells) => check.validate(rowNumber, cells);
}
