import type {
  CertificateGrade,
  CertificateKind,
  CertificateStatus,
  DirectedKind,
  SkillLevel,
  TalentCategory,
  TargetGroup,
  TrainingChannel,
  TrainingOutcome,
  Sex,
} from '@hub/vocabulary';
import { ColumnSpec, TableSpec, col } from './tableSpec';

/** A person as one department knows them. The raw ID number is stored only sealed (AES-256-GCM). */
export interface PersonRecord {
  personId: string;
  idNumberSealed: string;
  idNumberMasked: string;
  name: string;
  sex: Sex;
  birthDate: string;
  townshipCode: string | null;
  updatedAt: string;
}

/** Department-specific columns (school, cooperative, discharge year …). */
export type ExtraColumns = { [extra: string]: unknown };

export interface TrainingFields {
  personId: string;
  programme: string;
  occupationCode: string | null;
  channel: TrainingChannel;
  targetGroup: TargetGroup;
  provider: string;
  startDate: string;
  endDate: string | null;
  hours: number | null;
  outcome: TrainingOutcome;
  /** 订单式 or 定向式 when the training was run to an employer's order or for named posts; null for any other training. */
  directedKind: DirectedKind | null;
}

export type TrainingRecord = TrainingFields & ExtraColumns & { id: number; createdAt: string; updatedAt: string };

export interface CertificateFields {
  personId: string;
  kind: CertificateKind;
  talentCategory: TalentCategory;
  occupationCode: string | null;
  /** The skill level (五级…一级) of a skill-ladder kind; null for every other kind and when the level is not known. */
  level: SkillLevel | null;
  /** The level within the kind's own ladder (SKILL_3, TITLE_INTERMEDIATE, SOCIAL_WORKER_SENIOR, UNKNOWN); null for a kind without levels. */
  grade: CertificateGrade | null;
  /** The level as the department wrote it (kept beside UNKNOWN so it can be corrected); null when not written. */
  gradeWritten: string | null;
  certificateNumber: string;
  issuingBody: string;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  /** First day a withdrawn certificate no longer counts; null while a withdrawn certificate's date is not known (it then counts on no date). */
  revokedOn: string | null;
  revokeReason: string | null;
}

export type CertificateRecord = CertificateFields & ExtraColumns & { id: number; createdAt: string; updatedAt: string };

/**
 * `audit` rows record reveals of full ID numbers; `import` rows record a spreadsheet import and the rows it
 * refused. hrss gathers both for the county (the audit log, the data-quality lists).
 */
export type ChangeEntity = 'person' | 'training' | 'certificate' | 'audit' | 'import';

/** One row of a department's append-only change log, written in the same transaction as the change. */
export interface ChangeRecord {
  seq: number;
  entity: ChangeEntity;
  entityId: string;
  personId: string;
  /** JSON snapshot of the record after the change (never the raw ID number). */
  payload: string;
  createdAt: string;
}

export interface DepartmentColumns {
  /** Extra training columns, keyed by property name. */
  training?: Record<string, ColumnSpec>;
  certificate?: Record<string, ColumnSpec>;
}

// A type rather than an interface: it then has an implicit index signature, so Object.values(specs) is TableSpec[].
export type CoreTableSpecs = {
  person: TableSpec;
  training: TableSpec;
  certificate: TableSpec;
  changeLog: TableSpec;
};

/** Widths of the certificate columns that later migrations added or widened (migrateCertificateGrades). */
export const GRADE_LENGTH = 32;
export const GRADE_WRITTEN_LENGTH = 64;
export const STATUS_LENGTH = 16;
/** Width of the training column DirectedTrainingKind1765290000000 added. */
export const DIRECTED_KIND_LENGTH = 12;

/** The four tables every department has; `extra` adds the columns that are really the department's own. */
export function coreTableSpecs(extra: DepartmentColumns = {}): CoreTableSpecs {
  return {
    person: {
      entity: 'Person',
      table: 'person',
      columns: {
        personId: col.key('person_id', 32),
        idNumberSealed: col.text('id_number_sealed', 96),
        idNumberMasked: col.text('id_number_masked', 18),
        name: col.text('name', 64),
        sex: col.text('sex', 6),
        birthDate: col.date('birth_date'),
        townshipCode: col.text('township_code', 9, true),
        updatedAt: col.time('updated_at'),
      },
      indices: [{ name: 'idx_person_township', columns: ['townshipCode'] }],
    },
    training: {
      entity: 'Training',
      table: 'training',
      columns: {
        id: col.id(),
        personId: col.text('person_id', 32),
        programme: col.text('programme', 128),
        occupationCode: col.text('occupation_code', 10, true),
        channel: col.text('channel', 16),
        targetGroup: col.text('target_group', 24),
        provider: col.text('provider', 128),
        startDate: col.date('start_date'),
        endDate: col.date('end_date', true),
        hours: col.int('hours', true),
        outcome: col.text('outcome', 12),
        directedKind: col.text('directed_kind', DIRECTED_KIND_LENGTH, true),
        ...extra.training,
        createdAt: col.time('created_at'),
        updatedAt: col.time('updated_at'),
      },
      indices: [
        // The natural key of a training: one person, one programme, one start date.
        { name: 'uq_training_natural', columns: ['personId', 'programme', 'startDate'], unique: true },
        { name: 'idx_training_start', columns: ['startDate'] },
      ],
    },
    certificate: {
      entity: 'Certificate',
      table: 'certificate',
      columns: {
        id: col.id(),
        personId: col.text('person_id', 32),
        kind: col.text('kind', 32),
        talentCategory: col.text('talent_category', 32),
        occupationCode: col.text('occupation_code', 10, true),
        level: col.text('level', 8, true),
        grade: col.text('grade', GRADE_LENGTH, true),
        gradeWritten: col.text('grade_written', GRADE_WRITTEN_LENGTH, true),
        certificateNumber: col.text('certificate_number', 64),
        issuingBody: col.text('issuing_body', 128),
        issuedOn: col.date('issued_on'),
        validUntil: col.date('valid_until', true),
        status: col.text('status', STATUS_LENGTH),
        revokedOn: col.date('revoked_on', true),
        revokeReason: col.text('revoke_reason', 255, true),
        ...extra.certificate,
        createdAt: col.time('created_at'),
        updatedAt: col.time('updated_at'),
      },
      indices: [
        { name: 'uq_certificate_number', columns: ['certificateNumber'], unique: true },
        { name: 'idx_certificate_person', columns: ['personId'] },
        { name: 'idx_certificate_issued', columns: ['issuedOn'] },
      ],
    },
    changeLog: {
      entity: 'ChangeLog',
      table: 'change_log',
      columns: {
        seq: col.id('seq'),
        entity: col.text('entity', 16),
        entityId: col.text('entity_id', 64),
        personId: col.text('person_id', 32),
        payload: col.longText('payload'),
        createdAt: col.time('created_at'),
      },
    },
  };
}
