import { checkCharacter } from './checkCharacter';
import { makeIdNumber } from './makeIdNumber';
import { IdNumberError, IdNumberErrorCode, normalizeIdNumber, tryNormalizeIdNumber } from './normalizeIdNumber';

/** The error normalizeIdNumber throws for `raw`; fails the test if it does not throw one. */
function errorFor(raw: unknown): IdNumberError {
  const result = tryNormalizeIdNumber(raw);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${result.value.idNumber}`);
  return result.error;
}

function codeFor(raw: unknown): IdNumberErrorCode {
  return errorFor(raw).code;
}

/** A body whose check character is right, so only the birth date can be wrong. */
function withValidCheck(body17: string): string {
  return body17 + checkCharacter(body17);
}

describe('normalizeIdNumber: worked examples from domain-facts.json', () => {
  test.each([
    ['41092819900101001X', 'male'],
    ['410928198512310028', 'female'],
    ['410928200002290186', 'female'],
    ['41092819780515006X', 'female'],
  ])('accepts %s unchanged', (full) => {
    expect(normalizeIdNumber(full)).toEqual({ idNumber: full });
  });

  test.each(['34052419800101001X', '11010519491231002X', '440524188001010014'])(
    'accepts the published GB 11643 example %s, whatever its address code',
    (full) => {
      expect(normalizeIdNumber(full)).toEqual({ idNumber: full });
    },
  );

  test('upgrades the 15-digit example 410928850615123 to 410928198506151235 and keeps the original', () => {
    expect(normalizeIdNumber('410928850615123')).toEqual({
      idNumber: '410928198506151235',
      upgradedFrom: '410928850615123',
    });
  });

  test('accepts address codes other than 410928 (412126 and 410911 are older codes for the county)', () => {
    for (const address of ['412126', '410911', '110105']) {
      const id = makeIdNumber(address, '1980-07-15', 42);
      expect(normalizeIdNumber(id).idNumber).toBe(id);
    }
  });

  test('omits upgradedFrom for 18-character input', () => {
    expect('upgradedFrom' in normalizeIdNumber('410928198512310028')).toBe(false);
  });
});

describe('normalizeIdNumber: normalizationDemo from domain-facts.json', () => {
  test.each([
    ['lower-case x', '41092819780515006x', '41092819780515006X'],
    ['full-width digits and Ｘ', '４１０９２８１９７８０５１５００６Ｘ', '41092819780515006X'],
    ['spaces', '410928 19780515 006X', '41092819780515006X'],
    ['a leading apostrophe (Excel text)', "'41092819900101001X", '41092819900101001X'],
  ])('cleans %s', (_label, input, expected) => {
    expect(normalizeIdNumber(input)).toEqual({ idNumber: expected });
  });

  test('rejects the demo wrong check digit 410928199001010010 naming expected X and actual 0', () => {
    const error = errorFor('410928199001010010');
    expect(error.code).toBe('BAD_CHECK_CHARACTER');
    expect(error.message).toBe('身份证号校验位错误：按前17位应为X，实际为0，请核对号码');
  });

  test('rejects the demo Feb 30 number 410928199002300010 as a bad birth date', () => {
    const error = errorFor('410928199002300010');
    expect(error.code).toBe('BAD_BIRTH_DATE');
    expect(error.message).toContain('19900230不存在');
  });
});

describe('normalizeIdNumber: cleaning what spreadsheets contain', () => {
  const id = '41092819900101001X';

  test.each([
    ['NBSP', '410928\u00A019900101\u00A0001X'],
    ['zero-width space U+200B', '410928\u200B19900101001X'],
    ['zero-width non-joiner U+200C', '410928\u200C19900101001X'],
    ['zero-width joiner U+200D', '410928\u200D19900101001X'],
    ['BOM U+FEFF', '\uFEFF41092819900101001X'],
    ['ideographic space U+3000', '410928\u300019900101001X'],
    ['tabs and newlines', '\t41092819900101001X\r\n'],
    ['ASCII hyphens', '410928-19900101-001X'],
    ['full-width hyphen', '410928－19900101－001X'],
    ['en dash', '410928\u201319900101\u2013001X'],
    ['a leading left single quote ‘', '\u201841092819900101001X'],
    ['a leading right single quote ’', '\u201941092819900101001X'],
    ['a full-width apostrophe', '＇41092819900101001X'],
    ['spaces before the apostrophe', "  '41092819900101001X"],
    ['full-width lower-case ｘ', '41092819900101001ｘ'],
  ])('strips or folds %s', (_label, input) => {
    expect(normalizeIdNumber(input).idNumber).toBe(id);
  });

  test('cleans a 15-digit number before upgrading it and keeps the cleaned original', () => {
    expect(normalizeIdNumber(' ４１０９２８-850615123\u200B')).toEqual({
      idNumber: '410928198506151235',
      upgradedFrom: '410928850615123',
    });
  });
});

describe('normalizeIdNumber: EMPTY', () => {
  test.each([
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['whitespace only', '  \t\u00A0\u3000 '],
    ['zero-width characters only', '\u200B\uFEFF'],
    ['a lone apostrophe', "'"],
  ])('rejects %s as EMPTY', (_label, input) => {
    const error = errorFor(input);
    expect(error.code).toBe('EMPTY');
    expect(error.message).toBe('身份证号为空，请填写身份证号');
  });
});

describe('normalizeIdNumber: BAD_CHARACTERS', () => {
  test('rejects letter O typed for 0 and names it, instead of guessing', () => {
    const error = errorFor('41092819900101O01X');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('“O”');
    expect(error.message).toContain('第15位');
    expect(error.message).toContain('不能代替数字');
  });

  test('rejects lower-case letter l typed for 1 and names it', () => {
    const error = errorFor('4109281990010100l1');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('“l”');
  });

  test('rejects a Cyrillic О and shows its code point', () => {
    const error = errorFor('41092819900101\u041E01X');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('U+041E');
  });

  test('rejects an invisible control character by code point', () => {
    const error = errorFor('410928199001010\u000101X');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('U+0001');
  });

  test('rejects X anywhere but the 18th position', () => {
    const error = errorFor('4109281990010100X1');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('第17位');
  });

  test('rejects X at the end of a 15-digit number (old numbers had no check character)', () => {
    expect(codeFor('41092885061512X')).toBe('BAD_CHARACTERS');
  });

  test('rejects a trailing apostrophe (only a leading one is Excel’s text marker)', () => {
    expect(codeFor("41092819900101001X'")).toBe('BAD_CHARACTERS');
  });

  test.each([
    ['an object', {}],
    ['a boolean', true],
    ['an array', ['41092819900101001X']],
  ])('rejects %s as BAD_CHARACTERS', (_label, input) => {
    expect(codeFor(input)).toBe('BAD_CHARACTERS');
  });
});

describe('normalizeIdNumber: BAD_LENGTH', () => {
  test.each([
    ['17 digits', '4109281990010100X'.slice(0, 17), 17],
    ['16 digits', '4109281990010100', 16],
    ['19 digits', '4109281990010100130', 19],
    ['14 digits', '41092885061512', 14],
  ])('rejects %s and says how many were given', (_label, input, count) => {
    const error = errorFor(input);
    expect(error.code).toBe('BAD_LENGTH');
    expect(error.message).toContain('18位');
    expect(error.message).toContain('15位');
    expect(error.message).toContain(`实际为${count}位`);
  });

  test('reports a dropped digit before a check X as BAD_LENGTH, not as a misplaced X', () => {
    expect(codeFor('4109281990010101X')).toBe('BAD_LENGTH');
  });
});

describe('normalizeIdNumber: BAD_BIRTH_DATE', () => {
  test('accepts Feb 29 in a leap year (1996)', () => {
    const id = makeIdNumber('410928', '1996-02-29', 2);
    expect(normalizeIdNumber(id).idNumber).toBe(id);
  });

  test('accepts Feb 29 2000 (divisible by 400, so a leap year)', () => {
    expect(normalizeIdNumber('410928200002290186').idNumber).toBe('410928200002290186');
  });

  test('rejects Feb 29 in a non-leap year (1997) even though the check character matches', () => {
    const id = withValidCheck('41092819970229001');
    const error = errorFor(id);
    expect(error.code).toBe('BAD_BIRTH_DATE');
    expect(error.message).toBe('身份证号中的出生日期19970229不存在，请核对号码');
  });

  test('rejects Feb 29 1900 (divisible by 100 but not 400, so not a leap year)', () => {
    expect(codeFor(withValidCheck('41092819000229001'))).toBe('BAD_BIRTH_DATE');
  });

  test.each([
    ['Feb 30', '41092819900230001', '19900230'],
    ['month 13', '41092819901301001', '19901301'],
    ['month 00', '41092819900001001', '19900001'],
    ['day 00', '41092819900100001', '19900100'],
    ['April 31', '41092819900431001', '19900431'],
  ])('rejects %s with a valid check character and names the date', (_label, body17, date) => {
    const error = errorFor(withValidCheck(body17));
    expect(error.code).toBe('BAD_BIRTH_DATE');
    expect(error.message).toContain(date);
  });

  test('rejects an impossible date in a 15-digit number, naming the upgraded date', () => {
    const error = errorFor('410928850230123');
    expect(error.code).toBe('BAD_BIRTH_DATE');
    expect(error.message).toContain('19850230');
  });

  test('rejects a birth year before 1800', () => {
    const error = errorFor(withValidCheck('41092817991231001'));
    expect(error.code).toBe('BAD_BIRTH_DATE');
    expect(error.message).toContain('1800');
  });

  test('accepts 1800-1899 births, as the standard itself does (its example is born 1880)', () => {
    const id = withValidCheck('41092818991231001');
    expect(normalizeIdNumber(id).idNumber).toBe(id);
  });

  describe('future dates, judged by the date in China (UTC+8)', () => {
    afterEach(() => jest.restoreAllMocks());

    // 2024-06-01 16:30 UTC is already 2024-06-02 00:30 in 濮阳.
    const NOW = Date.parse('2024-06-01T16:30:00Z');

    test('accepts a baby born today in China although it is still yesterday in UTC', () => {
      jest.spyOn(Date, 'now').mockReturnValue(NOW);
      const id = withValidCheck('41092820240602001');
      expect(normalizeIdNumber(id).idNumber).toBe(id);
    });

    test('rejects a birth date after today in China', () => {
      jest.spyOn(Date, 'now').mockReturnValue(NOW);
      const error = errorFor(withValidCheck('41092820240603001'));
      expect(error.code).toBe('BAD_BIRTH_DATE');
      expect(error.message).toBe('身份证号中的出生日期20240603晚于今天，请核对号码');
    });

    test('rejects a far-future birth date with the real clock', () => {
      expect(codeFor(withValidCheck('41092829990101001'))).toBe('BAD_BIRTH_DATE');
    });
  });
});

describe('normalizeIdNumber: BAD_CHECK_CHARACTER', () => {
  test('rejects a wrong X and states the expected digit', () => {
    const error = errorFor('41092819851231002X');
    expect(error.code).toBe('BAD_CHECK_CHARACTER');
    expect(error.message).toBe('身份证号校验位错误：按前17位应为8，实际为X，请核对号码');
  });

  test('rejects two swapped adjacent digits', () => {
    expect(codeFor('410928198512300128')).toBe('BAD_CHECK_CHARACTER');
  });
});

describe('normalizeIdNumber: Excel truncation', () => {
  test('reports an 18-digit string ending in 000 whose check fails as EXCEL_TRUNCATED', () => {
    const error = errorFor('410928199001010000');
    expect(error.code).toBe('EXCEL_TRUNCATED');
    expect(error.message).toBe('身份证号末三位为000，疑似被Excel按数字格式截断，请将该列设为文本后重新录入');
  });

  test('accepts a genuine number ending in 000 when its check character is right', () => {
    expect(normalizeIdNumber('410928199001017000').idNumber).toBe('410928199001017000');
  });

  test('reports a JS number above 2^53 (410928199001010010 → 410928199001010000) as EXCEL_TRUNCATED', () => {
    // eslint-disable-next-line no-loss-of-precision -- the loss is the point: Excel hands the hub this rounded number
    const cell = 410928199001010010;
    expect(cell > Number.MAX_SAFE_INTEGER).toBe(true);
    const error = errorFor(cell);
    expect(error.code).toBe('EXCEL_TRUNCATED');
    expect(error.input).toBe('410928199001010000');
    expect(error.message).toContain('Excel');
  });

  test('never trusts a JS number above 2^53, even one whose check character happens to pass', () => {
    // 410928199001017000 is a valid number, but as a double its last digits could have been anything.
    const error = errorFor(410928199001017000);
    expect(error.code).toBe('EXCEL_TRUNCATED');
  });

  test.each(['4.10928E+17', '4.10928199001010e17', '4.10928e+17'])('reports the scientific-notation text %s as EXCEL_TRUNCATED', (text) => {
    const error = errorFor(text);
    expect(error.code).toBe('EXCEL_TRUNCATED');
    expect(error.message).toContain('科学计数法');
  });
});

describe('normalizeIdNumber: number and bigint cells', () => {
  test('converts a 15-digit safe-integer cell exactly and upgrades it', () => {
    expect(normalizeIdNumber(410928850615123)).toEqual({
      idNumber: '410928198506151235',
      upgradedFrom: '410928850615123',
    });
  });

  test('accepts an 18-digit bigint exactly', () => {
    expect(normalizeIdNumber(410928198512310028n)).toEqual({ idNumber: '410928198512310028' });
  });

  test('rejects a negative number instead of stripping its minus sign like a hyphen', () => {
    const error = errorFor(-410928850615123);
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.message).toContain('“-”');
  });

  test.each([
    ['a fraction', 410928850615.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s as BAD_CHARACTERS', (_label, cell) => {
    expect(codeFor(cell)).toBe('BAD_CHARACTERS');
  });
});

describe('IdNumberError and tryNormalizeIdNumber', () => {
  test('IdNumberError is an Error carrying code, name and the raw input', () => {
    let caught: unknown;
    try {
      normalizeIdNumber(' 41092819900101O01X ');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IdNumberError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as IdNumberError;
    expect(error.name).toBe('IdNumberError');
    expect(error.code).toBe('BAD_CHARACTERS');
    expect(error.input).toBe(' 41092819900101O01X ');
  });

  test('records the empty string as input for null and undefined', () => {
    expect(errorFor(null).input).toBe('');
    expect(errorFor(undefined).input).toBe('');
  });

  test('tryNormalizeIdNumber returns ok with the value on success', () => {
    expect(tryNormalizeIdNumber('41092819780515006x')).toEqual({
      ok: true,
      value: { idNumber: '41092819780515006X' },
    });
  });

  test('tryNormalizeIdNumber returns the IdNumberError on failure instead of throwing', () => {
    const result = tryNormalizeIdNumber('410928199001010010');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(IdNumberError);
      expect(result.error.code).toBe('BAD_CHECK_CHARACTER');
    }
  });

  test('no error message repeats the full ID number (messages end up in logs)', () => {
    const inputs = ['410928199001010010', '410928199002300010', '410928199001010000', '41092819900101O01X'];
    for (const input of inputs) {
      expect(errorFor(input).message).not.toContain(input);
    }
  });
});
