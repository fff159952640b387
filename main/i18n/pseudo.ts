/**
 * Pseudo-languages made from the English catalog at build time, so untranslated text, clipped
 * labels and left-to-right assumptions show up before a translator sees the app. Lingui's compiler
 * hands each piece of text (never a placeholder, a plural or a select) to the transform, so ICU
 * syntax cannot be broken by it.
 */
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';

const PLAIN = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const ACCENTED = Array.from('áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ');
const ACCENT: ReadonlyMap<string, string> = new Map(PLAIN.map((letter, index) => [letter, ACCENTED[index] ?? letter]));

/** `en-XA`: every letter accented, and the message 40% longer, padded with words so it can still wrap. */
export function accented(source: string): CompiledMessage {
  let length = 0;
  const compiled = compileMessageOrThrow(source, (text) => {
    length += text.length;
    return text.replace(/[a-z]/gi, (c) => ACCENT.get(c) ?? c);
  });
  if (length === 0) return compiled;
  const pad = ' ẋẋẋẋẋẋ'.repeat(Math.ceil(length / 7)).slice(0, Math.ceil(length * 0.4));
  return ['[', ...compiled, `${pad}]`];
}

// Right-to-left mark, right-to-left override … pop directional formatting, per word: Android's pseudo-bidi.
const rightToLeft = (word: string) => `\u200f\u202e${word}\u202c\u200f`;

/** `ar-XB`: English words shown right to left, so the layout mirrors as it will in Arabic. */
export function mirrored(source: string): CompiledMessage {
  return compileMessageOrThrow(source, (text) => text.replace(/\S+/g, rightToLeft));
}
