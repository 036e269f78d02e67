import { contentDisposition } from './contentDisposition';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name as filename*', () => {
    expect(contentDisposition('教育局-证书(1).xlsx', 'education-certificates.xlsx')).toBe(
      `attachment; filename="education-certificates.xlsx"; filename*=UTF-8''%E6%95%99%E8%82%B2%E5%B1%80-%E8%AF%81%E4%B9%A6%281%29.xlsx`,
    );
    expect(contentDisposition('a.csv', '证书"x.csv')).toBe(`attachment; filename="___x.csv"; filename*=UTF-8''a.csv`);
  });
});
