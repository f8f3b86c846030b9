/**
 * Photos of a home visit: what kind of file is accepted, judged by its first bytes (never by the name
 * or the type the browser claims), and how many and how large.
 */
import { invalid } from '../shared/errors.ts';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTOS_PER_VISIT = 9;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type from the file's signature; null for anything else (HTML, SVG, executables…). */
export function detectPhotoType(head: Uint8Array): PhotoType | null {
  const starts = (bytes: number[], offset = 0) => bytes.every((byte, index) => head[offset + index] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export function photoExtension(type: PhotoType): string {
  return EXTENSIONS[type];
}

/** A photo as uploaded: a known image type, not empty, within the size limit. */
export function assertPhoto(bytes: Uint8Array, truncated: boolean): PhotoType {
  if (truncated || bytes.length > PHOTO_MAX_BYTES) {
    throw invalid(
      'PHOTO_TOO_LARGE',
      `a photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`,
      `照片不能超过${PHOTO_MAX_BYTES / 1024 / 1024}MB`,
      'file',
    );
  }
  const type = bytes.length > 0 ? detectPhotoType(bytes.subarray(0, 16)) : null;
  if (!type)
    throw invalid('PHOTO_TYPE', 'upload a JPEG, PNG or WebP photo', '只能上传JPG、PNG或WebP格式的照片', 'file');
  return type;
}

export function assertPhotoCount(existing: number): void {
  if (existing >= PHOTOS_PER_VISIT) {
    throw invalid(
      'PHOTOS_TOO_MANY',
      `a visit keeps at most ${PHOTOS_PER_VISIT} photos`,
      `每次走访最多上传${PHOTOS_PER_VISIT}张照片`,
      'file',
    );
  }
}
