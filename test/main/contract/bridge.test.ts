import { describe, expect, it } from 'vitest';
import { createHandoffApi } from '../../../main/contract/bridge';
import { CHANNELS, type ChannelName } from '../../../main/contract/ipc';

describe('window.handoff', () => {
  const sent: [ChannelName, unknown][] = [];
  const unsubscribe = () => undefined;
  const api = createHandoffApi(
    (channel, payload) => {
      sent.push([channel, payload]);
      return Promise.resolve({ ok: true, value: channel });
    },
    () => unsubscribe,
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

  it('hands session subscriptions to the transport and returns its unsubscribe', () => {
    expect(api.onSessionChange(() => undefined)).toBe(unsubscribe);
  });
});
