/**
 * What the tray (menu-bar) icon says and offers for a call state. It offers only what the core's
 * own rules accept now (`memberActions`, the transfer under way), so a menu click can never be an
 * action the window would refuse; the Electron shell only draws the list and sends the request.
 */
import type { Participant, SessionAction, SessionSnapshot } from '../contract/domain';
import type { ChannelName } from '../contract/ipc';
import { memberActions, type TransferEndAction } from '../session/transitions';

/** What a menu item does when clicked. */
export type TrayCommand =
  | { kind: 'show' }
  | { kind: 'quit' }
  | { kind: 'request'; channel: ChannelName; payload?: { participantId: string } };

/** One line of the menu. */
export type TrayItem = { type: 'separator' } | { type: 'item'; label: string; enabled: boolean; command: TrayCommand | null };

// Windows cuts tray tooltips at 127 characters.
const TOOLTIP_MAX = 127;

const TRANSFER_ITEMS: { action: TransferEndAction; label: string; channel: ChannelName }[] = [
  { action: 'complete_transfer', label: 'Complete transfer', channel: 'call:complete-transfer' },
  { action: 'cancel_transfer', label: 'Cancel transfer', channel: 'call:cancel-transfer' },
  { action: 'merge_transfer', label: 'Merge calls', channel: 'call:merge-transfer' },
];

/** What an action is called while it runs, for the menu and the tooltip. */
export const ACTION_NAMES: Record<SessionAction, string> = {
  warm_transfer: 'the warm transfer',
  cold_transfer: 'the cold transfer',
  add_participant: 'adding someone',
  complete_transfer: 'completing the transfer',
  cancel_transfer: 'cancelling the transfer',
  merge_transfer: 'merging the calls',
  hold: 'the hold',
  unhold: 'the resume',
  hangup: 'the hang-up',
  voicemail_drop: 'the voicemail drop',
};

/** How a person is named in the menu and the tooltip. */
function nameOf(p: Participant): string {
  return p.label ?? p.displayAddress;
}

const item = (label: string, command: TrayCommand | null, enabled = true): TrayItem => ({ type: 'item', label, enabled, command });

/** The menu for the call as it stands: Show Handoff, the actions valid now, Quit. */
export function trayMenu(session: SessionSnapshot | null): TrayItem[] {
  return [item('Show Handoff', { kind: 'show' }), ...callItems(session), { type: 'separator' }, item('Quit Handoff', { kind: 'quit' })];
}

function callItems(session: SessionSnapshot | null): TrayItem[] {
  if (session === null) return [];
  if (session.pending !== null) return [{ type: 'separator' }, item(`Waiting for Plivo: ${ACTION_NAMES[session.pending]}…`, null, false)];
  if (session.unconfirmed !== null) {
    return [{ type: 'separator' }, item(`Say in Handoff whether ${ACTION_NAMES[session.unconfirmed.action]} went through`, null, false)];
  }
  if (session.transfer !== null) {
    return [{ type: 'separator' }, ...TRANSFER_ITEMS.map(({ label, channel }) => item(label, { kind: 'request', channel }))];
  }
  const rows = session.participants.flatMap((p) =>
    memberActions(session, p.id)
      .filter((action) => action === 'hold' || action === 'unhold')
      .map((action) =>
        item(`${action === 'hold' ? 'Hold' : 'Resume'} ${nameOf(p)}`, {
          kind: 'request',
          channel: action === 'hold' ? 'call:hold' : 'call:unhold',
          payload: { participantId: p.id },
        }),
      ),
  );
  return rows.length === 0 ? [] : [{ type: 'separator' }, ...rows];
}

/** The tray icon's tooltip: the call's state in a few words. */
export function trayTooltip(session: SessionSnapshot | null): string {
  return `Handoff: ${describe(session)}`.slice(0, TOOLTIP_MAX);
}

function describe(session: SessionSnapshot | null): string {
  if (session === null) return 'no call open';
  if (session.pending !== null) return `waiting for Plivo (${ACTION_NAMES[session.pending]})`;
  if (session.unconfirmed !== null) return `did ${ACTION_NAMES[session.unconfirmed.action]} go through? Say in Handoff`;
  const transfer = session.transfer;
  const target = transfer === null ? undefined : session.participants.find((p) => p.id === transfer.targetId);
  if (target !== undefined) return `warm transfer, consulting ${nameOf(target)}`;
  const others = session.participants.filter((p) => p.kind !== 'self' && p.state !== 'left');
  if (others.length === 0) return 'the call has ended';
  const held = others.filter((p) => p.state === 'on_hold').map(nameOf);
  return `on a call with ${others.map(nameOf).join(', ')}${held.length === 0 ? '' : ` (on hold: ${held.join(', ')})`}`;
}

/** Whether closing the window hides it to the tray: while a call is open, so the call stays at hand. */
export function hidesOnClose(session: SessionSnapshot | null): boolean {
  return session !== null;
}

/** Said once, the first time the window hides to the tray, so the agent knows it did not quit. */
export const HIDDEN_TO_TRAY =
  'Handoff is still running in the tray, because a call is open. Click its icon to show it again; Quit Handoff is in its menu.';
