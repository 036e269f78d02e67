import fs from 'node:fs';
import path from 'node:path';
import { choiceColumns, choiceKey, readChoice, synonymFile } from './readChoice';
import { readTownship } from './townships';

describe('synonym tables (data/synonyms/*.json)', () => {
  it('has one file per coded column and no other', () => {
    const files = fs.readdirSync(path.join(__dirname, '../data/synonyms')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...choiceColumns].sort());
  });

  it.each(choiceColumns)('%s: no spelling is read as two values, and every spelling reads back as its own value', (column) => {
    const file = synonymFile(column);
    const owner = new Map<string, string>();
    for (const [value, entry] of Object.entries(file.values)) {
      for (const spelling of entry.synonyms) {
        const key = choiceKey(spelling);
        expect([key, owner.get(key) ?? value]).toEqual([key, value]);
        owner.set(key, value);
        expect([spelling, readChoice(column, spelling)?.value]).toEqual([spelling, value]);
      }
    }
  });
});

describe('readChoice', () => {
  it.each([
    ['channel', '企业职工全员培训', 'ENTERPRISE', 'exact'],
    ['channel', 'social_rural', 'SOCIAL_RURAL', 'exact'],
    ['channel', '学校培训', 'SCHOOL_PUBLIC', 'synonym'],
    ['channel', '企业职工培训', 'ENTERPRISE', 'synonym'],
    ['channel', '农村实用技术培训', 'SOCIAL_RURAL', 'synonym'],
    ['channel', ' 學校培訓 ', 'SCHOOL_PUBLIC', 'synonym'],
    ['channel', '“学校培训”。', 'SCHOOL_PUBLIC', 'synonym'],
    ['channel', '２０２４年某职业技术学校短期培训', 'SCHOOL_PUBLIC', 'loose'],
    ['channel', '县农业农村局组织的技术培训', 'SOCIAL_RURAL', 'loose'],
    ['outcome', '未结业', 'DROPPED', 'exact'],
    ['outcome', '考核未结业', 'DROPPED', 'loose'],
    ['outcome', '已经结业', 'COMPLETED', 'loose'],
    ['targetGroup', '退伍军人', 'VETERAN', 'synonym'],
    ['targetGroup', '转岗职工', 'REASSIGNED_EMPLOYEE', 'exact'],
    ['targetGroup', '两后生', 'SCHOOL_LEAVER', 'synonym'],
    ['targetGroup', '城乡未继续升学初高中毕业生', 'SCHOOL_LEAVER', 'synonym'],
    ['targetGroup', '社区矫正对象', 'CORRECTIONS', 'synonym'],
    ['targetGroup', '农村低保对象家庭成员', 'SOCIAL_ASSISTANCE', 'loose'],
    ['targetGroup', '县总工会困难职工', 'HARDSHIP_EMPLOYEE', 'loose'],
    ['targetGroup', '返乡创业青年', 'RETURNEE', 'loose'],
    ['targetGroup', '农村妇女(家政)', 'WOMAN', 'loose'],
    ['status', '註銷', 'CANCELLED', 'synonym'],
    ['status', '已吊销', 'REVOKED', 'synonym'],
    ['status', '已注销', 'CANCELLED', 'exact'],
    ['sex', 'ｆ', 'FEMALE', 'synonym'],
    ['yesNo', '√', 'YES', 'synonym'],
  ] as const)('%s %s → %s (%s)', (column, text, value, rule) => {
    const read = readChoice(column, text);
    expect(read ? [read.value, read.rule] : [undefined, undefined]).toEqual([value, rule]);
  });

  it('never guesses between two values or from nothing', () => {
    expect(readChoice('channel', '企业和学校联合培训')).toBeUndefined();
    expect(readChoice('channel', '')).toBeUndefined();
    expect(readChoice('channel', '培训')).toBeUndefined();
    expect(readChoice('targetGroup', '群众')).toBeUndefined();
    // 困难职工 covers 职工, so it names one group; 退役军人 and 残疾 name two and are left for the clerk.
    expect(readChoice('targetGroup', '残疾退役人员')).toBeUndefined();
    expect(readChoice('outcome', '结业/未结业')).toBeUndefined();
  });
});

describe('readTownship', () => {
  it.each([
    ['柳屯镇', '410928101', 'exact'],
    ['410928101', '410928101', 'exact'],
    ['柳屯', '410928101', 'synonym'],
    ['濮阳县柳屯镇', '410928101', 'synonym'],
    ['柳屯镇人民政府', '410928101', 'synonym'],
    ['城关街道', '410928100', 'synonym'],
    ['城关镇办事处', '410928100', 'synonym'],
    ['戶部寨鎮', '410928107', 'synonym'],
    ['柳屯镇东街村', '410928101', 'loose'],
    ['410928101201', '410928101', 'loose'],
  ])('%s → %s (%s)', (text, code, rule) => {
    const read = readTownship(text);
    expect(read && [read.value.code, read.rule]).toEqual([code, rule]);
  });

  it('reads nothing that is not one of the 20', () => {
    expect(readTownship('新习镇')).toBeUndefined();
    expect(readTownship('410928999201')).toBeUndefined();
    expect(readTownship('人民政府')).toBeUndefined();
  });
});
