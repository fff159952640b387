/**
 * What the tray (menu-bar) icon says and offers for a call state. It offers only what the core's
 * own rules accept now (`memberActions`, the transfer under way), so a menu click can never be an
 * action the window would refuse; the Electron shell only draws the list and sends the request.
 */
import type { Participant, SessionSnapshot } from '../contract/domain';
import type { ChannelName } from '../contract/ipc';
import { text, type MessageId, type Text } from '../contract/text';
import { memberActions, type TransferEndAction } from '../session/transitions';

/** What a menu item does when clicked. */
export type TrayCommand =
  | { kind: 'show' }
  | { kind: 'quit' }
  | { kind: 'request'; channel: ChannelName; payload?: { participantId: string } };

/** One line of the menu, its label in the catalog: the shell says it in the agent's language. */
export type TrayItem = { type: 'separator' } | { type: 'item'; label: Text; enabled: boolean; command: TrayCommand | null };

// Windows cuts tray tooltips at 127 characters.
const TOOLTIP_MAX = 127;

const TRANSFER_ITEMS: { action: TransferEndAction; label: MessageId; channel: ChannelName }[] = [
  { action: 'complete_transfer', label: 'tray.completeTransfer', channel: 'call:complete-transfer' },
  { action: 'cancel_transfer', label: 'tray.cancelTransfer', channel: 'call:cancel-transfer' },
  { action: 'merge_transfer', label: 'tray.mergeCalls', channel: 'call:merge-transfer' },
];

/** How a person is named in the menu and the tooltip. */
function nameOf(p: Participant): string {
  return p.label ?? p.displayAddress;
}

const item = (label: Text, command: TrayCommand | null, enabled = true): TrayItem => ({ type: 'item', label, enabled, command });

/** The menu for the call as it stands: Show Handoff, the actions valid now, Quit. */
export function trayMenu(session: SessionSnapshot | null): TrayItem[] {
  return [item(text('tray.show'), { kind: 'show' }), ...callItems(session), { type: 'separator' }, item(text('tray.quit'), { kind: 'quit' })];
}

function callItems(session: SessionSnapshot | null): TrayItem[] {
  if (session === null) return [];
  // The action is a message's select choice: each language words the running action its own way.
  if (session.pending !== null) return [{ type: 'separator' }, item(text('tray.waiting', { action: session.pending }), null, false)];
  if (session.unconfirmed !== null) {
    return [{ type: 'separator' }, item(text('tray.unconfirmed', { action: session.unconfirmed.action }), null, false)];
  }
  if (session.transfer !== null) {
    return [{ type: 'separator' }, ...TRANSFER_ITEMS.map(({ label, channel }) => item(text(label), { kind: 'request', channel }))];
  }
  const rows = session.participants.flatMap((p) =>
    memberActions(session, p.id)
      .filter((action) => action === 'hold' || action === 'unhold')
      .map((action) =>
        item(text(action === 'hold' ? 'tray.hold' : 'tray.resume', { name: nameOf(p) }), {
          kind: 'request',
          channel: action === 'hold' ? 'call:hold' : 'call:unhold',
          payload: { participantId: p.id },
        }),
      ),
  );
  return rows.length === 0 ? [] : [{ type: 'separator' }, ...rows];
}

/** The tray icon's tooltip: the call's state in a few words, in the agent's language, cut to what Windows shows. */
export function trayTooltip(session: SessionSnapshot | null, say: (said: Text) => string): string {
  return say(describe(session)).slice(0, TOOLTIP_MAX);
}

function describe(session: SessionSnapshot | null): Text {
  if (session === null) return text('tray.tooltip.noCall');
  if (session.pending !== null) return text('tray.tooltip.waiting', { action: session.pending });
  if (session.unconfirmed !== null) return text('tray.tooltip.unconfirmed', { action: session.unconfirmed.action });
  const transfer = session.transfer;
  const target = transfer === null ? undefined : session.participants.find((p) => p.id === transfer.targetId);
  if (target !== undefined) return text('tray.tooltip.consulting', { name: nameOf(target) });
  const others = session.participants.filter((p) => p.kind !== 'self' && p.state !== 'left');
  if (others.length === 0) return text('tray.tooltip.ended');
  const names = others.map(nameOf);
  const held = others.filter((p) => p.state === 'on_hold').map(nameOf);
  return held.length === 0 ? text('tray.tooltip.onCall', { names }) : text('tray.tooltip.onCallHeld', { names, held });
}

/** Whether closing the window hides it to the tray: while a call is open, so the call stays at hand. */
export function hidesOnClose(session: SessionSnapshot | null): boolean {
  return session !== null;
}

/** Said once, the first time the window hides to the tray, so the agent knows it did not quit. */
export const HIDDEN_TO_TRAY: Text = text('desk.hiddenToTray');
