/** 企业规模 size classes of the statistical standard (国统字〔2017〕213号), largest first. */
export const enterpriseSizeClasses = ['LARGE', 'MEDIUM', 'SMALL', 'MICRO'] as const;
export type EnterpriseSizeClass = (typeof enterpriseSizeClasses)[number];

export const enterpriseSizeLabels: Record<EnterpriseSizeClass, string> = { LARGE: '大型', MEDIUM: '中型', SMALL: '小型', MICRO: '微型' };

/** 中小微企业: the plan's hiring subsidy (plan 7) is paid to these and never to a large enterprise. */
export function isSmallOrMedium(size: EnterpriseSizeClass): boolean {
  return size === 'MEDIUM' || size === 'SMALL' || size === 'MICRO';
}
