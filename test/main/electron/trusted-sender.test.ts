import { describe, expect, it } from 'vitest';
import { isAppUrl, untrustedSender } from '../../../main/electron/trusted-sender';

// Plain objects shaped like Electron's: identity is what the check compares.
function scene(url = 'app://handoff/index.html') {
  const mainFrame = { url };
  const webContents = { mainFrame };
  const window = { webContents, isDestroyed: () => false };
  return { window, webContents, mainFrame };
}
type Event = Parameters<typeof untrustedSender>[0];
type Window = Parameters<typeof untrustedSender>[1];
const check = (event: unknown, window: unknown) => untrustedSender(event as Event, window as Window);

describe('IPC sender check', () => {
  it('accepts the app window\'s top frame on the app\'s page', () => {
    const { window, webContents, mainFrame } = scene();
    expect(check({ sender: webContents, senderFrame: mainFrame }, window)).toBeNull();
  });

  it('refuses another window, a destroyed one, or none', () => {
    const { window, mainFrame } = scene();
    const other = scene();
    expect(check({ sender: other.webContents, senderFrame: mainFrame }, window)).toBe('unknown_window');
    expect(check({ sender: window.webContents, senderFrame: mainFrame }, { ...window, isDestroyed: () => true })).toBe('unknown_window');
    expect(check({ sender: window.webContents, senderFrame: mainFrame }, null)).toBe('unknown_window');
  });

  it('refuses a subframe and a frame that is gone', () => {
    const { window, webContents } = scene();
    expect(check({ sender: webContents, senderFrame: { url: 'app://handoff/index.html' } }, window)).toBe('not_top_frame');
    expect(check({ sender: webContents, senderFrame: null }, window)).toBe('not_top_frame');
  });

  it('refuses the top frame once it shows anything but the app\'s page', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank']) {
      const { window, webContents, mainFrame } = scene(url);
      expect(check({ sender: webContents, senderFrame: mainFrame }, window)).toBe('not_app_page');
    }
  });
});

describe('isAppUrl', () => {
  it('knows the app\'s own scheme and host only', () => {
    expect(isAppUrl('app://handoff/index.html')).toBe(true);
    expect(isAppUrl('app://handoff.evil.example/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
