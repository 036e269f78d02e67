import { CertificateGrades1764892800000 } from './CertificateGrades1764892800000';
import { DirectedTrainingKind1765290000000 } from './DirectedTrainingKind1765290000000';
import { MaskIdNumberAddressOnly1764979200000 } from './MaskIdNumberAddressOnly1764979200000';

/** The kit's own migrations of the core tables, run in every department with the department's (TypeORM orders them all by timestamp). */
export const coreMigrations = [CertificateGrades1764892800000, MaskIdNumberAddressOnly1764979200000, DirectedTrainingKind1765290000000];
