import { once } from 'node:events';
import zlib from 'node:zlib';
import { IntakeFileError } from './IntakeFileError';
import { ImportLimits, megabytes } from './importLimits';

/** Reads `length` bytes at `position` of the file (fewer at its end). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CHUNK = 64 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  offset: number;
}

const damaged = (detail: string) =>
  new IntakeFileError('NOT_A_SPREADSHEET', `xlsx 文件结构异常（${detail}），文件可能已损坏；请在 Excel 或 WPS 中打开后重新保存再导入`);

function tooLarge(what: string, limit: number): IntakeFileError {
  return new IntakeFileError(
    'TOO_LARGE',
    `文件解压后${what}超过 ${megabytes(limit)} 的上限，拒绝导入（可能是异常文件）；请删除无关的工作表、图片和格式，或把数据分成几个文件导入`,
  );
}

async function centralDirectory(readAt: ReadAt, size: number, limits: ImportLimits): Promise<{ entries: Entry[]; start: number }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged('找不到目录');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdStart = tail.readUInt32LE(at + 16);
  // ZIP64 (0xFFFF / 0xFFFFFFFF markers) is only needed beyond 4 GB or 65,535 parts: far beyond any limit here.
  if (count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) throw tooLarge('', limits.maxUnzippedBytes);
  if (count > limits.maxZipEntries) throw damaged(`含有 ${count} 个部件`);
  if (cdStart + cdSize > size - tailLength + at) throw damaged('目录位置错误');
  const cd = await readAt(cdStart, cdSize);
  const entries: Entry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw damaged('目录项错误');
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: Entry = {
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      declaredSize: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.offset === 0xffffffff)
      throw tooLarge('', limits.maxUnzippedBytes);
    entries.push(entry);
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return { entries, start: cdStart };
}

/** Inflates one part without keeping it, counting its bytes; stops as soon as it passes `limit`. */
async function inflatedSize(readAt: ReadAt, start: number, compressedSize: number, limit: number): Promise<number> {
  const inflater = zlib.createInflateRaw();
  let total = 0;
  let stopped = false;
  let failure: unknown;
  inflater.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total > limit && !stopped) {
      stopped = true;
      inflater.destroy();
    }
  });
  inflater.on('error', (error) => {
    failure ??= error;
    stopped = true;
  });
  const closed = once(inflater, 'close');
  try {
    for (let at = 0; at < compressedSize && !stopped; at += CHUNK) {
      const chunk = await readAt(start + at, Math.min(CHUNK, compressedSize - at));
      if (!inflater.write(chunk) && !stopped) await Promise.race([once(inflater, 'drain'), closed]);
    }
    if (!stopped) {
      inflater.end();
      await closed;
    }
  } finally {
    inflater.destroy();
  }
  if (failure !== undefined && total <= limit) throw damaged(`解压失败：${failure instanceof Error ? failure.message : String(failure)}`);
  return total;
}

/**
 * Checks an .xlsx's zip before exceljs reads it: the parts' declared sizes against the limits,
 * then every part inflated (and thrown away) with its bytes counted, because declared sizes can
 * lie; a part that inflates to more than it declares is refused as damaged. The parts must follow
 * each other without gaps from the start of the file to the directory, so that the streaming reader,
 * which walks the local headers, sees exactly the parts checked here.
 */
export async function checkXlsxZip(readAt: ReadAt, size: number, limits: ImportLimits): Promise<void> {
  const { entries, start } = await centralDirectory(readAt, size, limits);
  let declared = 0;
  for (const entry of entries) {
    declared += entry.declaredSize;
    if (declared > limits.maxUnzippedBytes) throw tooLarge('', limits.maxUnzippedBytes);
    if (entry.name === 'xl/sharedStrings.xml' && entry.declaredSize > limits.maxSharedStringsBytes)
      throw tooLarge('的共享文本（sharedStrings.xml）', limits.maxSharedStringsBytes);
  }
  const ordered = [...entries].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.offset !== expected) throw damaged(`部件 ${entry.name} 位置不连续`);
    const header = await readAt(entry.offset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw damaged(`部件 ${entry.name} 头部错误`);
    const dataStart = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    let end = dataStart + entry.compressedSize;
    if (entry.flags & 0x08) {
      const descriptor = await readAt(end, 4);
      end += descriptor.length === 4 && descriptor.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
    }
    expected = end;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.declaredSize) throw damaged(`部件 ${entry.name} 大小不符`);
    } else if (entry.method === 8) {
      const limit = entry.name === 'xl/sharedStrings.xml' ? Math.min(entry.declaredSize, limits.maxSharedStringsBytes) : entry.declaredSize;
      const actual = await inflatedSize(readAt, dataStart, entry.compressedSize, limit);
      if (actual > entry.declaredSize) throw damaged(`部件 ${entry.name} 解压后超过其声明的大小`);
      if (actual > limit) throw tooLarge('的共享文本（sharedStrings.xml）', limits.maxSharedStringsBytes);
    } else {
      throw damaged(`部件 ${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
    }
  }
  if (expected !== start) throw damaged('部件与目录之间有多余数据');
}
