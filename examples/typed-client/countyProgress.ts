/**
 * 打印全县持证进度 the county's headline figures, typed by GraphQL Code Generator:
 *
 *   HUB_TOKEN=$(npm run -s token -- --role dashboard) npx tsx examples/typed-client/countyProgress.ts [--as-of 2025-06-30]
 *
 * HUB_GATEWAY_URL (default http://127.0.0.1:4000/graphql) picks the gateway. Without HUB_TOKEN the
 * script asks the gateway for a public dashboard session, which development gateways offer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CountyHeadlineQuery, CountyHeadlineQueryVariables } from './generated/graphql';

interface GraphQLResponse<TData> {
  data?: TData;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const url = process.env.HUB_GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
const countyHeadline = fs.readFileSync(path.join(__dirname, 'countyHeadline.graphql'), 'utf8');

/** One typed GraphQL request: the operation's data type and variables type come from the generated file. */
async function request<TData, TVariables>(query: string, variables: TVariables, token: string): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status === 401) throw new Error('令牌无效或已过期 (401): set HUB_TOKEN=$(npm run -s token -- --role dashboard)');
  return (await response.json()) as GraphQLResponse<TData>;
}

async function tokenFromEnvOrSession(): Promise<string> {
  if (process.env.HUB_TOKEN) return process.env.HUB_TOKEN.trim();
  const response = await fetch(new URL('/dashboard/session', url));
  if (!response.ok) throw new Error(`没有 HUB_TOKEN，网关也未开放公开看板会话 (HTTP ${response.status})`);
  return ((await response.json()) as { token: string }).token;
}

const count = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN'));
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const pad = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'as-of': { type: 'string' } } });
  const variables: CountyHeadlineQueryVariables = { asOf: values['as-of'] ?? null };
  const result = await request<CountyHeadlineQuery, CountyHeadlineQueryVariables>(countyHeadline, variables, await tokenFromEnvOrSession());
  if (!result.data) throw new Error(result.errors?.map((e) => e.message).join('; ') ?? 'no data');
  const p = result.data.countyProgress;

  console.log(`濮阳县“人人持证、技能河南”持证进度  统计日期 ${p.asOf}（规划期 ${p.periodFrom} 至 ${p.periodTo}）\n`);
  for (const f of [p.certificateHolders, p.skilledTalents, p.midHighSkilledTalents, p.trainingPersonTimes, p.newlyCertified]) {
    console.log(`${pad(f.label, 28)}${count(f.value).padStart(9)} / ${count(f.target).padEnd(9)} 完成 ${percent(f.ratio)}`);
  }
  console.log(`\n${pad('部门贡献', 22)}持证人数    重叠  仅本部门`);
  for (const d of p.byDepartment)
    console.log(`${pad(d.label, 22)}${count(d.holders).padStart(8)}${count(d.overlap).padStart(8)}${count(d.exclusive).padStart(10)}`);
  const missing = p.completeness.filter((c) => !c.included || c.lastError);
  console.log(
    missing.length
      ? `\n数据不完整：${missing.map((c) => `${c.label}${c.lastError ? `（${c.lastError}）` : '（未计入）'}`).join('、')}`
      : `\n${p.completeness.length} 个部门的数据均已计入。`,
  );
  for (const e of result.errors ?? []) console.warn(`警告：${e.message}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
