import { calendarFile } from './calendar-file';

/** Unfolds RFC 5545 lines (a CRLF followed by one space continues the line). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('calendar file (.ics)', () => {
  const entry = {
    uid: 'meeting-1@techtransfer',
    title: '低空经济对接会：周明远 × 王经理',
    description: '关于无人机室内导航的洽谈；第二行\n(Asia/Shanghai)',
    startsAt: new Date('2026-12-10T01:00:00Z'),
    endsAt: new Date('2026-12-10T01:20:00Z'),
    location: '明湖会展中心 3 号厅, A 区',
    url: 'http://localhost:3000/workspace/events/1/meetings',
  };

  it('a cancelled entry keeps its UID and says STATUS:CANCELLED with the raised SEQUENCE', () => {
    const confirmed = unfold(calendarFile({ ...entry, sequence: 1 }));
    const cancelled = unfold(calendarFile({ ...entry, sequence: 2, cancelled: true }));
    expect(confirmed).toContain('STATUS:CONFIRMED');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
    expect(cancelled).toContain('UID:meeting-1@techtransfer');
    expect(cancelled).toContain('METHOD:PUBLISH');
  });

  it('is a VCALENDAR with one VEVENT in UTC, CRLF lines of at most 75 octets', () => {
    const ics = calendarFile(entry);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const text = unfold(ics);
    expect(text).toContain('UID:meeting-1@techtransfer');
    expect(text).toContain('DTSTART:20261210T010000Z');
    expect(text).toContain('DTEND:20261210T012000Z');
  });

  it('keeps Chinese text whole through folding and escapes commas, semicolons and newlines', () => {
    const text = unfold(calendarFile(entry));
    expect(text).toContain('SUMMARY:低空经济对接会：周明远 × 王经理');
    expect(text).toContain('LOCATION:明湖会展中心 3 号厅\\, A 区');
    expect(text).toContain('DESCRIPTION:关于无人机室内导航的洽谈；第二行\\n(Asia/Shanghai)');
    expect(unfold(calendarFile({ ...entry, description: 'a; b, c' }))).toContain('DESCRIPTION:a\\; b\\, c');
  });

  it('folds a long Chinese line into lines of at most 75 octets that unfold to the original', () => {
    const title = '关于低空物流无人机在复杂城市环境中视觉导航与避障技术的产学研对接洽谈会第二场次';
    const ics = calendarFile({ ...entry, title });
    const lines = ics.split('\r\n');
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`SUMMARY:${title}`);
  });
});
