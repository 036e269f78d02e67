// 调度台账页 /dashboard/ledger: the period picker, channel, department and township ratios and pace, lagging rows
// marked, and the period's workbook. The graph is reached only through ledgerApi.js.
import { escapeHtml, numberFormat } from './charts.js';
import { fetchLedger, MEASURES, parsePeriod, workbookUrl } from './ledgerApi.js';

/** The same key as the progress dashboard: a token pasted on one page serves the other. */
const TOKEN_KEY = 'hub.dashboard.token';
const FIRST_YEAR = 2022;
const $ = (id) => document.getElementById(id);

let config;
let session;

class AuthError extends Error {}

const count = (n) => (n === null || n === undefined ? '—' : numberFormat.format(n));
const percent = (r) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
const pace = (p) => (p === null || p === undefined ? '—' : p.toFixed(2));

function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function setStatus(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

async function token({ renew = false } = {}) {
  const pasted = localStorage.getItem(TOKEN_KEY);
  if (pasted) return pasted;
  if (!config.publicSession) throw new AuthError('需要令牌：请粘贴县级管理员、部门或看板令牌');
  if (renew || !session || Date.parse(session.expiresAt) - Date.now() < 60_000) {
    const response = await fetch('/dashboard/session', { cache: 'no-store' });
    if (!response.ok) throw new AuthError(`无法获取看板会话（HTTP ${response.status}），请粘贴令牌`);
    session = await response.json();
  }
  return session.token;
}

async function post(body) {
  const send = async (bearer) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    if (response.status === 401) throw new AuthError('令牌无效或已过期');
    return response.json();
  };
  try {
    return await send(await token());
  } catch (error) {
    if (!(error instanceof AuthError) || localStorage.getItem(TOKEN_KEY) || !config.publicSession) throw error;
    return send(await token({ renew: true }));
  }
}

// ---- the period picker ----

function indexOptions(kind) {
  if (kind === 'M') return Array.from({ length: 12 }, (_, i) => [String(i + 1).padStart(2, '0'), `${i + 1}月`]);
  if (kind === 'Q') return [1, 2, 3, 4].map((q) => [String(q), `第${'一二三四'[q - 1]}季度`]);
  if (kind === 'H')
    return [
      ['1', '上半年'],
      ['2', '下半年'],
    ];
  return [];
}

function showPicker(period) {
  const thisYear = Number(localToday().slice(0, 4));
  $('year').innerHTML = Array.from({ length: Math.max(thisYear, period.year) - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i)
    .map((y) => `<option value="${y}"${y === period.year ? ' selected' : ''}>${y}年</option>`)
    .join('');
  $('kind').value = period.kind;
  const options = indexOptions(period.kind);
  $('index').hidden = options.length === 0;
  $('index').innerHTML = options
    .map(([v, l]) => `<option value="${v}"${Number(v) === period.index ? ' selected' : ''}>${l}</option>`)
    .join('');
}

function pickedPeriod() {
  const kind = $('kind').value;
  const year = $('year').value;
  const options = indexOptions(kind);
  if (!options.length) return year;
  const index = options.some(([v]) => v === $('index').value) ? $('index').value : options[0][0];
  return `${year}-${kind}${index}`;
}

function defaultPeriod() {
  const today = localToday();
  return `${today.slice(0, 4)}-M${today.slice(5, 7)}`;
}

// ---- rendering ----

function measureHeader() {
  return MEASURES.map((m) => `<th colspan="5">${escapeHtml(m.label)}</th>`).join('');
}

function measureSubHeader() {
  return MEASURES.map(() => '<th>本期</th><th>年累计</th><th>年度目标</th><th>完成率</th><th>进度比</th>').join('');
}

function measureCells(row) {
  return MEASURES.map((m) => {
    const x = row.measures[m.key];
    const behind = x.pace !== null && x.pace < 1 ? ' behind' : '';
    return `<td class="num" data-field="${m.key}.value">${count(x.value)}</td>
      <td class="num" data-field="${m.key}.yearToDate">${count(x.yearToDate)}</td>
      <td class="num" data-field="${m.key}.target">${count(x.target)}</td>
      <td class="num" data-field="${m.key}.ratio">${percent(x.ratio)}</td>
      <td class="num${behind}" data-field="${m.key}.pace">${pace(x.pace)}</td>`;
  }).join('');
}

function rowsTable(id, rows, firstColumn) {
  $(id).innerHTML = `<thead><tr><th rowspan="2">${firstColumn}</th>${measureHeader()}</tr><tr>${measureSubHeader()}</tr></thead>
    <tbody>${rows
      .map(
        (r) => `<tr data-row="${escapeHtml(r.id)}" data-lagging="${r.lagging}" class="${r.lagging ? 'lagging' : ''}">
        <td>${escapeHtml(r.label)}${r.lagging ? '<i class="lag-mark">滞后</i>' : ''}</td>${measureCells(r)}</tr>`,
      )
      .join('')}</tbody>`;
}

function renderCounts(counts) {
  $('countTable').innerHTML =
    `<thead><tr><th>指标</th><th>本期</th><th>年累计</th><th>年度目标</th><th>完成率</th><th>进度比</th></tr></thead>
    <tbody>${counts
      .map(
        (c) => `<tr data-row="${c.key}" data-lagging="${c.lagging}" class="${c.lagging ? 'lagging' : ''}">
        <td>${escapeHtml(c.label)}${c.lagging ? '<i class="lag-mark">滞后</i>' : ''}</td>
        <td class="num" data-field="value">${count(c.value)}</td><td class="num" data-field="yearToDate">${count(c.yearToDate)}</td>
        <td class="num" data-field="target">${count(c.target)}</td><td class="num" data-field="ratio">${percent(c.ratio)}</td>
        <td class="num${c.lagging ? ' behind' : ''}" data-field="pace">${pace(c.pace)}</td></tr>`,
      )
      .join('')}</tbody>`;
}

function renderTownships(townships) {
  const sorted = [...townships].sort((a, b) => (a.pace ?? Infinity) - (b.pace ?? Infinity) || (b.holders ?? 0) - (a.holders ?? 0));
  $('townshipTable').innerHTML =
    `<thead><tr><th>乡镇（街道）</th><th>持证人数</th><th>年度目标</th><th>完成率</th><th>进度比</th></tr></thead>
    <tbody>${sorted
      .map(
        (t) => `<tr data-row="${escapeHtml(t.id)}" data-lagging="${t.lagging}" class="${t.lagging ? 'lagging' : ''}">
        <td>${escapeHtml(t.label)}${t.lagging ? '<i class="lag-mark">滞后</i>' : ''}</td>
        <td class="num" data-field="holders">${count(t.holders)}</td><td class="num" data-field="target">${t.target === null ? '未设目标' : count(t.target)}</td>
        <td class="num" data-field="ratio">${percent(t.ratio)}</td><td class="num${t.lagging ? ' behind' : ''}" data-field="pace">${pace(t.pace)}</td></tr>`,
      )
      .join('')}</tbody>`;
}

function render(ledger) {
  const lagging = [...ledger.channels, ...ledger.departments, ...ledger.counts, ...ledger.townships].filter((r) => r.lagging).length;
  $('period').textContent =
    `${ledger.period.label}（${ledger.period.from} 至 ${ledger.period.to}），统计截至 ${ledger.asOf}；滞后 ${lagging} 项`;
  $('elapsed').textContent = percent(ledger.elapsedShare);
  document.body.dataset.elapsedShare = String(ledger.elapsedShare);
  rowsTable('channelTable', ledger.channels, '培训渠道');
  rowsTable('departmentTable', ledger.departments, '部门');
  renderCounts(ledger.counts);
  renderTownships(ledger.townships);
  const warnings = ledger.warnings.map((w) => w.message).join('；');
  setStatus(warnings ? `部分数据暂缺：${warnings}` : `已更新 ${new Date().toLocaleTimeString('zh-CN')}`, warnings ? 'warn' : 'info');
}

async function load(periodText) {
  const period = parsePeriod(periodText);
  if (!period) {
    setStatus(`期间“${periodText}”无效：请用 2025-M06、2025-Q2、2025-H1 或 2025`, 'error');
    document.body.dataset.state = 'error';
    return;
  }
  showPicker(period);
  document.body.dataset.state = 'loading';
  setStatus('正在加载…');
  try {
    const ledger = await fetchLedger(period.code, localToday(), post);
    render(ledger);
    document.body.dataset.period = period.code;
    document.body.dataset.state = 'ready';
  } catch (error) {
    document.body.dataset.state = 'error';
    setStatus(error.message, 'error');
    if (error instanceof AuthError) $('tokenDialog').showModal();
  }
}

function choose(periodText) {
  const url = new URL(location.href);
  url.searchParams.set('period', periodText);
  history.replaceState(null, '', url);
  void load(periodText);
}

async function download() {
  const period = parsePeriod(document.body.dataset.period ?? pickedPeriod());
  if (!period) return;
  setStatus('正在生成调度表…');
  try {
    const response = await fetch(workbookUrl(period.code), { headers: { authorization: `Bearer ${await token()}` } });
    if (response.status === 401 || response.status === 403) throw new Error('下载调度表需要县级管理员或部门人员令牌（看板会话只能查看）');
    if (response.status === 404) throw new Error('调度表导出尚未部署在本网关');
    if (!response.ok) throw new Error(`调度表生成失败（HTTP ${response.status}）`);
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `调度表-${period.code}.xlsx`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setStatus(`已下载 ${link.download}`);
  } catch (error) {
    setStatus(error.message, 'error');
  }
}

async function main() {
  config = await (await fetch('/dashboard/config.json', { cache: 'no-cache' })).json();
  for (const id of ['kind', 'year', 'index']) {
    $(id).addEventListener('change', () => {
      if (id === 'kind') showPicker({ ...parsePeriod($('year').value), kind: $('kind').value, index: 1 });
      choose(pickedPeriod());
    });
  }
  $('download').addEventListener('click', () => void download());
  $('tokenButton').addEventListener('click', () => $('tokenDialog').showModal());
  $('tokenSave').addEventListener('click', () => {
    const value = $('tokenInput').value.trim();
    if (value) localStorage.setItem(TOKEN_KEY, value);
    $('tokenDialog').close();
    void load(pickedPeriod());
  });
  $('tokenClear').addEventListener('click', () => {
    localStorage.removeItem(TOKEN_KEY);
    $('tokenInput').value = '';
  });
  await load(new URL(location.href).searchParams.get('period') || defaultPeriod());
}

main().catch((error) => {
  document.body.dataset.state = 'error';
  setStatus(error.message, 'error');
});
