import type { Department } from '@hub/vocabulary';

/**
 * The six roles of the hub. ANALYST and DASHBOARD read aggregates only, under the cell-key method; EMPLOYER (an
 * employer checking an applicant's certificate) may only check a certificate by its number and holder's name. The
 * rules are in authorize.ts (`may`).
 */
export const roles = ['COUNTY_ADMIN', 'DEPARTMENT_STAFF', 'ANALYST', 'DASHBOARD', 'SERVICE', 'EMPLOYER'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  COUNTY_ADMIN: '县级管理员',
  DEPARTMENT_STAFF: '部门工作人员',
  ANALYST: '数据分析人员',
  DASHBOARD: '看板',
  SERVICE: '系统服务',
  EMPLOYER: '用人单位',
};

/** Who is asking: verified at the gateway from a JWT, carried to the subgraphs in a signed header. */
export interface Principal {
  /** The token's subject, e.g. a user name or a service name. */
  subject: string;
  role: Role;
  /** Set for department staff: the one department they work for. */
  department?: Department;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/**
 * A principal as one string, equal exactly when subject, role and department are: the part of a key under which
 * calls or answers may be shared, so that nothing is ever shared across callers who may see different things.
 */
export function principalKey(principal: Principal): string {
  return `${principal.role}\u0000${principal.department ?? ''}\u0000${principal.subject}`;
}
