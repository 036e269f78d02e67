// 调度台账的数据接口 the ledger page's only contact with the graph. Everything the page shows comes through
// fetchLedger(), normalized to one model, so a change of the ledger API is adapted here and nowhere else.
//
// Two shapes are understood:
//  - the period API: progressLedger(period: "2025-H1") with per-row pace and lagging, per-department targets,
//    and township targets on countyProgress.byTownship;
//  - the year/quarter API: progressLedger(year: 2025) with months and quarters; the page then picks the
//    period's row itself and computes pace as ratio ÷ share of the year elapsed (the same definition).
// The first is tried first; a validation error (unknown argument or field) switches to the second for good.

/** 2025-M06, 2025-Q2, 2025-H1 or 2025 → its kind, year, index, first and last day. */
export function parsePeriod(text) {
  const m = /^(\d{4})(?:-(M|Q|H)(\d{1,2}))?$/.exec(
    String(text ?? '')
      .trim()
      .toUpperCase(),
  );
  if (!m) return null;
  const year = Number(m[1]);
  const kind = m[2] ?? 'Y';
  const index = m[3] ? Number(m[3]) : 0;
  const limits = { Y: 0, M: 12, Q: 4, H: 2 };
  if (year < 2000 || year > 2100 || (kind !== 'Y' && (index < 1 || index > limits[kind]))) return null;
  const months = { Y: [1, 12], M: [index, index], Q: [index * 3 - 2, index * 3], H: [index * 6 - 5, index * 6] }[kind];
  const last = new Date(Date.UTC(year, months[1], 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, '0');
  const code = kind === 'Y' ? String(year) : `${year}-${kind}${kind === 'M' ? pad(index) : index}`;
  const label = {
    Y: `${year}年全年`,
    M: `${year}年${index}月`,
    Q: `${year}年第${'一二三四'[index - 1]}季度`,
    H: `${year}年${index === 1 ? '上' : '下'}半年`,
  }[kind];
  return { code, kind, year, index, from: `${year}-${pad(months[0])}-01`, to: `${year}-${pad(months[1])}-${pad(last)}`, label };
}

/** Share of the year elapsed on a date (1 January counts one day), the yardstick of pace. */
export function elapsedShare(date, year) {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const [y, m, d] = date.split('-').map(Number);
  const day = (Date.UTC(y, m - 1, d) - start) / 86_400_000 + 1;
  return Math.min(1, Math.max(0, day / days));
}

const ROW_FIELDS =
  'period from to trained certified certifiedSeniorOrAbove cumulativeTrained cumulativeCertified cumulativeCertifiedSeniorOrAbove trainedRatio certifiedRatio certifiedSeniorOrAboveRatio';
const PACE_FIELDS = 'elapsedShare trainedPace certifiedPace certifiedSeniorOrAbovePace lagging';
const COUNT_FIELDS = 'key label value yearToDate annualTarget ratio';

const PERIOD_QUERY = `query DashboardLedgerPeriod($period: String!, $asOf: Date) {
  progressLedger(period: $period) {
    period periodLabel from to asOf elapsedShare
    channels { channel key label targets { trained certified certifiedSeniorOrAbove }
      total { ${ROW_FIELDS} ${PACE_FIELDS} }
      byDepartment { department label targets { trained certified certifiedSeniorOrAbove } total { ${ROW_FIELDS} ${PACE_FIELDS} } } }
    departments { department label targets { trained certified certifiedSeniorOrAbove } total { ${ROW_FIELDS} ${PACE_FIELDS} } }
    apprentices { ${COUNT_FIELDS} pace lagging } directedTraining { ${COUNT_FIELDS} pace lagging }
    certifiedEmployment { ${COUNT_FIELDS} pace lagging } newUrbanJobs { ${COUNT_FIELDS} pace lagging }
  }
  countyProgress(asOf: $asOf) { asOf byTownship { key label holders target ratio } }
}`;

const YEAR_QUERY = `query DashboardLedgerYear($year: Int!, $asOf: Date) {
  progressLedger(year: $year) {
    year from to
    channels { channel key label targets { trained certified certifiedSeniorOrAbove }
      total { ${ROW_FIELDS} } months { ${ROW_FIELDS} } quarters { ${ROW_FIELDS} }
      byDepartment { department label total { ${ROW_FIELDS} } months { ${ROW_FIELDS} } quarters { ${ROW_FIELDS} } } }
    apprentices { ${COUNT_FIELDS} months { month value } } directedTraining { ${COUNT_FIELDS} months { month value } }
    certifiedEmployment { ${COUNT_FIELDS} months { month value } } newUrbanJobs { ${COUNT_FIELDS} months { month value } }
  }
  countyProgress(asOf: $asOf) { asOf byTownship { key label holders } }
}`;

let shape = 'period';

const isValidationError = (body) => body.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');

/** The measures of the ledger, in the order the page and the workbook show them. */
export const MEASURES = [
  { key: 'trained', label: '培训人次', value: 'trained', ytd: 'cumulativeTrained', ratio: 'trainedRatio', pace: 'trainedPace' },
  { key: 'certified', label: '取证人数', value: 'certified', ytd: 'cumulativeCertified', ratio: 'certifiedRatio', pace: 'certifiedPace' },
  {
    key: 'certifiedSeniorOrAbove',
    label: '其中高级工及以上',
    value: 'certifiedSeniorOrAbove',
    ytd: 'cumulativeCertifiedSeniorOrAbove',
    ratio: 'certifiedSeniorOrAboveRatio',
    pace: 'certifiedSeniorOrAbovePace',
  },
];

function measures(row, targets, share) {
  const out = {};
  let lagging = false;
  for (const m of MEASURES) {
    const target = targets?.[m.key] ?? null;
    const ratio = row[m.ratio] ?? (target ? row[m.ytd] / target : null);
    const pace = row[m.pace] ?? (ratio === null || !share ? null : ratio / share);
    if (pace !== null && pace < 1) lagging = true;
    out[m.key] = { value: row[m.value], yearToDate: row[m.ytd], target, ratio, pace };
  }
  return { measures: out, lagging: row.lagging ?? lagging };
}

function count(c, share) {
  const pace = c.pace ?? (c.annualTarget && c.ratio !== null && share ? c.ratio / share : null);
  return {
    key: c.key,
    label: c.label,
    value: c.value,
    yearToDate: c.yearToDate,
    target: c.annualTarget,
    ratio: c.annualTarget ? c.ratio : null,
    pace,
    lagging: c.lagging ?? (pace !== null && pace < 1),
  };
}

/** The period's row of a year ledger part (months, quarters, total); a half year is the year to its last month. */
function pick(part, period) {
  if (period.kind === 'Y') return part.total;
  if (period.kind === 'Q') return part.quarters[period.index - 1];
  const month = part.months[(period.kind === 'M' ? period.index : period.index * 6) - 1];
  if (period.kind === 'M') return month;
  if (period.index === 1)
    return {
      ...month,
      trained: month.cumulativeTrained,
      certified: month.cumulativeCertified,
      certifiedSeniorOrAbove: month.cumulativeCertifiedSeniorOrAbove,
    };
  // 下半年: its own distinct persons are not in the year/quarter API; only person-times and the year to date are.
  const h1 = part.months[5];
  return { ...month, trained: month.cumulativeTrained - h1.cumulativeTrained, certified: null, certifiedSeniorOrAbove: null };
}

/**
 * The ledger of a period as the page shows it: `asOf` the last day counted, `elapsedShare` the share of the year
 * elapsed then, channel, department and township rows with value, year to date, target, ratio, pace and lagging.
 * `post(body)` sends one GraphQL request and returns the parsed answer.
 */
export async function fetchLedger(periodText, today, post) {
  const period = parsePeriod(periodText);
  if (!period) throw new Error(`期间“${periodText}”无效：请用 2025-M06、2025-Q2、2025-H1 或 2025`);
  const asOf = period.to < today ? period.to : today;
  if (shape === 'period') {
    const body = await post({ operationName: 'DashboardLedgerPeriod', query: PERIOD_QUERY, variables: { period: period.code, asOf } });
    if (!isValidationError(body)) return fromPeriodApi(body, period);
    shape = 'year';
  }
  const body = await post({ operationName: 'DashboardLedgerYear', query: YEAR_QUERY, variables: { year: period.year, asOf } });
  return fromYearApi(body, period, asOf);
}

function requireData(body) {
  if (!body.data?.progressLedger) throw new Error(body.errors?.map((e) => e.message).join('；') || '没有数据');
  return body.data;
}

function fromPeriodApi(body, period) {
  const data = requireData(body);
  const l = data.progressLedger;
  const share = l.elapsedShare;
  return {
    period: { ...period, label: l.periodLabel ?? period.label },
    asOf: l.asOf,
    elapsedShare: share,
    source: 'period',
    channels: l.channels.map((c) => ({ id: c.channel, label: c.label, ...measures(c.total, c.targets, share) })),
    departments: [
      ...l.departments.map((d) => ({ id: d.department, label: d.label, channel: null, ...measures(d.total, d.targets, share) })),
      ...l.channels.flatMap((c) =>
        c.byDepartment.map((d) => ({
          id: `${d.department}:${c.channel}`,
          label: `${d.label}·${c.label}`,
          channel: c.channel,
          ...measures(d.total, d.targets, share),
        })),
      ),
    ],
    counts: ['apprentices', 'directedTraining', 'certifiedEmployment', 'newUrbanJobs'].map((k) => count(l[k], share)),
    townships: townships(data.countyProgress, share),
    warnings: body.errors ?? [],
  };
}

function fromYearApi(body, period, asOf) {
  const data = requireData(body);
  const l = data.progressLedger;
  const share = elapsedShare(asOf, period.year);
  return {
    period,
    asOf,
    elapsedShare: share,
    source: 'year',
    channels: l.channels.map((c) => ({ id: c.channel, label: c.label, ...measures(pick(c, period), c.targets, share) })),
    // Department × channel rows; the year/quarter API sets no department targets, so they carry no ratio.
    departments: l.channels.flatMap((c) =>
      c.byDepartment.map((d) => ({
        id: `${d.department}:${c.channel}`,
        label: `${d.label}·${c.label}`,
        channel: c.channel,
        ...measures(pick(d, period), null, share),
      })),
    ),
    counts: ['apprentices', 'directedTraining', 'certifiedEmployment', 'newUrbanJobs'].map((k) => {
      const c = l[k];
      const inPeriod = c.months
        .filter((m) => m.month >= period.from.slice(0, 7) && m.month <= period.to.slice(0, 7))
        .reduce((s, m) => s + m.value, 0);
      const toDate = c.months.filter((m) => m.month <= period.to.slice(0, 7)).reduce((s, m) => s + m.value, 0);
      const ratio = c.annualTarget ? toDate / c.annualTarget : null;
      return count({ ...c, value: inPeriod, yearToDate: toDate, ratio }, share);
    }),
    townships: townships(data.countyProgress, share),
    warnings: body.errors ?? [],
  };
}

function townships(progress, share) {
  return (progress?.byTownship ?? []).map((t) => {
    const ratio = t.ratio ?? null;
    const pace = ratio === null || !share ? null : ratio / share;
    return { id: t.key, label: t.label, holders: t.holders, target: t.target ?? null, ratio, pace, lagging: pace !== null && pace < 1 };
  });
}

/** The 调度 workbook of a period through the gateway (county administrator; department staff for their own). */
export function workbookUrl(periodCode, department) {
  const query = new URLSearchParams({ period: periodCode });
  if (department) query.set('department', department);
  return `/county/reports/ledger?${query}`;
}
