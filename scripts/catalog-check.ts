/**
 * The rules every translation must keep, for the tests and for a contact center correcting a
 * language (`npm run catalogs:check`): exactly English's messages, the same argument names in each,
 * valid ICU MessageFormat as the runtime compiles it, and an `other` branch in every plural and select.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';

/** The argument names a message's syntax uses, at any depth. */
function argumentsOf(elements: readonly MessageFormatElement[], args = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, args);
      continue;
    }
    args.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, args);
    }
  }
  return args;
}

/**
 * Parses one message as the runtime and the checker both must, and returns its arguments; throws
 * with the parser's reason, `MISSING_OTHER_CLAUSE` for a plural or select without `other`.
 */
function shape(message: string): Set<string> {
  compileMessageOrThrow(message);
  return argumentsOf(parse(message, { ignoreTag: true }));
}

/** Every problem in one catalog measured against English, as sentences for the person fixing it. */
export function catalogProblems(english: Readonly<Record<string, string>>, catalog: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(english)) if (!(id in catalog)) problems.push(`${id}: missing`);
  for (const [id, message] of Object.entries(catalog)) {
    const source = english[id];
    if (source === undefined) {
      problems.push(`${id}: not in English (a message English no longer has)`);
      continue;
    }
    let own: Set<string>;
    try {
      own = shape(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The parser refuses a plural or select without `other` outright; say so in the translator's words.
      problems.push(reason === 'MISSING_OTHER_CLAUSE' ? `${id}: a plural or select has no "other" branch` : `${id}: not valid ICU MessageFormat (${reason})`);
      continue;
    }
    const expected = shape(source);
    const sorted = (names: Set<string>) => [...names].sort().join(', ');
    if (sorted(own) !== sorted(expected)) problems.push(`${id}: arguments {${sorted(own)}} differ from English's {${sorted(expected)}}`);
  }
  return problems;
}
