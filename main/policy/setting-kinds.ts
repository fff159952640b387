/**
 * What kind of value each setting holds, read from its schema in the contract. The registry hands
 * over numbers and text that must be read as each field expects, and the ADMX template offers the
 * matching control; both take the kinds from here, so neither can drift from the settings rules.
 */
import type { Settings } from '../contract/domain';
import { SettingsFields } from '../contract/ipc';

/** The control a setting needs, with the bounds its schema sets. */
export type SettingKind =
  | { kind: 'text' }
  | { kind: 'number'; min: number | null; max: number | null }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'boolean' };

/** Every settings field, in the contract's order: what a policy may set. */
export const SETTING_NAMES = Object.keys(SettingsFields) as (keyof Settings)[];

/** The part of a valibot schema object this module reads. */
interface SchemaShape {
  type: string;
  wrapped?: SchemaShape;
  options?: readonly unknown[];
  pipe?: readonly { type: string; requirement?: unknown }[];
}

function kindOf(schema: SchemaShape): SettingKind {
  if (schema.type === 'nullable' && schema.wrapped !== undefined) return kindOf(schema.wrapped);
  if (schema.type === 'boolean') return { kind: 'boolean' };
  if (schema.type === 'picklist') return { kind: 'choice', options: (schema.options ?? []).map(String) };
  if (schema.type === 'number') {
    const bound = (type: string) => {
      const requirement = schema.pipe?.find((action) => action.type === type)?.requirement;
      return typeof requirement === 'number' ? requirement : null;
    };
    return { kind: 'number', min: bound('min_value'), max: bound('max_value') };
  }
  if (schema.type === 'string') return { kind: 'text' };
  throw new Error(`A setting's schema is of a type policy cannot offer yet: ${schema.type}.`);
}

/** Each field's kind; a new field with a schema of an unknown type fails at load, not in the field. */
export const SETTING_KINDS = Object.fromEntries(
  SETTING_NAMES.map((name) => [name, kindOf(SettingsFields[name] as SchemaShape)]),
) as Record<keyof Settings, SettingKind>;
