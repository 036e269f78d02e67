/**
 * Traditional characters that turn up in coded cells (a clerk's input method set to 繁體, text
 * copied from Taiwan or Hong Kong sources), each with its simplified form. Only characters of the
 * hub's coded vocabularies are listed: names of persons are never converted.
 */
const pairs =
  '註注業业職职訓训練练學学農农實实術术會会機机關关單单員员專专構构級级師师證证書书銷销廢废結结軍军殘残貧贫脫脱畢毕義义務务鄉乡鎮镇縣县辦办處处無无過过對对類类別别狀状態态現现轉转復复戶户場场開开創创網网電电氣气車车駕驾駛驶資资質质營营經经濟济種种養养獸兽醫医護护幹干這这從从來来為为與与於于後后產产銀银歲岁';

let table: Map<string, string> | undefined;

function lookup(): Map<string, string> {
  if (table) return table;
  table = new Map();
  const chars = [...pairs];
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) table.set(chars[i], chars[i + 1]);
  return table;
}

/** The text with the listed traditional characters replaced by their simplified forms. */
export function toSimplified(text: string): string {
  const map = lookup();
  let out = '';
  for (const char of text) out += map.get(char) ?? char;
  return out;
}
