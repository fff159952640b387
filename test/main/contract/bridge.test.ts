import { describe, expect, it } from 'vitest';
import { createHandoffApi } from '../../../main/contract/bridge';
import { CHANNELS, type ChannelName } from '../../../main/contract/ipc';

describe('window.handoff', () => {
  const sent: [ChannelName, unknown][] = [];
  const unsubscribe = () => undefined;
  const subscribed: string[] = [];
  const api = createHandoffApi(
    (channel, payload) => {
      sent.push([channel, payload]);
      return Promise.resolve({ ok: true, value: channel });
    },
    (event) => {
      subscribed.push(event);
      return unsubscribe;
    },
  );

  it('offers one named operation per channel, each calling exactly that channel', async () => {
    const operations = Object.values(api).flatMap((group) =>
      typeof group === 'function' ? [] : Object.values(group as Record<string, (input?: unknown) => Promise<unknown>>),
    );
    expect(operations).toHaveLength(Object.keys(CHANNELS).length);
    sent.length = 0;
    for (const operation of operations) await operation({ marker: true });
    expect(sent.map(([channel]) => channel).sort()).toEqual(Object.keys(CHANNELS).sort());
    expect(sent.every(([, payload]) => (payload as { marker?: boolean }).marker === true)).toBe(true);
  });

  it('names operations for what the agent does', async () => {
    sent.length = 0;
    await api.call.warmTransfer({ to: '+14152225555' });
    await api.session.end();
    await api.app.startDemo();
    expect(sent).toEqual([
      ['call:warm-transfer', { to: '+14152225555' }],
      ['session:end', undefined],
      ['demo:start', undefined],
    ]);
  });

  it('hands session and connection subscriptions to the transport under their event names, and returns its unsubscribe', () => {
    subscribed.length = 0;
    expect(api.onSessionChange(() => undefined)).toBe(unsubscribe);
    expect(api.onConnectionChange(() => undefined)).toBe(unsubscribe);
    expect(subscribed).toEqual(['session:changed', 'connection:changed']);
  });

  it('reads the connection status and replaces one credential through their own channels', async () => {
    sent.length = 0;
    await api.connection.status();
    await api.credentials.replace({ authToken: 'new' });
    expect(sent).toEqual([
      ['connection:status', undefined],
      ['credentials:replace', { authToken: 'new' }],
    ]);
  });
});
