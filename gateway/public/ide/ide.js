// GraphQL 开发工具: GraphiQL with two panels of our own, 示例操作 (saved examples per user group,
// from examples/operations/) and 令牌 (the Bearer token every query carries).
/* global React, ReactDOM, GraphiQL -- the vendor bundles index.html loads before this script */
'use strict';

const TOKEN_KEY = 'hub.ide.token';
const h = React.createElement;
const { useEditorContext, useSchemaContext } = GraphiQL.React;

const roleLabels = {
  COUNTY_ADMIN: '县级管理员',
  DEPARTMENT_STAFF: '部门工作人员',
  ANALYST: '数据分析人员',
  DASHBOARD: '看板',
  SERVICE: '系统服务',
};
const departments = [
  ['hrss', '人社局'],
  ['education', '教育局'],
  ['agriculture', '农业农村局'],
  ['veterans', '退役军人事务局'],
  ['civil-affairs', '民政局'],
  ['finance', '财政局'],
];

/** The token's claims, for display only: the gateway is what verifies it. */
function claims(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

function describeToken(token) {
  const c = token && claims(token);
  if (!c) return token ? '无法解析的令牌' : '（无令牌）';
  const expires = c.exp ? new Date(c.exp * 1000).toLocaleString('zh-CN', { hour12: false }) : '—';
  return `角色 ${roleLabels[c.role] ?? c.role}${c.department ? ` · ${c.department}` : ''}\n主体 ${c.sub}\n到期 ${expires}`;
}

async function fetchDevToken(role, department) {
  const query = new URLSearchParams({ role });
  if (department) query.set('department', department);
  const response = await fetch(`/ide/token?${query}`, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  localStorage.setItem(TOKEN_KEY, body.token);
  return body.token;
}

/** Adds the stored token unless the headers editor sets its own Authorization; no token, no request. */
async function fetcher(params, options) {
  const headers = { 'content-type': 'application/json', ...(options?.headers ?? {}) };
  const token = localStorage.getItem(TOKEN_KEY);
  const hasOwn = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
  if (!hasOwn && !token) return { errors: [{ message: '请先在左侧“令牌”面板粘贴令牌或获取开发令牌 (no token yet)' }] };
  if (!hasOwn) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return body.errors || body.data ? body : { errors: [{ message: body.error ?? text }] };
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
}

function ExamplesPanel({ examples, devTokens }) {
  const editors = useEditorContext({ nonNull: true });
  const schema = useSchemaContext({ nonNull: true });
  const [active, setActive] = React.useState(null);
  const [switchToken, setSwitchToken] = React.useState(devTokens);
  const [message, setMessage] = React.useState('');
  const groups = [...new Set(examples.map((e) => e.groupLabel))];

  async function open(example) {
    editors.queryEditor?.setValue(example.query);
    editors.variableEditor?.setValue(example.variables ? JSON.stringify(example.variables, null, 2) : '');
    setActive(example.file);
    setMessage(`需要角色：${roleLabels[example.role]}${example.department ? `（${example.department}）` : ''}`);
    if (switchToken) {
      const current = claims(localStorage.getItem(TOKEN_KEY) ?? '');
      if (current?.role !== example.role || (example.department && current.department !== example.department)) {
        try {
          await fetchDevToken(example.role, example.department);
          setMessage(`已切换为${roleLabels[example.role]}开发令牌`);
          schema.introspect?.();
        } catch (error) {
          setMessage(`无法获取开发令牌：${error.message}`);
        }
      }
    }
  }

  return h(
    'div',
    { className: 'hub-panel' },
    h('div', { className: 'graphiql-doc-explorer-title' }, '示例操作'),
    h('p', null, '按用户群分组的常用查询与变更（examples/operations/）。点击载入编辑器，再按 ▶ 执行。'),
    devTokens &&
      h(
        'label',
        { className: 'row' },
        h('input', { type: 'checkbox', checked: switchToken, onChange: (e) => setSwitchToken(e.target.checked) }),
        '自动切换到所需角色的开发令牌',
      ),
    message && h('p', { role: 'status' }, message),
    ...groups.map((group) =>
      h(
        'section',
        { key: group },
        h('h3', null, group),
        h(
          'ul',
          null,
          examples
            .filter((e) => e.groupLabel === group)
            .map((e) =>
              h(
                'li',
                { key: e.file },
                h(
                  'button',
                  { type: 'button', className: active === e.file ? 'active' : '', onClick: () => void open(e), 'data-example': e.file },
                  e.title,
                  h('small', null, `${e.file} · ${roleLabels[e.role]}`),
                ),
              ),
            ),
        ),
      ),
    ),
  );
}

function TokenPanel({ devTokens }) {
  const schema = useSchemaContext({ nonNull: true });
  const [token, setToken] = React.useState(localStorage.getItem(TOKEN_KEY) ?? '');
  const [department, setDepartment] = React.useState('education');
  const [error, setError] = React.useState('');
  const changed = (value) => {
    setToken(value);
    setError('');
    schema.introspect?.();
  };
  const save = () => {
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
    changed(value);
  };
  const mint = (role, dept) => fetchDevToken(role, dept).then(changed, (e) => setError(e.message));
  return h(
    'div',
    { className: 'hub-panel' },
    h('div', { className: 'graphiql-doc-explorer-title' }, '令牌'),
    h('p', null, '每个请求都带上此令牌（Authorization: Bearer …）。也可在下方“请求头”编辑器中自行设置。'),
    h('textarea', {
      rows: 6,
      value: token,
      spellCheck: false,
      placeholder: '粘贴令牌：npm run token -- --role analyst',
      onChange: (e) => setToken(e.target.value),
    }),
    h(
      'div',
      { className: 'row' },
      h('button', { type: 'button', onClick: save }, '保存'),
      h(
        'button',
        {
          type: 'button',
          onClick: () => {
            setToken('');
            localStorage.removeItem(TOKEN_KEY);
            changed('');
          },
        },
        '清除',
      ),
    ),
    h('p', { className: 'token-info' }, describeToken(localStorage.getItem(TOKEN_KEY))),
    error && h('p', { className: 'error' }, error),
    devTokens && h('h3', null, '开发令牌（仅开发环境，本机请求）'),
    devTokens &&
      h(
        'div',
        { className: 'row' },
        h('button', { type: 'button', onClick: () => mint('COUNTY_ADMIN') }, '县级管理员'),
        h('button', { type: 'button', onClick: () => mint('ANALYST') }, '数据分析人员'),
        h('button', { type: 'button', onClick: () => mint('DASHBOARD') }, '看板'),
      ),
    devTokens &&
      h(
        'div',
        { className: 'row' },
        h(
          'select',
          { value: department, onChange: (e) => setDepartment(e.target.value), 'aria-label': '部门' },
          departments.map(([slug, label]) => h('option', { key: slug, value: slug }, label)),
        ),
        h('button', { type: 'button', onClick: () => mint('DEPARTMENT_STAFF', department) }, '部门工作人员'),
      ),
  );
}

const icon = (path) => () =>
  h('svg', { viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 1.6 }, h('path', { d: path }));

async function main() {
  const { examples, devTokens } = await (await fetch('/ide/examples.json', { cache: 'no-cache' })).json();
  if (devTokens && !localStorage.getItem(TOKEN_KEY)) await fetchDevToken('ANALYST');
  const first = examples[0];
  const plugins = [
    { title: '示例操作', icon: icon('M4 5h16M4 12h16M4 19h10'), content: () => h(ExamplesPanel, { examples, devTokens }) },
    {
      title: '令牌',
      icon: icon('M15 7a4 4 0 1 1-3.9 4.9L4 19v-3h3v-3h3l1.1-1.1A4 4 0 0 1 15 7z'),
      content: () => h(TokenPanel, { devTokens }),
    },
  ];
  const root = ReactDOM.createRoot(document.getElementById('ide'));
  root.render(
    h(
      GraphiQL,
      {
        fetcher,
        plugins,
        visiblePlugin: plugins[0],
        defaultQuery: first ? first.query : '# 在此编写查询\n{ countyProgress { asOf certificateHolders { value target ratio } } }\n',
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: false,
      },
      h(GraphiQL.Logo, null, '濮阳县技能数据枢纽'),
    ),
  );
}

main().catch((error) => {
  document.getElementById('ide').textContent = `开发工具加载失败：${error.message}`;
});
