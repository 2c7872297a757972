import { afterAll, describe, expect, it, vi } from 'vitest';
import { absoluteUrl, appOrigin } from '@/lib/absolute-url';

vi.stubEnv('APP_URL', 'https://shop.example.com');
afterAll(() => vi.unstubAllEnvs());

describe('absoluteUrl', () => {
  it('puts a path of the store on its public origin', () => {
    expect(appOrigin().href).toBe('https://shop.example.com/');
    expect(absoluteUrl('/')).toBe('https://shop.example.com/');
    expect(absoluteUrl('/books/emma')).toBe('https://shop.example.com/books/emma');
  });

  it('refuses anything that could resolve elsewhere', () => {
    for (const path of ['books/emma', '//evil.example/books', 'https://evil.example/', '']) {
      expect(() => absoluteUrl(path)).toThrow(RangeError);
    }
  });
});
