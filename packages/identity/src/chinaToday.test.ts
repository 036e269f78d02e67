import { chinaToday } from './chinaToday';

describe('chinaToday', () => {
  test('is already the next day from 16:00 UTC onwards (UTC+8)', () => {
    expect(chinaToday(Date.parse('2024-12-31T15:59:59Z'))).toBe('20241231');
    expect(chinaToday(Date.parse('2024-12-31T16:00:00Z'))).toBe('20250101');
  });

  test('follows Date.now() by default', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2000-02-28T17:00:00Z'));
    try {
      expect(chinaToday()).toBe('20000229');
    } finally {
      spy.mockRestore();
    }
  });
});
