import { describe, expect, it } from 'vitest';
import { isAllowedExternal } from '../../../main/electron/external-links';

describe('links to the system browser', () => {
  it.each(['https://console.plivo.com/dashboard/', 'https://www.plivo.com/docs/phlo/', 'HTTPS://CONSOLE.PLIVO.COM/'])(
    'opens %s',
    (url) => {
      expect(isAllowedExternal(url)).toBe(true);
    },
  );

  it.each([
    'http://console.plivo.com/',
    'https://console.plivo.com@evil.example/',
    'https://user:pw@console.plivo.com/',
    'https://console.plivo.com.evil.example/',
    'https://www.plivo.com/pricing/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false);
  });
});
