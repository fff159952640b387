/**
 * Texts that arrive as data, not from code: a valibot issue's message (valibot carries only a
 * string) and a failure read back from the journal. Each is checked against the English catalog,
 * so an id this build does not have is never shown as an id. Main process only: it loads the
 * catalog's ids at run time, which the window has no need of.
 */
import * as v from 'valibot';
import english from '../../locales/en.json' with { type: 'json' };
import { text, type MessageId, type Text, type TextParam } from './text';

/** Whether `id` names a message in this build's catalog. */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(english, id);
}

/** A Text's params as stored: strings, numbers, nested Texts and lists of them. */
const TextParamSchema: v.GenericSchema<TextParam> = v.lazy(() =>
  v.union([v.string(), v.number(), StoredTextSchema, v.array(v.union([v.string(), StoredTextSchema]))]),
);

/** A Text as it was written to a file or a message, its id not yet checked. */
const StoredTextSchema: v.GenericSchema<Text> = v.object({
  id: v.pipe(v.string(), v.check(isMessageId)),
  params: v.optional(v.record(v.string(), TextParamSchema)),
}) as v.GenericSchema<Text>;

/** A Text read from a file, or null when it is not one this build can show. */
export function readText(value: unknown): Text | null {
  const parsed = v.safeParse(StoredTextSchema, value);
  return parsed.success ? parsed.output : null;
}

/**
 * A Text as a valibot message, which can only be a string: the id alone, or the whole Text as JSON
 * when it has params. `issueText` reads it back.
 */
export function issueMessage(said: Text): string {
  return said.params === undefined ? said.id : JSON.stringify(said);
}

/**
 * What a valibot issue says, as a Text: the schema's own message, or, for a rule with none of
 * Handoff's (valibot's English, written for developers), the one refusal that fits every field.
 */
export function issueText(issue: { message: string }): Text {
  const { message } = issue;
  if (isMessageId(message)) return text(message);
  if (message.startsWith('{')) {
    try {
      const said = readText(JSON.parse(message));
      if (said !== null) return said;
    } catch {
      // Not JSON: valibot's own words.
    }
  }
  return text('error.invalidInput');
}
