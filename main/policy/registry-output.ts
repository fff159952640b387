/**
 * Reads what `reg.exe query <key>` prints: a header line naming the key, then one line per value,
 * indented four spaces, with name, type and data separated by four spaces, CRLF line ends. Text
 * output, because reg.exe is on every Windows machine and a native registry module is not.
 * https://learn.microsoft.com/windows-server/administration/windows-commands/reg-query
 */

/** One value of the key, its data in JavaScript form. */
export interface RegistryValue {
  name: string;
  type: string;
  /** Text for REG_SZ and REG_EXPAND_SZ (not expanded), a number for REG_DWORD and REG_QWORD, a list for REG_MULTI_SZ. */
  data: string | number | string[];
}

// The name may hold spaces; the data may be empty (an empty REG_SZ prints no data at all).
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

/** The values of the queried key, in the order printed; subkey lines (no indent) are not values. */
export function parseRegQuery(text: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(line);
    if (match === null) continue;
    const [, name = '', type = '', raw = ''] = match;
    values.push({ name, type, data: dataOf(type, raw) });
  }
  return values;
}

function dataOf(type: string, raw: string): RegistryValue['data'] {
  if ((type === 'REG_DWORD' || type === 'REG_QWORD') && /^0x[0-9a-f]+$/i.test(raw)) return Number.parseInt(raw, 16);
  // reg.exe prints the strings of a REG_MULTI_SZ joined by a literal \0.
  if (type === 'REG_MULTI_SZ') return raw === '' ? [] : raw.split('\\0');
  return raw;
}
