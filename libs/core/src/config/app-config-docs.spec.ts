import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configVariableNames } from './app-config';

/** Every validated variable is a row of the README's configuration table, and every row is a real variable. */
describe('README configuration table', () => {
  const declared = configVariableNames();
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  // The section runs to the next second-level heading (other tables of `NAMES` live further down).
  const start = readme.indexOf('## Configuration');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const documented = new Set([...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]));

  it('documents every variable AppConfig validates', () => {
    expect([...declared].filter((name) => !documented.has(name))).toEqual([]);
    expect(declared.size).toBeGreaterThan(15);
  });

  it('documents no variable that does not exist', () => {
    expect([...documented].filter((name) => !declared.has(name))).toEqual([]);
  });
});
