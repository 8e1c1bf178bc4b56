import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from './errors.ts';

/** What may be attached to a record: photos from phones and scanned documents. */
export const ATTACHMENT_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

export interface StoredFile {
  sha256: string;
  mimeType: string;
  size: number;
}

function fileFor(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

/**
 * Checks a file's real type by its content (never the name or the declared type) and stores it once
 * under its SHA-256 in the data folder, so the same photo sent twice takes the space of one.
 */
export async function storeAttachment(dataDir: string, content: Buffer): Promise<StoredFile> {
  const type = await fileTypeFromBuffer(content);
  if (!type || !ATTACHMENT_TYPES.has(type.mime)) throw new AppError('case.attachment_type');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const target = fileFor(dataDir, sha256);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file, and two writers of one hash end the same.
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, target);
  }
  return { sha256, mimeType: type.mime, size: content.length };
}

/** A stored file's content as a stream, or null when it is missing from the data folder. */
export function openAttachment(dataDir: string, sha256: string): fs.ReadStream | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const file = fileFor(dataDir, sha256);
  return fs.existsSync(file) ? fs.createReadStream(file) : null;
}
