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

/** A file of an upload: stored, with the name the client gave it. */
export type UploadedFile = StoredFile & { fileName: string };

/** One part of a multipart request, as far as uploads read it (what @fastify/multipart yields). */
type UploadPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; filename: string; toBuffer: () => Promise<Buffer> };

/**
 * Reads a multipart upload: stores every file, keeps the text fields, and answers the size limit,
 * too many files or no file at all with the one localised error each (never a 500).
 */
export async function readUpload(
  parts: AsyncIterable<UploadPart>,
  dataDir: string,
  maxBytes: number,
): Promise<{ files: UploadedFile[]; fields: Map<string, string> }> {
  const files: UploadedFile[] = [];
  const fields = new Map<string, string>();
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      const content = await part.toBuffer();
      files.push({
        ...(await storeAttachment(dataDir, content)),
        fileName: part.filename.slice(0, 200) || 'file',
      });
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('case.attachment_too_large', { limit: Math.round(maxBytes / 1_048_576) });
    if (code === 'FST_FILES_LIMIT') throw new AppError('request.invalid', { fields: 'body' });
    throw error;
  }
  if (files.length === 0)
    throw new AppError('request.invalid', { fields: 'body.file' }, [
      { path: 'body.file', code: 'required', message: 'file', i18n: 'file_required' },
    ]);
  return { files, fields };
}
