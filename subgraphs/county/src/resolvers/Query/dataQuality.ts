import { demand, forbidden, may } from '@hub/auth';
import { departments } from '@hub/vocabulary';
import type { CountyContext } from '../../CountyContext';
import type { DataQualityScope } from '../mappers';
import type { QueryDataQualityArgs } from '../../generated/resolvers';

/**
 * Query.dataQuality: the county administrator sees every department (or the one asked for); department
 * staff see their own department's rows only, whatever they ask; everyone else is refused.
 */
export function dataQuality(_: unknown, args: QueryDataQualityArgs, ctx: CountyContext): DataQualityScope {
  const p = ctx.principal;
  if (p.role === 'DEPARTMENT_STAFF') {
    if (args.department && args.department !== p.department)
      throw forbidden(`部门工作人员只能查看本部门的数据质量清单 (may not read another department's data quality)`);
    demand(may.readDataQuality(p, p.department), p, '查看数据质量清单');
    return { department: p.department!, scope: [p.department!] };
  }
  demand(may.readDataQuality(p, args.department ?? undefined), p, '查看数据质量清单');
  return args.department ? { department: args.department, scope: [args.department] } : { department: undefined, scope: departments };
}
