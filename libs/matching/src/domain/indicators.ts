import { analyze, Language } from './text-analysis';

/**
 * Technical indicators with numbers and units (≥ 500 Wh/kg, 0.1 μm, 30 万次, 95%, 10 kV, 12–20 分钟), read from
 * a demand's text and structured indicators and from a listing's text, so that a listing whose stated figure
 * meets the demand's threshold for the same quantity can be rewarded. Pure and deterministic.
 *
 * A figure is {quantity, comparator, value, unit}: the value in the unit's base (kV → V, 万次 → 次, 分钟 → s),
 * so 0.52 kWh/kg and 520 Wh/kg compare. The quantity is the words before the figure in its clause (or after it
 * when nothing precedes), as written. Money is not read (the budget factor has it), nor a bare number.
 */

export type Comparator = '>=' | '>' | '<=' | '<' | '=' | 'range';

export interface Figure {
  /** The quantity's name as written ("能量密度", "inference time"); '' when the text names none. */
  quantity: string;
  comparator: Comparator;
  /** In the base unit; for a range its lower bound. */
  value: number;
  /** For a range: its upper bound, in the base unit. */
  max?: number;
  /** Canonical base unit: 'Wh/kg', 'm', 's', 'V', '%', '次', 'B', 'Pa', '°C' … */
  unit: string;
  /** Number(s) and unit as written ("520 Wh/kg", "12–20分钟"). */
  display: string;
}

interface UnitAtom {
  base: string;
  factor: number;
}

const PREFIXES: Record<string, number> = {
  p: 1e-12,
  n: 1e-9,
  μ: 1e-6,
  u: 1e-6,
  m: 1e-3,
  c: 1e-2,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** Latin base units that take SI prefixes (mm, kV, MPa, mAh, GB, TOPS …). */
const PREFIXABLE: Record<string, string> = {
  m: 'm',
  g: 'g',
  s: 's',
  Pa: 'Pa',
  V: 'V',
  A: 'A',
  W: 'W',
  Wh: 'Wh',
  Ah: 'Ah',
  Hz: 'Hz',
  N: 'N',
  J: 'J',
  Ω: 'Ω',
  B: 'B',
  L: 'L',
  Oe: 'Oe',
  eV: 'eV',
  bps: 'bit/s',
  OPS: 'OPS',
  FLOPS: 'FLOPS',
  lm: 'lm',
  bar: 'bar',
};

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365.25 * DAY;

/** Units without prefixes, Latin (matched at a word boundary) and Chinese. */
const PLAIN: Record<string, UnitAtom> = {
  '%': { base: '%', factor: 1 },
  percent: { base: '%', factor: 1 },
  'per cent': { base: '%', factor: 1 },
  'percentage points': { base: 'pp', factor: 1 },
  'percentage point': { base: 'pp', factor: 1 },
  '‰': { base: '%', factor: 0.1 },
  ppm: { base: 'ppm', factor: 1 },
  ppb: { base: 'ppm', factor: 1e-3 },
  'wt%': { base: 'wt%', factor: 1 },
  'vol%': { base: 'vol%', factor: 1 },
  '°C': { base: '°C', factor: 1 },
  摄氏度: { base: '°C', factor: 1 },
  'dB(A)': { base: 'dB', factor: 1 },
  dBA: { base: 'dB', factor: 1 },
  dB: { base: 'dB', factor: 1 },
  db: { base: 'dB', factor: 1 },
  分贝: { base: 'dB', factor: 1 },
  dBm: { base: 'dBm', factor: 1 },
  rpm: { base: 'rpm', factor: 1 },
  'r/min': { base: 'rpm', factor: 1 },
  '转/分': { base: 'rpm', factor: 1 },
  '转/分钟': { base: 'rpm', factor: 1 },
  min: { base: 's', factor: MINUTE },
  mins: { base: 's', factor: MINUTE },
  minute: { base: 's', factor: MINUTE },
  minutes: { base: 's', factor: MINUTE },
  sec: { base: 's', factor: 1 },
  second: { base: 's', factor: 1 },
  seconds: { base: 's', factor: 1 },
  h: { base: 's', factor: HOUR },
  hr: { base: 's', factor: HOUR },
  hrs: { base: 's', factor: HOUR },
  hour: { base: 's', factor: HOUR },
  hours: { base: 's', factor: HOUR },
  day: { base: 's', factor: DAY },
  days: { base: 's', factor: DAY },
  week: { base: 's', factor: 7 * DAY },
  weeks: { base: 's', factor: 7 * DAY },
  month: { base: 's', factor: YEAR / 12 },
  months: { base: 's', factor: YEAR / 12 },
  year: { base: 's', factor: YEAR },
  years: { base: 's', factor: YEAR },
  cycle: { base: '次', factor: 1 },
  cycles: { base: '次', factor: 1 },
  times: { base: '次', factor: 1 },
  inch: { base: 'm', factor: 0.0254 },
  inches: { base: 'm', factor: 0.0254 },
  nits: { base: 'cd/m2', factor: 1 },
  nit: { base: 'cd/m2', factor: 1 },
  lux: { base: 'lx', factor: 1 },
  lx: { base: 'lx', factor: 1 },
  psi: { base: 'Pa', factor: 6894.757 },
  atm: { base: 'Pa', factor: 101_325 },
  fps: { base: 'fps', factor: 1 },
  dpi: { base: 'dpi', factor: 1 },
  mesh: { base: 'mesh', factor: 1 },
  ohm: { base: 'Ω', factor: 1 },
  ohms: { base: 'Ω', factor: 1 },
  meter: { base: 'm', factor: 1 },
  meters: { base: 'm', factor: 1 },
  metre: { base: 'm', factor: 1 },
  metres: { base: 'm', factor: 1 },
  volts: { base: 'V', factor: 1 },
  watts: { base: 'W', factor: 1 },
  tons: { base: 'g', factor: 1e6 },
  tonnes: { base: 'g', factor: 1e6 },
  t: { base: 'g', factor: 1e6 },
  // Lower-case spellings people type for upper-case units (10kv, 5kw, 3000mah, 25mpa).
  kv: { base: 'V', factor: 1e3 },
  kw: { base: 'W', factor: 1e3 },
  kwh: { base: 'Wh', factor: 1e3 },
  wh: { base: 'Wh', factor: 1 },
  mah: { base: 'Ah', factor: 1e-3 },
  ah: { base: 'Ah', factor: 1 },
  mpa: { base: 'Pa', factor: 1e6 },
  kpa: { base: 'Pa', factor: 1e3 },
  gpa: { base: 'Pa', factor: 1e9 },
  hz: { base: 'Hz', factor: 1 },
  khz: { base: 'Hz', factor: 1e3 },
  mhz: { base: 'Hz', factor: 1e6 },
  ghz: { base: 'Hz', factor: 1e9 },
  kb: { base: 'B', factor: 1e3 },
  mb: { base: 'B', factor: 1e6 },
  gb: { base: 'B', factor: 1e9 },
  tb: { base: 'B', factor: 1e12 },
  tops: { base: 'OPS', factor: 1e12 },
  // Chinese
  米: { base: 'm', factor: 1 },
  毫米: { base: 'm', factor: 1e-3 },
  微米: { base: 'm', factor: 1e-6 },
  纳米: { base: 'm', factor: 1e-9 },
  厘米: { base: 'm', factor: 1e-2 },
  千米: { base: 'm', factor: 1e3 },
  公里: { base: 'm', factor: 1e3 },
  英寸: { base: 'm', factor: 0.0254 },
  克: { base: 'g', factor: 1 },
  毫克: { base: 'g', factor: 1e-3 },
  微克: { base: 'g', factor: 1e-6 },
  千克: { base: 'g', factor: 1e3 },
  公斤: { base: 'g', factor: 1e3 },
  吨: { base: 'g', factor: 1e6 },
  秒: { base: 's', factor: 1 },
  秒钟: { base: 's', factor: 1 },
  毫秒: { base: 's', factor: 1e-3 },
  微秒: { base: 's', factor: 1e-6 },
  纳秒: { base: 's', factor: 1e-9 },
  分钟: { base: 's', factor: MINUTE },
  小时: { base: 's', factor: HOUR },
  个小时: { base: 's', factor: HOUR },
  天: { base: 's', factor: DAY },
  周: { base: 's', factor: 7 * DAY },
  个月: { base: 's', factor: YEAR / 12 },
  年: { base: 's', factor: YEAR },
  伏: { base: 'V', factor: 1 },
  伏特: { base: 'V', factor: 1 },
  毫伏: { base: 'V', factor: 1e-3 },
  千伏: { base: 'V', factor: 1e3 },
  安: { base: 'A', factor: 1 },
  安培: { base: 'A', factor: 1 },
  毫安: { base: 'A', factor: 1e-3 },
  毫安时: { base: 'Ah', factor: 1e-3 },
  安时: { base: 'Ah', factor: 1 },
  瓦: { base: 'W', factor: 1 },
  千瓦: { base: 'W', factor: 1e3 },
  兆瓦: { base: 'W', factor: 1e6 },
  千瓦时: { base: 'Wh', factor: 1e3 },
  瓦时: { base: 'Wh', factor: 1 },
  赫兹: { base: 'Hz', factor: 1 },
  千赫: { base: 'Hz', factor: 1e3 },
  兆赫: { base: 'Hz', factor: 1e6 },
  帕: { base: 'Pa', factor: 1 },
  千帕: { base: 'Pa', factor: 1e3 },
  兆帕: { base: 'Pa', factor: 1e6 },
  牛: { base: 'N', factor: 1 },
  牛顿: { base: 'N', factor: 1 },
  升: { base: 'L', factor: 1 },
  毫升: { base: 'L', factor: 1e-3 },
  平方米: { base: 'm2', factor: 1 },
  立方米: { base: 'm3', factor: 1 },
  次: { base: '次', factor: 1 },
  倍: { base: '倍', factor: 1 },
};

/** Every unit spelling, longest first (so 毫米 wins over 米, mAh over m, min over m). */
const ATOMS: Array<[string, UnitAtom]> = (() => {
  const atoms = new Map<string, UnitAtom>();
  for (const [symbol, base] of Object.entries(PREFIXABLE)) {
    atoms.set(symbol, { base, factor: 1 });
    for (const [prefix, factor] of Object.entries(PREFIXES)) {
      // "us" is a word, "cs"/"cg"… are not units anyone writes; micro as 'u' only where it is unambiguous.
      if (prefix === 'u' && !['m', 'g', 'L', 'A', 'V', 'W'].includes(symbol)) continue;
      if (prefix === 'c' && !['m', 'L'].includes(symbol)) continue;
      atoms.set(prefix + symbol, { base, factor });
    }
  }
  atoms.set('TOPS', { base: 'OPS', factor: 1e12 });
  for (const [spelled, atom] of Object.entries(PLAIN)) atoms.set(spelled, atom);
  return [...atoms.entries()].sort((a, b) => b[0].length - a[0].length);
})();

const LATIN_LETTER = /[A-Za-z]/;

/** The unit starting at `pos` (after optional spaces): a single unit, a power (m2, mm³) or a quotient (Wh/kg, W/(m·K)). */
function readUnit(text: string, pos: number): { atom: UnitAtom; end: number; spelled: string } | null {
  let i = pos;
  while (text[i] === ' ') i++;
  const first = readAtom(text, i);
  if (!first) return null;
  let { base, factor } = first.atom;
  let end = first.end;
  // Quotient: "/kg", "/(m·K)", " per kg" (not "per frame": only known units).
  const slash = /^\s*(?:\/|per\s+)\s*/.exec(text.slice(end));
  if (slash) {
    let j = end + slash[0].length;
    if (text[j] === '(') {
      const close = text.indexOf(')', j);
      if (close > j) {
        const parts = text
          .slice(j + 1, close)
          .split(/[·*.•⋅\s]+/)
          .filter(Boolean);
        // Kelvin only inside a compound (W/(m·K)): alone, "5K" is more often 5,000.
        const atoms = parts.map((part) =>
          part === 'K' ? { atom: { base: 'K', factor: 1 }, end: 1 } : readAtom(part, 0),
        );
        if (atoms.length > 0 && atoms.every((a, k) => a && a.end === parts[k].length)) {
          base += `/(${atoms.map((a) => a!.atom.base).join('·')})`;
          factor /= atoms.reduce((p, a) => p * a!.atom.factor, 1);
          end = close + 1;
        }
      }
    } else {
      const denominator = readAtom(text, j);
      if (denominator) {
        base += `/${denominator.atom.base}`;
        factor /= denominator.atom.factor;
        end = denominator.end;
        j = end;
      }
    }
  }
  return { atom: { base, factor }, end, spelled: text.slice(i, end) };
}

/** The spellings by their first character, longest first: a number is followed by a handful of candidates. */
const ATOMS_BY_FIRST = (() => {
  const index = new Map<string, Array<[string, UnitAtom]>>();
  for (const entry of ATOMS) {
    const first = entry[0][0];
    if (!index.has(first)) index.set(first, []);
    index.get(first)!.push(entry);
  }
  return index;
})();

function readAtom(text: string, pos: number): { atom: UnitAtom; end: number } | null {
  for (const [spelled, atom] of ATOMS_BY_FIRST.get(text[pos]) ?? []) {
    if (!text.startsWith(spelled, pos)) continue;
    let end = pos + spelled.length;
    const latin = LATIN_LETTER.test(spelled[spelled.length - 1]);
    let { base, factor } = atom;
    // A power right after a length: m2, mm3, cm² (NFKC turns ² into 2).
    if (base === 'm' && /[23]/.test(text[end] ?? '') && !/\d/.test(text[end + 1] ?? '')) {
      const power = Number(text[end]);
      base = `m${power}`;
      factor = factor ** power;
      end++;
    } else if (latin && LATIN_LETTER.test(text[end] ?? '')) continue; // part of a longer word (38UH, 4G, model)
    return { atom: { base, factor }, end };
  }
  return null;
}

const NUMBER = /(?<![A-Za-z0-9.])([-−])?(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)/g;

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^\s*千万/, 1e7],
  [/^\s*百万/, 1e6],
  [/^\s*万/, 1e4],
  [/^\s*亿/, 1e8],
  [/^\s*千/, 1e3],
  [/^\s*thousand\b/i, 1e3],
  [/^\s*million\b/i, 1e6],
  [/^\s*billion\b/i, 1e9],
  [/^k(?![A-Za-z])/, 1e3],
];

/** Comparators written before the number (longest first where one contains another). */
const PREFIX_COMPARATORS: Array<[RegExp, Comparator]> = [
  [/(?:≥|>=|⩾|≧|大于等于|大于或等于|不低于|不少于|不小于|不短于|不弱于|至少|最少|at least|no less than|not less than|no fewer than|minimum of|minimum|min\.?)\s*$/i, '>='],
  [/(?:≤|<=|⩽|≦|小于等于|小于或等于|不超过|不高于|不大于|不多于|不长于|最多|至多|at most|up to|no more than|not more than|not exceeding|no greater than|maximum of|maximum|max\.?)\s*$/i, '<='],
  [/(?:>|大于|高于|超过|多于|长于|more than|greater than|higher than|over|above|exceeding|exceeds|exceed)\s*$/i, '>'],
  [/(?:<|小于|低于|少于|短于|不到|less than|fewer than|lower than|under|below|within)\s*$/i, '<'],
]; // prettier-ignore

/** Words between a comparator and the number that do not change it ("至少达到 500", "no less than about 5"). */
const BEFORE_NUMBER = /(?:达到|可达|达|约|大约|为|about|approximately|around|roughly|~)\s*$/i;

const SUFFIX_COMPARATORS: Array<[RegExp, Comparator]> = [
  [/^\s*(?:及以上|或以上|以上|or more|or higher|or above|or greater|and above|and more|at least|minimum|\+)/i, '>='],
  [/^\s*(?:及以下|或以下|以下|以内|之内|内(?![阻部容径存外壁核层置])|or less|or lower|or below|or fewer|and below|and less|at most|maximum|max\b)/i, '<='],
]; // prettier-ignore

const RANGE_SEPARATOR = /^\s*(?:-|–|—|~|～|〜|至|到|to|and)\s*/i;

/** Clause boundaries: the quantity of a figure is named in its own clause. */
const CLAUSE_BREAK = /[,;:。!?、()[\]{}\n]|\s(?:and|while|whereas|but)\s|\.\s/gi;

const LEADING_FILLER =
  /^(?:的|希望|要求|需要|可于|可在|完成|交付|上线|我们|我司|目前|并且|并|且|同时|其中|保证|确保|实现|满足|能够|可以|使|将|在|其|把|则|和|与|及|以及|或|(?:we|need|needs|want|require|requires|required|requirements|the|a|an|with|and|our|must|should|its|their|for|of|is|are)(?![a-z]))\s*/i;
const TRAILING_FILLER =
  /(?:达到|可达|高达|达|内完成|完成|提升到|提升至|提高到|提高至|降低到|降低至|降到|降至|减少到|减少至|控制在|保持在|为|是|约|大约|在|于|的|均|仅|只|需|应|须|必须|应当|要求|~|(?<![a-z])(?:of|is|are|be|at|to|with|about|approximately|around|reaches|reach|reaching|between|by|should|must|shall|has|have|a|an|the))\s*$/i;

const HAN_CHAR = /\p{Script=Han}/u;

function cleanQuantity(raw: string): string {
  let text = raw.replace(/\s+/g, ' ').trim();
  for (let guard = 0; guard < 6; guard++) {
    const before = text;
    text = text.replace(TRAILING_FILLER, '').trim();
    text = text.replace(LEADING_FILLER, '').trim();
    if (text === before) break;
  }
  // The nearest words: 12 Han characters, or 5 Latin words.
  if (HAN_CHAR.test(text)) {
    const chars = [...text];
    if (chars.length > 12) text = chars.slice(-12).join('');
  } else {
    const words = text.split(' ');
    if (words.length > 5) text = words.slice(-5).join(' ');
  }
  return text.replace(/^[\s\-–—/·.]+|[\s\-–—/·.]+$/g, '');
}

function followingQuantity(raw: string): string {
  const text = raw
    .replace(/[\d.,%]+.*$/s, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (HAN_CHAR.test(text[0] ?? '')) return [...text].slice(0, 8).join('');
  return text
    .split(' ')
    .filter((word) => !/^(?:of|the|a|an|per|in|for)$/i.test(word))
    .slice(0, 4)
    .join(' ');
}

const parseNumber = (sign: string | undefined, digits: string) => (sign ? -1 : 1) * Number(digits.replace(/,/g, ''));

/** Every figure with a known unit in a text, in order. */
export function parseFigures(input: string): Figure[] {
  const text = input.normalize('NFKC');
  const breaks = [...text.matchAll(CLAUSE_BREAK)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const figures: Figure[] = [];
  let previousEnd = 0;
  NUMBER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = NUMBER.exec(text)) !== null) {
    const start = match.index;
    const first = readQuantityNumber(text, start + match[0].length, parseNumber(match[1], match[2]));
    let unit = first.unit;
    let value: number;
    let max: number | undefined;
    let end = unit ? unit.end : first.end;
    // A range: "300–500 Wh/kg", "12至20分钟", "-40℃至150℃", "3–5万次", "between 3 and 5 mm".
    const separator = RANGE_SEPARATOR.exec(text.slice(end));
    const secondDigits = separator && SECOND_NUMBER.exec(text.slice(end + separator[0].length));
    const isAnd = separator !== null && /and/i.test(separator[0]);
    const between = /between\s*$/i.test(text.slice(Math.max(0, start - 12), start));
    const second =
      separator && secondDigits && (!isAnd || between)
        ? readQuantityNumber(
            text,
            end + separator[0].length + secondDigits[0].length,
            parseNumber(secondDigits[1], secondDigits[2]),
          )
        : null;
    const shared = second ? (second.unit ?? unit) : null;
    if (second && shared && (!unit || !second.unit || unit.atom.base === second.unit.atom.base)) {
      const low = first.number * (first.multiplier ?? second.multiplier ?? 1) * (unit ?? shared).atom.factor;
      const high = second.number * (second.multiplier ?? first.multiplier ?? 1) * shared.atom.factor;
      value = Math.min(low, high);
      max = Math.max(low, high);
      unit = second.unit ?? unit;
      end = second.unit ? second.unit.end : second.end;
      NUMBER.lastIndex = end;
    } else {
      if (!unit) continue;
      value = first.number * (first.multiplier ?? 1) * unit.atom.factor;
    }
    let rangeEnd = end;
    if (!unit) continue;
    // "2025年" is a date, not a duration.
    if (unit.atom.base === 's' && /^年/.test(unit.spelled) && Math.abs(value / YEAR) >= 1000) continue;
    const clauseStart = Math.max(0, ...breaks.filter((b) => b.end <= start).map((b) => b.end));
    const clauseEnd = Math.min(text.length, ...breaks.filter((b) => b.start >= rangeEnd).map((b) => b.start));
    // At most 40 characters: the quantity is the nearest words, and the comparators' patterns stay cheap.
    let before = text.slice(Math.max(clauseStart, previousEnd, start - 40), start);
    let comparator: Comparator = max === undefined ? '=' : 'range';
    if (max === undefined) {
      const lead = before.replace(BEFORE_NUMBER, '');
      for (const [pattern, c] of PREFIX_COMPARATORS) {
        const found = pattern.exec(lead);
        // "over" / "under" / "within" must stand alone ("turnover 5%" is no comparator).
        if (found && (!/^[a-z]/i.test(found[0]) || !/[a-z]$/i.test(lead.slice(0, found.index)))) {
          comparator = c;
          before = lead.slice(0, found.index);
          break;
        }
      }
    }
    let after = text.slice(rangeEnd, clauseEnd);
    for (const [pattern, c] of SUFFIX_COMPARATORS) {
      const found = pattern.exec(after);
      if (found) {
        if (comparator === '=' || comparator === c) comparator = c;
        after = after.slice(found[0].length);
        rangeEnd += found[0].length;
        break;
      }
    }
    const quantity = cleanQuantity(before) || followingQuantity(after);
    figures.push({
      quantity,
      comparator,
      value: round(value),
      ...(max === undefined ? {} : { max: round(max) }),
      unit: unit.atom.base,
      display: text.slice(start, end).trim(),
    });
    previousEnd = rangeEnd;
  }
  return figures;
}

const SECOND_NUMBER = /^([-−])?(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)/;

/** After a number: its multiplier (万, million) and unit, if any. */
function readQuantityNumber(text: string, pos: number, number: number) {
  const multiplier = readMultiplier(text, pos);
  const end = multiplier ? multiplier.end : pos;
  return { number, multiplier: multiplier?.factor, end, unit: readUnit(text, end) };
}

function readMultiplier(text: string, pos: number): { factor: number; end: number } | null {
  const rest = text.slice(pos);
  // 千米, 千克, 千瓦 … are units, not 千 times a unit.
  if (readUnit(text, pos)) return null;
  for (const [pattern, factor] of MULTIPLIERS) {
    const found = pattern.exec(rest);
    if (found) return { factor, end: pos + found[0].length };
  }
  return null;
}

const round = (value: number) => Number(value.toPrecision(12));

/** A structured indicator of a demand (demand.entity.ts TechnicalIndicator). */
export interface IndicatorInput {
  name: string;
  current?: string | null;
  target: string;
  mustHave?: boolean | null;
}

/** What a demand asks for: a figure with a direction (a bare "25 MPa" in prose is a state, not a requirement). */
export interface Requirement extends Figure {
  mustHave: boolean;
}

/**
 * The requirements of a demand: its structured indicators (target with a comparator, or a direction from the
 * current value: target above current → at least), then the figures of its text that carry a comparator.
 */
export function demandRequirements(text: string, indicators: readonly IndicatorInput[] = []): Requirement[] {
  const requirements: Requirement[] = [];
  for (const indicator of indicators) {
    const target = parseFigures(indicator.target ?? '')[0];
    if (!target) continue;
    let comparator = target.comparator;
    if (comparator === '=') {
      const current = parseFigures(indicator.current ?? '').find((f) => f.unit === target.unit);
      if (!current || current.value === target.value) continue;
      comparator = target.value > current.value ? '>=' : '<=';
    }
    requirements.push({
      ...target,
      comparator,
      quantity: indicator.name.trim(),
      mustHave: indicator.mustHave === true,
    });
  }
  for (const figure of parseFigures(text)) {
    if (figure.comparator === '=') continue;
    const duplicate = requirements.some(
      (r) => r.unit === figure.unit && r.comparator === figure.comparator && r.value === figure.value,
    );
    if (!duplicate) requirements.push({ ...figure, mustHave: false });
  }
  return requirements;
}

/**
 * Units that name their quantity by themselves: a figure in Wh/kg is an energy density whatever the words. Not
 * MPa (tensile or compressive strength, pressure) nor N (range or resolution of a force sensor).
 */
const SELF_NAMING = new Set(['Wh', 'Ah', 'V', 'Hz', 'dB', 'dBm', 'Oe', 'OPS', 'FLOPS', 'ppm', 'rpm', 'Ω', 'lx']);
const namesItself = (unit: string) => unit.includes('/') || SELF_NAMING.has(unit);

/** Words of change: "成本降低 20%" and "成本 20%" are different quantities, and so are 降低 and 提高. */
const DECREASE =
  /降低|下降|减少|缩短|缩小|减小|降到|降至|减至|压缩到|压缩至|压缩|reduc\w*|decreas\w*|lower\w*|cut\w*|shorten\w*|drop\w*/gi;
const INCREASE = /提高|提升|增加|增长|延长|扩大|增大|improv\w*|increas\w*|rais\w*|boost\w*|extend\w*|gain\w*/gi;
/** A comparison's baseline ("较常规配方", "compared with PE") is not part of the quantity's name. */
const BASELINE =
  /(?:较|比|相比|相较|对比)[^\s]*?(?=降低|下降|减少|缩短|提高|提升|增加|延长|$)|\b(?:compared (?:with|to)|versus|vs\.?|than)\b.*$/gi;

/** Heads too general to name a quantity alone (检测时间 / 扫描时间). */
const GENERIC_HEADS = new Set(['时间', '比例', '数量', '程度', '能力', '性能', '水平', '指标', '次数', '效果', '周期']);

interface QuantityName {
  tokens: Set<string>;
  /** The last Han bigram of the name: the head of a Chinese compound (拉伸强度 → 强度). */
  head: string | null;
  change: 'down' | 'up' | null;
}

/** A figure's name, analysed once per figure (a listing's figures are compared with every demand's requirements). */
const names = new WeakMap<Figure, QuantityName>();
function nameOf(figure: Figure): QuantityName {
  let name = names.get(figure);
  if (!name) names.set(figure, (name = quantityName(figure.quantity)));
  return name;
}

function quantityName(quantity: string): QuantityName {
  const change = DECREASE.test(quantity) ? 'down' : INCREASE.test(quantity) ? 'up' : null;
  DECREASE.lastIndex = 0;
  INCREASE.lastIndex = 0;
  const core = quantity.replace(BASELINE, ' ').replace(DECREASE, ' ').replace(INCREASE, ' ');
  // Latin and Han apart ("1C循环寿命" is one token for the analysis, and a token starting with a digit is dropped).
  const spaced = core.replace(
    /(?<=\p{Script=Han})(?=[^\p{Script=Han}])|(?<=[^\p{Script=Han}])(?=\p{Script=Han})/gu,
    ' ',
  );
  const tokens = new Set(analyze(spaced).filter((token) => !/^\p{N}/u.test(token)));
  const han = [...core.replace(/[^\p{Script=Han}]+$/u, '')].slice(-2).join('');
  return { tokens, head: /^\p{Script=Han}{2}$/u.test(han) ? han : null, change };
}

/**
 * How well a listing's figure names the same quantity as the requirement (0 when it does not): same base unit,
 * the same direction of change (降低 / 提高 / none), and the requirement's words (Han bigrams, English stems)
 * found in the listing's — two of them, or 60 %, or the same head of a Chinese compound (综合成本, 原料成本).
 * With no words on one side, only a unit that names its quantity (Wh/kg, MPa, kV) matches.
 */
export function sameQuantity(requirement: Figure, figure: Figure): number {
  if (requirement.unit !== figure.unit) return 0;
  const wanted = nameOf(requirement);
  const stated = nameOf(figure);
  if (wanted.tokens.size === 0 || stated.tokens.size === 0) return namesItself(requirement.unit) ? 0.5 : 0;
  if (wanted.change !== stated.change) return 0;
  let shared = 0;
  for (const token of wanted.tokens) if (stated.tokens.has(token)) shared++;
  // Named in two languages (能量密度 / energy density): only a unit that names its quantity says it is the same.
  if (shared === 0 && HAN_CHAR.test(requirement.quantity) !== HAN_CHAR.test(figure.quantity)) {
    return namesItself(requirement.unit) ? 0.5 : 0;
  }
  const share = shared / wanted.tokens.size;
  // Scored so that a name sharing words always beats one sharing only the head.
  if (shared >= 2 || share >= 0.6) return 1 + share;
  const head = wanted.head;
  return head !== null && head === stated.head && !GENERIC_HEADS.has(head) ? 0.5 + share / 2 : 0;
}

export type Verdict = 'meets' | 'fails' | 'unknown';

const EPSILON = 1e-9;

/** Whether a stated figure meets a requirement: all it states lies inside it (meets), or none of it (fails). */
export function verdict(requirement: Figure, figure: Figure): Verdict {
  let lo: number;
  let hi: number;
  switch (figure.comparator) {
    case '=':
      lo = hi = figure.value;
      break;
    case 'range':
      lo = figure.value;
      hi = figure.max ?? figure.value;
      break;
    case '>=':
    case '>':
      lo = figure.value;
      hi = Infinity;
      break;
    default:
      lo = -Infinity;
      hi = figure.value;
  }
  const t = requirement.value;
  const tol = Math.abs(t) * EPSILON;
  // "more than 20 %" and "at least 20 %" are read alike: a listing stating exactly 20 % meets both.
  switch (requirement.comparator) {
    case '>=':
    case '>':
      return lo >= t - tol ? 'meets' : hi < t - tol ? 'fails' : 'unknown';
    case '<=':
    case '<':
      return hi <= t + tol ? 'meets' : lo > t + tol ? 'fails' : 'unknown';
    case 'range': {
      const max = requirement.max ?? t;
      if (lo >= t - tol && hi <= max + tol) return 'meets';
      if (hi < t - tol || lo > max + tol) return 'fails';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

export interface IndicatorCheck {
  requirement: Requirement;
  figure: Figure;
  verdict: Exclude<Verdict, 'unknown'>;
  reason: string;
}

const SYMBOL: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', range: '' };

const requirementText = (r: Requirement) =>
  r.comparator === 'range' ? r.display : `${SYMBOL[r.comparator]} ${r.display}`;

/** The reason shown with a match, in the demand's language: "能量密度 520 Wh/kg ≥ 500 Wh/kg". */
export function indicatorReason(check: Omit<IndicatorCheck, 'reason'>, language: Language): string {
  const { requirement, figure } = check;
  const name = requirement.quantity ? `${requirement.quantity} ` : '';
  const wanted = requirementText(requirement);
  if (check.verdict === 'meets') {
    return requirement.comparator === 'range'
      ? language === 'zh'
        ? `${name}${figure.display}，在 ${wanted} 之内`
        : `${name}${figure.display}, within ${wanted}`
      : `${name}${figure.display} ${wanted}`;
  }
  return language === 'zh'
    ? `${name}${figure.display}，未达到 ${wanted}`
    : `${name}${figure.display}, short of ${wanted}`;
}

/**
 * Each requirement against the listing's figure for the same quantity (the best-named one): the checks that
 * are decided. A requirement the listing states no figure for gives nothing — neither bonus nor penalty.
 */
export function checkIndicators(
  requirements: readonly Requirement[],
  figures: readonly Figure[],
  language: Language,
): IndicatorCheck[] {
  const checks: IndicatorCheck[] = [];
  for (const requirement of requirements) {
    let best: Figure | undefined;
    let bestScore = 0;
    for (const figure of figures) {
      const score = sameQuantity(requirement, figure);
      if (score > bestScore) {
        best = figure;
        bestScore = score;
      }
    }
    if (!best) continue;
    const result = verdict(requirement, best);
    if (result === 'unknown') continue;
    const check = { requirement, figure: best, verdict: result };
    checks.push({ ...check, reason: indicatorReason(check, language) });
  }
  return checks;
}
