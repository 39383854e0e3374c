// npm run bench:dashboard — the bureau dashboard at volume: a fresh test stack (scripts/e2e-stack.ts) with the
// demo data plus 100,000 listings and 20,000 deals written by set-based SQL (scripts/bench-dashboard-seed.ts), then
// (1) each GraphQL operation of the dashboard and the ledger, as the page sends it, timed from Node (p50 / p95 over
// BENCH_QUERY_RUNS after warm-up), for the default range (last twelve months) and for all three years;
// (2) in headless Chromium, the time from the moment every query has answered to the moment every chart has drawn
// (performance marks `bureau-dashboard:data` and `bureau-dashboard:rendered` set by the page), and the JavaScript
// the dashboard loads on demand. Against BENCH_URL if set (a stack you seeded yourself). Prints numbers and their
// ratio to the budget (render < 1 s, p95 < 200 ms); asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright } from 'playwright-core';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(WEB, '..', '..');
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 20);
const PAGE_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const PASSWORD = 'demo-password-2026';

async function chromiumPath() {
  if (process.env.E2E_CHROMIUM) return process.env.E2E_CHROMIUM;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    const path = await sparticuz.executablePath();
    if (path && existsSync(path)) return path;
  } catch {
    // fall through
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium: run `npm ci` at the root (installs @sparticuz/chromium) or `apt-get install -y chromium`.');
}

function startStack() {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/e2e-stack.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, E2E_EXTRA_SEED: 'scripts/bench-dashboard-seed.ts' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const ready = /E2E_READY (\S+)/.exec(output);
      if (ready) resolve({ child, url: ready[1] });
    });
    child.on('exit', (code) => reject(new Error(`The test stack exited (code ${code})`)));
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (values) => percentile(values, 50);

/** The documents of operations.graphql by operation name, as the page sends them. */
function documents() {
  const text = readFileSync(join(WEB, 'src', 'features', 'bureau', 'operations.graphql'), 'utf8');
  return Object.fromEntries(
    text
      .split(/\n(?=query |mutation )/)
      .map((document) => [/^(?:query|mutation) (\w+)/m.exec(document)[1], document.trim()]),
  );
}

/** The page's range arithmetic (dashboard-data.ts): whole days in Asia/Shanghai, the end exclusive. */
function ranges() {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  const day = (date) => date.toISOString().slice(0, 10);
  const tomorrow = day(new Date(shanghai.getTime() + 86_400_000));
  const yearAgo = day(new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 11, 1)));
  const threeYears = day(new Date(Date.UTC(shanghai.getUTCFullYear() - 3, shanghai.getUTCMonth(), 1)));
  const range = (from) => {
    const value = { from: `${from}T00:00:00+08:00`, to: `${tomorrow}T00:00:00+08:00` };
    const length = Date.parse(value.to) - Date.parse(value.from);
    const previousFrom = new Date(Date.parse(value.from) - length + 8 * 3600_000).toISOString().slice(0, 19);
    return { range: value, previous: { from: `${previousFrom}+08:00`, to: value.from } };
  };
  return { 'last 12 months': range(yearAgo), 'three years': range(threeYears) };
}

async function gql(base, token, query, variables) {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  const ms = performance.now() - started;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data, ms };
}

/** A fresh access token (they are short-lived; a slow run outlives one). */
async function login(base) {
  const { data } = await gql(base, null, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { email: 'admin@demo.local', password: PASSWORD },
  });
  return data.login.accessToken;
}

async function benchQueries(base) {
  const docs = documents();
  const operations = [
    ['BureauKpis', (r) => ({ range: r.range, previous: r.previous, industry: null })],
    ['BureauTrend', (r) => ({ range: r.range, industry: null })],
    ['BureauFunnel', (r) => ({ range: r.range, industry: null })],
    ['BureauByIndustry', (r) => ({ range: r.range, industry: null })],
    ['BureauContractTypes', (r) => ({ range: r.range, industry: null })],
    ['BureauLeaderboards', (r) => ({ range: r.range, industry: null })],
    ['BureauLedger', (r) => ({ range: r.range, first: 20, offset: 0 })],
    ['BureauKpis (one industry)', (r) => ({ range: r.range, previous: r.previous, industry: 'ai' })],
  ];
  const rows = [];
  for (const [label, { range, previous }] of Object.entries(ranges())) {
    for (const [name, variables] of operations) {
      const document = docs[name.split(' ')[0]];
      const vars = variables({ range, previous });
      const token = await login(base);
      for (let i = 0; i < 3; i++) await gql(base, token, document, vars);
      const times = [];
      for (let i = 0; i < QUERY_RUNS; i++) times.push((await gql(base, token, document, vars)).ms);
      const row = { range: label, name, p50: median(times), p95: percentile(times, 95) };
      rows.push(row);
      console.log(
        `    ${row.range.padEnd(15)} ${row.name.padEnd(26)} p50 ${row.p50.toFixed(1).padStart(6)} ms   p95 ${row.p95
          .toFixed(1)
          .padStart(6)} ms   (${((row.p95 / 200) * 100).toFixed(0)}% of budget)`,
      );
    }
  }
  const { data } = await gql(base, await login(base), docs.BureauKpis, { ...ranges()['three years'], industry: null });
  return { rows, volume: data.current };
}

async function benchPage(base) {
  const browser = await playwright.launch({ executablePath: await chromiumPath(), args: ARGS });
  const results = [];
  try {
    for (let run = 0; run < PAGE_RUNS; run++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('邮箱').fill('admin@demo.local');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.locator('form').getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/workspace$/);
      await page.waitForLoadState('networkidle');
      const scripts = new Map();
      page.on('response', async (response) => {
        if (response.request().resourceType() !== 'script') return;
        const length = Number((await response.allHeaders())['content-length'] ?? NaN);
        scripts.set(response.url(), Number.isFinite(length) ? length : (await response.body()).length);
      });
      await page.getByRole('link', { name: '科技局数据看板' }).click();
      await page.waitForFunction(() => performance.getEntriesByName('bureau-dashboard:rendered').length > 0, null, {
        timeout: 60_000,
      });
      const marks = await page.evaluate(() => ({
        data: performance.getEntriesByName('bureau-dashboard:data')[0].startTime,
        rendered: performance.getEntriesByName('bureau-dashboard:rendered')[0].startTime,
      }));
      results.push({ render: marks.rendered - marks.data, jsBytes: [...scripts.values()].reduce((a, b) => a + b, 0) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

async function main() {
  if (!process.env.BENCH_URL) {
    const build = spawnSync(process.execPath, [join(WEB, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('Building the web app failed');
  }
  const stack = process.env.BENCH_URL ? null : await startStack();
  const base = process.env.BENCH_URL ?? stack.url;
  try {
    console.log(`Bureau dashboard against ${base}`);
    console.log(`  GraphQL operations, ${QUERY_RUNS} runs each after 3 warm-up runs (budget p95 < 200 ms):`);
    const { volume } = await benchQueries(base);
    console.log(
      `  Volume over three years: ${volume.achievementsListed} listings, ${volume.matches} matches, ${volume.introductions} introductions, ` +
        `${volume.contractsSigned} signed, ${volume.registeredContracts} registered contracts`,
    );
    const page = await benchPage(base);
    const render = median(page.map((r) => r.render));
    console.log(`  In Chromium, ${PAGE_RUNS} visits (last twelve months):`);
    console.log(
      `    data arrived → every chart drawn: median ${render.toFixed(0)} ms, worst ${Math.max(...page.map((r) => r.render)).toFixed(0)} ms ` +
        `(${((render / 1000) * 100).toFixed(0)}% of the 1 s budget)`,
    );
    console.log(`    JavaScript loaded on demand for the dashboard (compressed): ${(median(page.map((r) => r.jsBytes)) / 1024).toFixed(1)} KB`);
  } finally {
    if (stack) {
      stack.child.kill('SIGTERM');
      await new Promise((resolve) => stack.child.once('exit', resolve));
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
