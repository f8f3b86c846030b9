import { describe, expect, it } from 'vitest';
import { assertPhoto, assertPhotoCount, detectPhotoType, PHOTO_MAX_BYTES, PHOTOS_PER_VISIT } from './visit-photo.ts';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]);

describe('visit photos', () => {
  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(detectPhotoType(JPEG)).toBe('image/jpeg');
    expect(detectPhotoType(PNG)).toBe('image/png');
    expect(detectPhotoType(WEBP)).toBe('image/webp');
  });

  it('refuses HTML, SVG and empty files whatever they are called', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(() => assertPhoto(encode('<html><script>alert(1)</script>'), false)).toThrow(
      expect.objectContaining({ code: 'PHOTO_TYPE' }),
    );
    expect(() => assertPhoto(encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), false)).toThrow(
      expect.objectContaining({ code: 'PHOTO_TYPE' }),
    );
    expect(() => assertPhoto(new Uint8Array(), false)).toThrow(expect.objectContaining({ code: 'PHOTO_TYPE' }));
  });

  it('refuses a file cut off at the limit or larger than it', () => {
    expect(() => assertPhoto(JPEG, true)).toThrow(expect.objectContaining({ code: 'PHOTO_TOO_LARGE' }));
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(JPEG);
    expect(() => assertPhoto(big, false)).toThrow(expect.objectContaining({ code: 'PHOTO_TOO_LARGE' }));
    expect(assertPhoto(JPEG, false)).toBe('image/jpeg');
  });

  it('keeps at most nine photos a visit', () => {
    expect(() => assertPhotoCount(PHOTOS_PER_VISIT - 1)).not.toThrow();
    expect(() => assertPhotoCount(PHOTOS_PER_VISIT)).toThrow(expect.objectContaining({ code: 'PHOTOS_TOO_MANY' }));
  });
});
