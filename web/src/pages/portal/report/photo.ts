// Photos from a phone are large (4000 px, several MB) and carry the place they were taken in their
// metadata. Before upload each is drawn onto a canvas no larger than MAX_EDGE and saved as a JPEG:
// a few hundred KB over a weak line, and no hidden location or camera data leaves the phone.

/** The longer side of an uploaded photo, in pixels. */
export const MAX_EDGE = 1600;
/** Photos per request (the server takes six files at once). */
export const MAX_PHOTOS = 6;
const JPEG_QUALITY = 0.82;
/** What the server takes per file; a photo that cannot be redrawn is sent as it is only under this. */
const MAX_UPLOAD_BYTES = 10 * 1_048_576;

/**
 * The size to draw a picture at so its longer side is at most `max`, keeping its proportions; a
 * smaller picture keeps its size (never enlarged), and neither side drops below one pixel.
 */
export function fitWithin(width: number, height: number, max = MAX_EDGE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** `IMG_0042.HEIC` → `IMG_0042.jpg`. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '') || 'photo';
  return `${base}.jpg`;
}

/**
 * The photo redrawn as a JPEG that fits MAX_EDGE (turned upright as the camera meant it). A picture
 * the browser cannot decode (HEIC on some phones) goes as it is when small enough; else it fails.
 */
export async function preparePhoto(file: File): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    if (file.size <= MAX_UPLOAD_BYTES) return file;
    throw error;
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) {
    bitmap.close();
    throw new Error('no 2d canvas');
  }
  context.fillStyle = '#ffffff'; // a transparent PNG would otherwise turn black as a JPEG
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
  );
  if (!blob) throw new Error('the photo could not be encoded');
  return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
}
