import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CredentialsSchema, SettingsFields } from '../../../main/contract/ipc';
import { isMessageId, issueMessage, issueText, readText } from '../../../main/contract/known-text';
import { text } from '../../../main/contract/text';
import { english } from '../../support/english';

/** The Text the first issue of a failed parse carries, in English. */
function refusal(schema: v.GenericSchema, input: unknown): string {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) throw new Error('expected a refusal');
  return english(issueText(parsed.issues[0]));
}

describe('a Text as a valibot message', () => {
  it('is the id alone without params, and JSON with them; both read back as the same Text', () => {
    const plain = text('validation.enterAuthId');
    const withParams = text('validation.trueOrFalse', { setting: 'keepOnTop' });
    expect(issueMessage(plain)).toBe('validation.enterAuthId');
    expect(issueText({ message: issueMessage(plain) })).toEqual(plain);
    expect(issueText({ message: issueMessage(withParams) })).toEqual(withParams);
  });

  it('reads valibot\'s own English, or an id this build lacks, as the one generic refusal', () => {
    expect(issueText({ message: 'Invalid type: Expected string but received 5' })).toEqual(text('error.invalidInput'));
    expect(issueText({ message: 'validation.noSuchMessage' })).toEqual(text('error.invalidInput'));
    expect(issueText({ message: '{"id":"validation.noSuchMessage"}' })).toEqual(text('error.invalidInput'));
    expect(issueText({ message: '{not json' })).toEqual(text('error.invalidInput'));
  });

  it('says each rule in its own words, with the field named where the words need it', () => {
    expect(refusal(SettingsFields.phloId, 'not-a-uuid')).toBe(
      'The PHLO ID must be a UUID such as 73d6ab01-a2f6-4a84-850f-21e1d46b30bf (copy it from the PHLO console).',
    );
    expect(refusal(SettingsFields.nodeId, '1234')).toMatch(/^The node ID must be a UUID/);
    expect(refusal(SettingsFields.requestTimeoutMs, 999)).toBe('The request timeout must be at least 1000 ms.');
    expect(refusal(SettingsFields.requestTimeoutMs, 60001)).toBe('The request timeout must be at most 60000 ms.');
    expect(refusal(SettingsFields.journalRetentionDays, 0)).toBe('The journal must be kept for at least 1 day.');
    expect(refusal(SettingsFields.keepOnTop, 'yes')).toBe('keepOnTop must be true or false.');
    expect(refusal(SettingsFields.defaultCountry, 'ZZ')).toBe('That is not a country code Handoff knows; use one such as US or GB.');
    expect(refusal(SettingsFields.phloBaseUrl, 'http://phlo.example.com/v1/')).toMatch(/^The PHLO base URL must use https/);
    expect(refusal(CredentialsSchema, { authId: 'MA0123', authToken: 'abc' })).toBe(
      'The Auth ID is 20 letters and digits starting with MA or SA; copy it from the Plivo console.',
    );
    expect(refusal(CredentialsSchema, { authId: 'MA0123456789ABCDEF01', authToken: 'a b' })).toBe('A Plivo Auth Token has no spaces in it.');
    // A rule with no words of Handoff's: valibot's own type check.
    expect(refusal(SettingsFields.requestTimeoutMs, 'soon')).toBe('Handoff cannot use that value.');
  });
});

describe('a Text read from a file', () => {
  it('is kept only with a known id and params a Text can have', () => {
    expect(isMessageId('journal.interrupted')).toBe(true);
    expect(isMessageId('toString')).toBe(false);
    expect(readText({ id: 'session.alreadyOnHold', params: { name: 'Dana' } })).toEqual(text('session.alreadyOnHold', { name: 'Dana' }));
    expect(readText({ id: 'error.notConfigured', params: { settings: [{ id: 'error.notConfigured.phloId' }] } })).toEqual(
      text('error.notConfigured', { settings: [text('error.notConfigured.phloId')] }),
    );
    expect(readText({ id: 'nope' })).toBeNull();
    expect(readText({ id: 'session.alreadyOnHold', params: { name: null } })).toBeNull();
    expect(readText('journal.interrupted')).toBeNull();
  });
});
