import { describe, expect, it } from 'vitest';
import { jsonForScript } from '@/lib/json-for-script';

describe('jsonForScript', () => {
  it('escapes everything that could end a script element, and parses back to the same value', () => {
    const value = {
      description: '</script><script>alert(1)</script> <!-- & -->',
      lines: 'one\u2028two\u2029three',
    };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(text).toContain('\\u0026');
    expect(text).toContain('\\u2028');
    expect(text).toContain('\\u2029');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves other text as JSON.stringify writes it', () => {
    const value = { name: 'Les Misérables', price: '12.99', quote: '"Call me Ishmael."' };
    expect(jsonForScript(value)).toBe(JSON.stringify(value));
  });

  it('escapes keys and array items too', () => {
    const text = jsonForScript({ '</script>': ['</script>'] });
    expect(text).toBe('{"\\u003c/script\\u003e":["\\u003c/script\\u003e"]}');
  });
});
