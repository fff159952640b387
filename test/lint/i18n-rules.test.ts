/**
 * `npm run lint` keeps English out of the code (issue 13): raw text in a Svelte template or in an
 * attribute a person reads, and prose in a string literal in the renderer or the core, are errors.
 * The rules are read from the project's own ESLint config for real files, then run on small samples.
 */
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const project = new ESLint({ cwd: ROOT });

/** The rule's setting in the project's config for `file`, and the plugin that defines it there. */
async function ruleFor(file: string, rule: string): Promise<{ entry: Linter.RuleEntry; plugins: NonNullable<Linter.Config['plugins']> }> {
  const config = (await project.calculateConfigForFile(join(ROOT, file))) as Linter.Config;
  const entry = config.rules?.[rule];
  const name = rule.slice(0, rule.lastIndexOf('/'));
  const plugin = config.plugins?.[name];
  if (entry === undefined || plugin === undefined) throw new Error(`${rule} is not configured for ${file}`);
  return { entry, plugins: { [name]: plugin } };
}

/** The messages of `rule`, as the project sets it, on `code`. */
async function lint(code: string, file: string, rule: string): Promise<string[]> {
  const { entry, plugins } = await ruleFor(file, rule);
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.svelte'], languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } } },
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      { plugins, rules: { [rule]: entry } },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('the lint rules against English in the code', () => {
  it('are errors for the renderer\'s templates and the core\'s and renderer\'s code', async () => {
    for (const [file, rule] of [
      ['renderer/components/CallView.svelte', '@intlify/svelte/no-raw-text'],
      ['renderer/components/CallView.svelte', 'i18next/no-literal-string'],
      ['renderer/lib/words.ts', 'i18next/no-literal-string'],
      ['main/session/call-session.ts', 'i18next/no-literal-string'],
      ['main/desk/tray-menu.ts', 'i18next/no-literal-string'],
    ] as const) {
      const { entry } = await ruleFor(file, rule);
      const severity = Array.isArray(entry) ? entry[0] : entry;
      expect(severity === 2 || severity === 'error', `${rule} in ${file} is an error`).toBe(true);
    }
  });

  it('fail on raw text in a template and in a label, and pass text from the catalog', async () => {
    const file = 'renderer/components/Sample.svelte';
    expect(await lint('<script lang="ts">let x = 1;</script>\n<p>Warm transfer started</p>', file, '@intlify/svelte/no-raw-text')).toHaveLength(1);
    expect(await lint('<button aria-label="Hang up">x</button>', file, '@intlify/svelte/no-raw-text')).toHaveLength(2);
    expect(await lint("<script lang=\"ts\">import { t } from './i18n';</script>\n<p>{t('call.heading')} · 0:00</p>", file, '@intlify/svelte/no-raw-text')).toEqual([]);
  });

  it('fail on a sentence in a string literal, and leave ids, log lines and thrown errors alone', async () => {
    const file = 'main/session/sample.ts';
    expect(await lint("export const said = 'Wait for the current action to finish.';\n", file, 'i18next/no-literal-string')).toHaveLength(1);
    expect(
      await lint(
        "declare const logger: { warn(o: object, m: string): void };\nexport const id = 'session.busy';\nlogger.warn({}, 'call action failed');\nthrow new Error('The catalog is read before the app is mounted.');\n",
        file,
        'i18next/no-literal-string',
      ),
    ).toEqual([]);
  });
});
