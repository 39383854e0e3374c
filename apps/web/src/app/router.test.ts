import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each screen's Chinese messages load with it (router.tsx `lazyPage(…, features)`, i18n.ts): a screen that used a
// feature's keys without naming the feature would show the keys themselves. These checks read the sources: every
// key `'<feature>.…'` in a screen's modules (static and lazy imports, followed through the app's own files) must
// be of a feature it names, or of one the entry bundles.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FEATURES = readdirSync(join(SRC, 'locales', 'zh-CN'))
  .map((file) => file.replace(/\.json$/, ''))
  .filter((name) => name !== 'translation');
/** Bundled in the entry (i18n.ts): the header's link to the events. */
const ENTRY_FEATURES = ['events'];
const KEY = new RegExp(`['\`"](${FEATURES.join('|')})\\.[a-zA-Z]`, 'g');

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate)) ?? null;
}

function featuresUsed(file: string, { lazy }: { lazy: boolean }): string[] {
  const seen = new Set<string>();
  const used = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || path.endsWith(join('gql', 'graphql.ts'))) return;
    seen.add(path);
    const code = readFileSync(path, 'utf8');
    for (const match of code.matchAll(KEY)) used.add(match[1]);
    const imports = lazy ? /(?:from\s*|import\s*\(?\s*)'(\.[^']+)'/g : /(?:from\s*|import\s+)'(\.[^']+)'/g;
    for (const match of code.matchAll(imports)) {
      const target = resolveImport(path, match[1]);
      if (target) visit(target);
    }
  };
  visit(file);
  return [...used].sort();
}

/** `const X = lazyPage(() => import('…'), ['feature', …]);` in router.tsx. */
function pages(): Array<{ name: string; file: string; features: string[] }> {
  const router = join(SRC, 'app', 'router.tsx');
  const code = readFileSync(router, 'utf8');
  return [...code.matchAll(/const (\w+) = lazyPage\(([\s\S]*?)\);\n/g)].map(([, name, body]) => {
    const file = resolveImport(router, /import\('([^']+)'\)/.exec(body)![1])!;
    const list = /,\s*\[([^\]]*)\]\s*,?\s*$/.exec(body)?.[1] ?? '';
    return { name, file, features: [...list.matchAll(/'(\w+)'/g)].map((match) => match[1]) };
  });
}

describe("each screen's Chinese messages", () => {
  it('every feature file holds only its own keys (the checks below find a key by its feature prefix)', () => {
    for (const language of ['zh-CN', 'en']) {
      for (const feature of FEATURES) {
        const messages = JSON.parse(readFileSync(join(SRC, 'locales', language, `${feature}.json`), 'utf8')) as Record<
          string,
          unknown
        >;
        expect([language, feature, Object.keys(messages)]).toEqual([language, feature, [feature]]);
      }
    }
  });

  it('every lazily loaded screen names the features whose messages it uses', () => {
    const found = pages();
    expect(found.length).toBeGreaterThan(40);
    const missing = found.flatMap(({ name, file, features }) =>
      featuresUsed(file, { lazy: true })
        .filter((feature) => !features.includes(feature) && !ENTRY_FEATURES.includes(feature))
        .map((feature) => `${name}: ${feature}`),
    );
    expect(missing).toEqual([]);
  });

  it('the signed-in menu loads the notifications’ messages with it', () => {
    const layout = readFileSync(join(SRC, 'app', 'AppLayout.tsx'), 'utf8');
    const declaration = /const SignedInMenu = lazy\(([\s\S]*?)\);\n/.exec(layout)![1];
    const named = [...(/loadFeatureMessages\(\[([^\]]*)\]\)/.exec(declaration)?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
      (match) => match[1],
    );
    const used = featuresUsed(join(SRC, 'app', 'SignedInMenu.tsx'), { lazy: true });
    expect(used).toContain('notifications');
    expect(used.filter((feature) => !named.includes(feature) && !ENTRY_FEATURES.includes(feature))).toEqual([]);
  });

  it('the entry (without its lazy screens) uses only the messages it bundles', () => {
    const used = featuresUsed(join(SRC, 'main.tsx'), { lazy: false });
    expect(used.filter((feature) => !ENTRY_FEATURES.includes(feature))).toEqual([]);
  });
});
