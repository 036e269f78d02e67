// 全县持证进度看板: every figure, target and label comes from the graph (POST /graphql).
import { escapeHtml, monthChart, numberFormat, stackedBars } from './charts.js';

const TOKEN_KEY = 'hub.dashboard.token';
const $ = (id) => document.getElementById(id);
const headlineKeys = ['certificateHolders', 'skilledTalents', 'midHighSkilledTalents', 'trainingPersonTimes', 'newlyCertified'];
/** Counted over the plan period, so elapsed time is a fair yardstick for them. */
const periodKeys = new Set(['trainingPersonTimes', 'newlyCertified']);

let config;
let session; // { token, expiresAt } from /dashboard/session
let lastData;
let refreshTimer;

class AuthError extends Error {}

const percent = (ratio) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`);
const count = (n) => (n === null || n === undefined ? '—' : numberFormat.format(n));

function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function setStatus(text, kind = 'info') {
  const el = $('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

// ---- tokens: a pasted token wins; else a public dashboard session when the gateway offers one ----

async function token({ renew = false } = {}) {
  const pasted = localStorage.getItem(TOKEN_KEY);
  if (pasted) return { token: pasted, source: '已粘贴的令牌' };
  if (!config.publicSession) throw new AuthError('本看板需要令牌：请粘贴看板令牌（npm run token -- --role dashboard）');
  if (renew || !session || Date.parse(session.expiresAt) - Date.now() < 60_000) {
    const response = await fetch('/dashboard/session', { cache: 'no-store' });
    if (!response.ok) throw new AuthError(`无法获取看板会话（HTTP ${response.status}），请粘贴令牌`);
    session = await response.json();
  }
  return { token: session.token, source: '公开看板会话（看板角色，仅汇总数据）' };
}

// ---- automatic persisted query: the hash first, the full text only when the gateway asks for it ----

async function post(body, bearer) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  if (response.status === 401) throw new AuthError('令牌无效或已过期');
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`网关返回了无法解析的应答（HTTP ${response.status}）：${text.slice(0, 120)}`);
  }
}

async function persistedQuery(variables, bearer) {
  const { operationName, sha256Hash, query } = config.operation;
  const request = { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } };
  let body = await post(request, bearer);
  if (body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) body = await post({ ...request, query }, bearer);
  return body;
}

async function fetchProgress(asOf) {
  let auth = await token();
  let body;
  try {
    body = await persistedQuery({ asOf }, auth.token);
  } catch (error) {
    if (!(error instanceof AuthError) || localStorage.getItem(TOKEN_KEY) || !config.publicSession) throw error;
    auth = await token({ renew: true });
    body = await persistedQuery({ asOf }, auth.token);
  }
  if (!body.data?.countyProgress) throw new Error(body.errors?.map((e) => e.message).join('；') || '没有数据');
  return { progress: body.data.countyProgress, warnings: body.errors ?? [], source: auth.source };
}

// ---- rendering ----

// Dashboard figures come perturbed by the cell-key method (never 1–4), so no group is hidden; a row that a
// client of the older API marks suppressed still shows as such.
function suppressedCell(row, field) {
  if (!row.suppressed) return `<td class="num" data-field="${field}">${count(row[field])}</td>`;
  return `<td class="num suppressed" data-field="${field}" title="人数过少的分组不予显示（保护个人信息）">—</td>`;
}

function renderGoals(p) {
  const start = Date.parse(p.periodFrom);
  const elapsed = Math.min(1, Math.max(0, (Date.parse(p.asOf) - start) / (Date.parse(p.periodTo) - start)));
  $('goals').innerHTML = headlineKeys
    .map((key) => {
      const f = p[key];
      const width = Math.min(100, (f.ratio ?? 0) * 100);
      const marker = periodKeys.has(key)
        ? `<i class="time-marker" style="left:${(elapsed * 100).toFixed(1)}%" title="时间进度 ${percent(elapsed)}"></i>`
        : '';
      const note = periodKeys.has(key) ? `时间进度 ${percent(elapsed)}` : '2025 年目标';
      return `<article class="goal" data-key="${key}" data-value="${f.value}" data-target="${f.target ?? ''}">
        <h3>${escapeHtml(f.label)}</h3>
        <p class="goal-value"><b data-field="value">${count(f.value)}</b><span> / <span data-field="target">${count(f.target)}</span> 人</span></p>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${width.toFixed(1)}"><i style="width:${width}%"></i>${marker}</div>
        <p class="goal-foot"><span class="ratio" data-field="ratio">完成 ${percent(f.ratio)}</span><span>${note}</span></p>
      </article>`;
    })
    .join('');
}

function renderShares(p) {
  const items = [
    [p.highSkilledTalents.label, `${count(p.highSkilledTalents.value)} 人`],
    [p.newHighSkilled.label, `${count(p.newHighSkilled.value)} / ${count(p.newHighSkilled.target)}（${percent(p.newHighSkilled.ratio)}）`],
    ['从业人员数', `${count(p.employedPopulation)} 人`],
    ...[p.holderShareOfEmployed, p.skilledShareOfEmployed, p.midHighShareOfSkilled].map((s) => [
      s.label,
      `${percent(s.value)}（目标 ${percent(s.target)}）`,
    ]),
  ];
  $('shares').innerHTML = items.map(([label, value]) => `<div><span>${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`).join('');
}

function renderDepartments(p) {
  const rows = p.byDepartment;
  const sum = rows.reduce((s, r) => s + r.holders, 0);
  stackedBars(
    $('departmentChart'),
    rows.map((r) => ({ label: r.label, values: { exclusive: r.exclusive, overlap: r.overlap } })),
    [
      { key: 'exclusive', label: '仅本部门', color: '#3fa7ff' },
      { key: 'overlap', label: '与其他部门重叠', color: '#f6bd16' },
    ],
    '各部门持证人数：仅本部门与重叠',
  );
  $('departmentTable').innerHTML =
    `<thead><tr><th>部门</th><th class="num">持证人数</th><th class="num">重叠</th><th class="num">仅本部门</th><th class="num">证书数</th></tr></thead>
    <tbody>${rows
      .map(
        (
          r,
        ) => `<tr data-department="${r.department}"><td>${escapeHtml(r.label)}</td><td class="num" data-field="holders">${count(r.holders)}</td>
        <td class="num" data-field="overlap">${count(r.overlap)}</td><td class="num" data-field="exclusive">${count(r.exclusive)}</td><td class="num" data-field="certificates">${count(r.certificates)}</td></tr>`,
      )
      .join('')}</tbody>`;
  const distinct = p.certificateHolders.value;
  $('departmentNote').textContent =
    `各部门持证人数相加 ${count(sum)}，按人去重后全县 ${count(distinct)} 人：同一人在多个部门持证只计一次（重复计入 ${count(sum - distinct)} 人次）。`;
}

function renderTownships(p) {
  const rows = [...p.byTownship].sort((a, b) => (b.holders ?? -1) - (a.holders ?? -1));
  const max = Math.max(1, ...rows.map((r) => r.holders ?? 0));
  $('townshipTable').innerHTML =
    `<thead><tr><th>乡镇</th><th class="num">持证人数</th><th class="num">证书数</th><th class="bar-col"></th></tr></thead>
    <tbody>${rows
      .map(
        (
          r,
        ) => `<tr data-township="${escapeHtml(r.key ?? '')}"><td>${escapeHtml(r.label)}</td>${suppressedCell(r, 'holders')}${suppressedCell(r, 'certificates')}
        <td class="bar-col"><i class="inline-bar" style="width:${(((r.holders ?? 0) / max) * 100).toFixed(1)}%"></i></td></tr>`,
      )
      .join('')}</tbody>`;
}

function renderMonths(p) {
  const m = p.byMonth;
  monthChart(
    $('monthChart'),
    m.map((r) => r.month),
    [
      { key: 'certificatesIssued', label: '当月发证数', color: '#3fa7ff', kind: 'bar', values: m.map((r) => r.certificatesIssued) },
      { key: 'newHolders', label: '当月新增持证人数', color: '#f6bd16', kind: 'line', values: m.map((r) => r.newHolders) },
      { key: 'trainingsStarted', label: '当月培训人次', color: '#36cfc9', kind: 'line', values: m.map((r) => r.trainingsStarted) },
    ],
    '月度趋势：发证数、新增持证人数、培训人次',
  );
}

function lagText(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} 小时`;
  return `${(seconds / 86400).toFixed(1)} 天`;
}

function freshness(row) {
  if (!row.included || row.lastError) return ['bad', row.included ? '同步出错' : '未计入'];
  if ((row.lagSeconds ?? 0) > 3600 || row.pendingChanges > 0) return ['stale', '有延迟'];
  return ['ok', '正常'];
}

function renderFreshness(p) {
  $('freshnessTable').innerHTML =
    `<thead><tr><th>部门</th><th>状态</th><th>最近同步</th><th class="num">滞后</th><th class="num">待同步</th></tr></thead>
    <tbody>${p.completeness
      .map((r) => {
        const [kind, text] = freshness(r);
        const at = r.lastSyncedAt ? new Date(r.lastSyncedAt).toLocaleString('zh-CN', { hour12: false }) : '从未同步';
        const title = r.lastError ? ` title="${escapeHtml(r.lastError)}"` : '';
        return `<tr data-department="${r.department}" data-included="${r.included}"><td>${escapeHtml(r.label)}</td><td${title}><i class="dot ${kind}"></i>${text}</td>
          <td>${escapeHtml(at)}</td><td class="num">${lagText(r.lagSeconds)}</td><td class="num">${count(r.pendingChanges)}</td></tr>`;
      })
      .join('')}</tbody>`;
}

function renderBreakdown(id, rows) {
  $(id).innerHTML =
    `<thead><tr><th>${id === 'levelTable' ? '等级' : '人才类别'}</th><th class="num">持证人数</th><th class="num">证书数</th></tr></thead>
    <tbody>${rows.map((r) => `<tr><td>${escapeHtml(r.label)}</td>${suppressedCell(r, 'holders')}${suppressedCell(r, 'certificates')}</tr>`).join('')}</tbody>`;
}

function render(result) {
  const p = result.progress;
  document.body.dataset.asOf = p.asOf;
  const asked = $('asOf').value;
  // Restricted callers get the last completed month end (disclosure control): say so when it differs.
  const moved = asked && asked !== p.asOf ? `（所选 ${asked}；公开数据按最近的完整月末发布）` : '';
  $('period').textContent = `规划期 ${p.periodFrom} 至 ${p.periodTo} · 统计日期 ${p.asOf}${moved}`;
  renderGoals(p);
  renderShares(p);
  renderDepartments(p);
  renderTownships(p);
  renderMonths(p);
  renderFreshness(p);
  renderBreakdown('categoryTable', p.byTalentCategory);
  renderBreakdown('levelTable', p.byLevel);
  const updated = new Date().toLocaleTimeString('zh-CN', { hour12: false });
  const warnings = result.warnings.length ? `；部分数据不可用：${result.warnings.map((e) => e.message).join('；')}` : '';
  setStatus(`${updated} 更新 · ${result.source}${warnings}`, warnings ? 'warn' : 'info');
}

async function load() {
  const asOf = $('asOf').value || localToday();
  document.body.dataset.state = 'loading';
  setStatus('正在加载…');
  try {
    lastData = await fetchProgress(asOf);
    render(lastData);
    document.body.dataset.state = 'ready';
  } catch (error) {
    document.body.dataset.state = 'error';
    if (!lastData) $('period').textContent = '尚未加载数据';
    setStatus(`无法加载数据：${error.message}`, 'error');
    if (error instanceof AuthError) openTokenDialog(error.message);
  }
  clearTimeout(refreshTimer);
  if (asOf === localToday()) refreshTimer = setTimeout(load, config.refreshSeconds * 1000);
}

function openTokenDialog(message) {
  $('tokenMessage').textContent = message ?? '';
  $('tokenInput').value = localStorage.getItem(TOKEN_KEY) ?? '';
  if (!$('tokenDialog').open) $('tokenDialog').showModal();
}

function setAsOf(value) {
  $('asOf').value = value;
  const url = new URL(location.href);
  if (value === localToday()) url.searchParams.delete('asOf');
  else url.searchParams.set('asOf', value);
  history.replaceState(null, '', url);
  void load();
}

async function main() {
  config = await (await fetch('/dashboard/config.json', { cache: 'no-cache' })).json();
  $('minCell').textContent = $('minCell2').textContent = String(config.minCellSize);
  const requested = new URL(location.href).searchParams.get('asOf');
  $('asOf').value = requested && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : localToday();
  $('asOf').max = localToday();
  $('asOf').addEventListener('change', () => $('asOf').value && setAsOf($('asOf').value));
  $('today').addEventListener('click', () => setAsOf(localToday()));
  $('refresh').addEventListener('click', () => void load());
  $('tokenButton').addEventListener('click', () => openTokenDialog(config.publicSession ? '可留空以使用公开看板会话。' : ''));
  $('tokenSave').addEventListener('click', () => {
    const value = $('tokenInput')
      .value.trim()
      .replace(/^Bearer\s+/i, '');
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
    $('tokenDialog').close();
    void load();
  });
  $('tokenClear').addEventListener('click', () => {
    localStorage.removeItem(TOKEN_KEY);
    $('tokenDialog').close();
    void load();
  });
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (!lastData) return;
      renderDepartments(lastData.progress);
      renderMonths(lastData.progress);
    }, 150);
  });
  await load();
}

main().catch((error) => {
  document.body.dataset.state = 'error';
  setStatus(`看板初始化失败：${error.message}`, 'error');
});
