import { makeIdNumber } from '@hub/identity';
import { townships } from '@hub/vocabulary';
import { pick, random, seedOf, weighted } from './random';

export interface DemoPerson {
  index: number;
  idNumber: string;
  name: string;
  /** Township name as a clerk writes it. */
  township: string;
}

export const DEFAULT_SEED = 20220101;
export const DEFAULT_PERSONS = 20_000;

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎'.split('');
const givenChars = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文海燕鹏飞宇浩然子涵欣怡俊凯晨阳雪梅振华春生金凤'.split('');

// Address codes residents carry: 410928 濮阳县 since 1987, 412126 (1981–83) and 410911 (1983–87) before it.
const addressCodes = [
  ['410928', 85],
  ['412126', 5],
  ['410911', 6],
  ['410901', 2],
  ['410922', 2],
] as const;

const FIRST_BIRTH = Date.UTC(1962, 0, 1);
const BIRTH_DAYS = 16_000; // 1962-01-01 … 2005-10
const SEQUENCES = 1000;
// A multiplier coprime with BIRTH_DAYS × SEQUENCES spreads consecutive indexes over birth dates and order numbers.
const SPREAD = 8_006_007;

/** Person `index` of the demo county: always the same, and never the same ID number as another index. */
export function demoPerson(index: number, seed = DEFAULT_SEED): DemoPerson {
  const rng = random(seedOf(seed, 0, index));
  const slot = (index * SPREAD) % (BIRTH_DAYS * SEQUENCES);
  const birth = new Date(FIRST_BIRTH + (slot % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  const sequence = Math.floor(slot / BIRTH_DAYS);
  const drawn = weighted(rng, addressCodes);
  // Old codes were only issued before the county took 410928 in 1987.
  const address = (drawn === '412126' && birth >= '1984') || (drawn === '410911' && birth >= '1988') ? '410928' : drawn;
  const name = pick(rng, surnames) + pick(rng, givenChars) + (rng() < 0.6 ? pick(rng, givenChars) : '');
  const all = townships();
  // 城关镇 is the largest; the others are similar in size.
  const township = rng() < 0.15 ? all[0] : pick(rng, all);
  return { index, idNumber: makeIdNumber(address, birth, sequence), name, township: township.name };
}
