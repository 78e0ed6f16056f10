// Every problem of a waivers file, each with its exact position, code, wording and the
// error's own message; and what a valid file reads as.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { parseWaivers, waiverLabel, waiverMatches } from '../../src/gate/waivers.js';
import { result } from './fixtures.js';

const FP = '0'.repeat(32);
const file = (body: string) => `version: 1\nwaivers:\n${body}`;
const entry = (fields: string) => `  - ${fields.trim().split('\n').join('\n    ')}\n`;

function rejected(text: string): { message: string; diagnostics: unknown[] } {
  try {
    parseWaivers(text, 'w.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return { message: (err as InputError).message, diagnostics: (err as InputError).diagnostics };
  }
  throw new Error('expected an InputError');
}

const target = (line: number, message: string) => ({ file: 'w.yaml', line, column: 5, path: `/waivers/${(line - 3) / 4}`, code: 'waiver-target', message, expected: 'fingerprint | rule + resource' });

describe('parseWaivers: how an entry names its finding', () => {
  it('names each wrong combination in its own words, at the entry', () => {
    const text = file(
      entry('fingerprint: ' + FP + '\nrule: r\nreason: r\nowner: o') +
        entry('resource: "*"\nreason: r\nowner: o\nexpires: 2025-01-01') +
        entry('rule: r\nreason: r\nowner: o\nexpires: 2025-01-01') +
        entry('reason: r\nowner: o\nexpires: 2025-01-01'),
    );
    expect(rejected(text)).toEqual({
      message: 'w.yaml: 5 problems in the waivers file',
      diagnostics: [
        { file: 'w.yaml', line: 3, column: 5, path: '/waivers/0', code: 'missing-key', message: "missing required key 'expires'", expected: 'expires' },
        target(3, 'name the finding by fingerprint, or by rule and resource, not both'),
        target(7, 'rule and resource go together'),
        target(11, 'rule and resource go together'),
        target(15, 'name the finding by fingerprint or by rule and resource'),
      ],
    });
  });

  it('says "1 problem" for one', () => {
    expect(rejected(file(entry('reason: r\nowner: o\nexpires: 2025-01-01'))).message).toBe('w.yaml: 1 problem in the waivers file');
  });
});

describe('parseWaivers: values', () => {
  it('checks the calendar date only of a YYYY-MM-DD value, and the format of anything else', () => {
    const e = (expires: string) => entry(`fingerprint: ${FP}\nreason: r\nowner: o\nexpires: ${expires}`);
    const format = (line: number, i: number) => ({ file: 'w.yaml', line, column: 14, path: `/waivers/${i}/expires`, code: 'bad-format', message: 'must match pattern "^\\d{4}-\\d{2}-\\d{2}$"', expected: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(rejected(file(e('x2025-02-30') + e('2025-02-30x') + e('1st of May') + e('2025-02-30'))).diagnostics).toEqual([
      format(6, 0),
      format(10, 1),
      format(14, 2),
      { file: 'w.yaml', line: 18, column: 14, path: '/waivers/3/expires', code: 'bad-date', message: "'2025-02-30' is not a calendar date", expected: 'YYYY-MM-DD' },
    ]);
  });

  it('reports an empty resource pattern and reason as empty, not as a bad pattern', () => {
    expect(rejected(file(entry('rule: r\nresource: ""\nreason: ""\nowner: o\nexpires: 2025-01-01'))).diagnostics).toEqual([
      { file: 'w.yaml', line: 4, column: 15, path: '/waivers/0/resource', code: 'empty', message: 'must NOT have fewer than 1 characters' },
      { file: 'w.yaml', line: 5, column: 13, path: '/waivers/0/reason', code: 'empty', message: 'must NOT have fewer than 1 characters' },
    ]);
  });

  it('words a bad pattern with what is wrong with it', () => {
    expect(rejected(file(entry('rule: r\nresource: "re:(x"\nreason: r\nowner: o\nexpires: 2025-01-01'))).diagnostics).toEqual([
      { file: 'w.yaml', line: 4, column: 15, path: '/waivers/0/resource', code: 'bad-pattern', message: expect.stringMatching(/^the pattern .+/), expected: 'glob or re:<regex>' },
    ]);
  });

  it('keeps null and an empty value as no text (wrong type), not as the word "null"', () => {
    expect(rejected(file(entry(`fingerprint: ${FP}\nreason: null\nowner: ~\nexpires: 2025-01-01`) + entry(`fingerprint: ${FP}\nreason:\nowner: o\nexpires: 2025-01-01`))).diagnostics).toEqual([
      { file: 'w.yaml', line: 4, column: 13, path: '/waivers/0/reason', code: 'wrong-type', message: 'must be string', expected: 'string' },
      { file: 'w.yaml', line: 5, column: 12, path: '/waivers/0/owner', code: 'wrong-type', message: 'must be string', expected: 'string' },
      { file: 'w.yaml', line: 8, column: 12, path: '/waivers/1/reason', code: 'wrong-type', message: 'must be string', expected: 'string' },
    ]);
  });

  it('reads plain numbers and booleans under text keys as their text, digits kept', () => {
    const set = parseWaivers(file(entry('id: 2025\nfingerprint: 12345678901234567890123456789012\nreason: 1.50\nowner: true\nexpires: 2025-01-01')), 'w.yaml');
    expect(set).toStrictEqual({
      file: 'w.yaml',
      waivers: [{ index: 0, id: '2025', fingerprint: '12345678901234567890123456789012', reason: '1.50', owner: 'true', expires: '2025-01-01', source: 'w.yaml:3' }],
    });
  });

  it('leaves an explicitly tagged number a number (wrong type for an id)', () => {
    expect(rejected(file(entry(`id: !!int "7"\nfingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01`))).diagnostics).toEqual([
      { file: 'w.yaml', line: 3, column: 15, path: '/waivers/0/id', code: 'wrong-type', message: 'must be string', expected: 'string' },
    ]);
  });

  it('holds only the fields an entry has', () => {
    const set = parseWaivers(file(entry('rule: r\nresource: "arn:*"\nreason: why\nowner: me\nexpires: 2030-01-01')), 'w.yaml');
    expect(set.waivers).toStrictEqual([{ index: 0, rule: 'r', resource: 'arn:*', reason: 'why', owner: 'me', expires: '2030-01-01', source: 'w.yaml:3' }]);
  });

  it('takes an anchored value reused by many entries (more than yaml\'s own alias limit)', () => {
    const reuse = Array.from({ length: 120 }, () => entry(`fingerprint: ${FP}\nreason: *r\nowner: o\nexpires: 2025-01-01`)).join('');
    const set = parseWaivers(file(entry(`fingerprint: ${FP}\nreason: &r shared\nowner: o\nexpires: 2025-01-01`) + reuse), 'w.yaml');
    expect(set.waivers).toHaveLength(121);
    expect(set.waivers[120]).toMatchObject({ index: 120, reason: 'shared', source: 'w.yaml:483' });
  });
});

describe('parseWaivers: the shape of the file', () => {
  it('reports every missing key of an entry, not only the first', () => {
    expect(rejected(file(entry(`fingerprint: ${FP}\nexpires: 2025-01-01`))).diagnostics).toEqual([
      { file: 'w.yaml', line: 3, column: 5, path: '/waivers/0', code: 'missing-key', message: "missing required key 'reason'", expected: 'reason' },
      { file: 'w.yaml', line: 3, column: 5, path: '/waivers/0', code: 'missing-key', message: "missing required key 'owner'", expected: 'owner' },
    ]);
  });

  it('escapes / and ~ of an unknown key in its path', () => {
    expect(rejected(file(entry(`fingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01\nre/s~x: 1`))).diagnostics).toEqual([
      { file: 'w.yaml', line: 7, column: 5, path: '/waivers/0/re~1s~0x', code: 'unknown-key', message: "unknown key 're/s~x'" },
    ]);
  });

  it('reports entries that are not mappings only as of the wrong type', () => {
    const wrong = (line: number, i: number) => ({ file: 'w.yaml', line, column: 5, path: `/waivers/${i}`, code: 'wrong-type', message: 'must be object', expected: 'object' });
    expect(rejected(file('  - 1\n  - null\n  - [a]\n'))).toEqual({ message: 'w.yaml: 3 problems in the waivers file', diagnostics: [wrong(3, 0), wrong(4, 1), wrong(5, 2)] });
  });

  it('names the allowed version and the fingerprint pattern', () => {
    expect(rejected(`version: 2\nwaivers:\n${entry('fingerprint: abc\nreason: r\nowner: o\nexpires: 2025-01-01')}`).diagnostics).toEqual([
      { file: 'w.yaml', line: 1, column: 10, path: '/version', code: 'bad-value', message: 'must be equal to constant', expected: '1' },
      { file: 'w.yaml', line: 3, column: 18, path: '/waivers/0/fingerprint', code: 'bad-format', message: 'must match pattern "^[0-9a-f]{32}$"', expected: '^[0-9a-f]{32}$' },
    ]);
  });

  it('lists problems by line, column and code, whichever check found them', () => {
    const flow = (id: string) => `  - {id: "${id}", fingerprint: ${FP}, reason: r, owner: o, expires: 2025-01-01}\n`;
    const text = file(entry('reason: r\nowner: o\nexpires: 2025-01-01') + entry(`fingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01\nreasn: x`) + flow('') + flow(''));
    expect(rejected(text).diagnostics).toEqual([
      target(3, 'name the finding by fingerprint or by rule and resource'),
      { file: 'w.yaml', line: 10, column: 5, path: '/waivers/1/reasn', code: 'unknown-key', message: "unknown key 'reasn'" },
      { file: 'w.yaml', line: 11, column: 10, path: '/waivers/2/id', code: 'empty', message: 'must NOT have fewer than 1 characters' },
      { file: 'w.yaml', line: 12, column: 10, path: '/waivers/3/id', code: 'duplicate-id', message: "waiver id '' is already used by entry 3" },
      { file: 'w.yaml', line: 12, column: 10, path: '/waivers/3/id', code: 'empty', message: 'must NOT have fewer than 1 characters' },
    ]);
  });

  it('reports an entry repeated by alias at the alias', () => {
    const text = file(`  - &w\n${entry(`id: a\nfingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01`).replace('  - ', '    ')}  - *w\n`);
    expect(rejected(text).diagnostics).toEqual([{ file: 'w.yaml', line: 9, column: 5, path: '/waivers/1/id', code: 'duplicate-id', message: "waiver id 'a' is already used by entry 1" }]);
  });

  it('locates YAML syntax errors where the parser found them', () => {
    expect(rejected('version: 1\nversion: 1\nwaivers: []\n')).toEqual({
      message: 'w.yaml: not valid YAML',
      diagnostics: [{ file: 'w.yaml', line: 2, column: 1, path: '', code: 'yaml-syntax', message: 'Map keys must be unique' }],
    });
    expect(rejected('version: 1\nwaivers:\n  - {a: 1\n  - b\n').diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 4 })]);
  });

  it('refuses aliases without an anchor, and keys that are not text', () => {
    expect(rejected(file('  - *nowhere\n'))).toEqual({
      message: 'w.yaml: aliases that cannot be expanded',
      diagnostics: [{ file: 'w.yaml', line: 3, column: 5, path: '', code: 'unresolved-alias', message: 'alias *nowhere names no anchor defined before it', expected: 'an anchor &nowhere earlier in the file' }],
    });
    expect(rejected('version: 1\nwaivers: []\n? [a, b]\n: c\n')).toEqual({
      message: 'w.yaml: keys that are not plain text',
      diagnostics: [{ file: 'w.yaml', line: 3, column: 3, path: '', code: 'key-type', message: 'keys must be plain text', expected: 'a text key' }],
    });
    expect(rejected('version: 1\nwaivers: []\n: c\n').diagnostics).toEqual([{ file: 'w.yaml', line: 1, column: 1, path: '/', code: 'unknown-key', message: "unknown key ''" }]);
  });

  it('says an empty file is empty', () => {
    expect(rejected('# nothing here\n')).toEqual({
      message: 'w.yaml: empty waivers file',
      diagnostics: [{ file: 'w.yaml', line: 1, column: 1, path: '', code: 'empty', message: 'the file is empty', expected: 'version: 1 and a waivers list' }],
    });
  });
});

describe('waiver labels and matching', () => {
  // Parsed inside each test (a mutation run counts only what a test itself runs).
  const parsed = () => parseWaivers(
    file(entry(`id: legacy\nfingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01`) + entry(`fingerprint: ${FP}\nreason: r\nowner: o\nexpires: 2025-01-01`) + entry('rule: s3-versioning\nresource: "arn:aws:s3:::old-*"\nreason: r\nowner: o\nexpires: 2025-01-01')),
    'w.yaml',
  ).waivers;

  it('labels a waiver by its id, else its fingerprint, else its rule and pattern', () => {
    const [byId, byFp, byRule] = parsed();
    expect([waiverLabel(byId!), waiverLabel(byFp!), waiverLabel(byRule!)]).toEqual(['legacy', `fingerprint ${FP}`, 's3-versioning arn:aws:s3:::old-*']);
  });

  it('matches a rule + pattern waiver only on that rule and a matching ARN', () => {
    const byRule = parsed()[2];
    expect(waiverMatches(byRule!, result('s3-versioning', 'arn:aws:s3:::old-1'))).toBe(true);
    expect(waiverMatches(byRule!, result('s3-logging', 'arn:aws:s3:::old-1'))).toBe(false);
    expect(waiverMatches(byRule!, result('s3-versioning', 'arn:aws:s3:::new-1'))).toBe(false);
  });
});
