/**
 * A large, realistic company directory for the directory's tests and benchmark: names of mixed
 * origins (accents included), teams, and numbers that pass the address rules, generated from a
 * seed so every run measures and checks the same rows.
 */

const FIRST = [
  'Ada', 'Alan', 'Amélie', 'Anders', 'Aoife', 'Arjun', 'Beatriz', 'Björn', 'Chloé', 'Chen', 'Dmitri', 'Élodie',
  'Emeka', 'Fatima', 'François', 'Giulia', 'Hana', 'Hiroshi', 'Ines', 'Ingrid', 'Jamal', 'Javier', 'José', 'Jürgen',
  'Kateřina', 'Kwame', 'Lars', 'Léa', 'Lucía', 'Mateus', 'Mei', 'Miguel', 'Nadia', 'Niamh', 'Noémie', 'Olga',
  'Oluwaseun', 'Pablo', 'Priya', 'Rafael', 'Raúl', 'Saanvi', 'Siobhán', 'Søren', 'Tomás', 'Umar', 'Valentina',
  'Wei', 'Xavier', 'Yasmin', 'Zoë', 'Zoltán', 'Ngozi', 'Paulo', 'Renée', 'Ştefan', 'Łukasz', 'Agnieszka',
];
const LAST = [
  'Abadi', 'Andersson', 'Bianchi', 'Brown', 'Castillo', 'Chowdhury', 'Dubois', 'Dvořák', 'Eriksen', 'Fernández',
  'García', 'Gonçalves', 'Haddad', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Kuznetsov', 'López', 'Martínez',
  'Müller', 'Nakamura', 'Nguyen', "O'Brien", 'Okafor', 'Østergaard', 'Patel', 'Pérez', 'Quintero', 'Rossi',
  'Schäfer', 'Singh', 'Sørensen', 'Tanaka', 'Takahashi', 'Uçar', 'Varga', 'Wójcik', 'Yamamoto', 'Zhang', 'Żukowski',
  'Mensah', 'Adeyemi', 'Kim', 'Park', 'Rodríguez', 'Silva', 'Johansson', 'Novák', 'Horváth', 'Çelik', 'Ní Bhriain',
];
const TEAMS = [
  'Billing', 'Claims', 'Collections', 'Escalations', 'Fraud', 'Onboarding', 'Renewals', 'Retention', 'Sales',
  'Support Tier 1', 'Support Tier 2', 'Technical Support', 'Travel Desk', 'Warranty', 'Accounts Payable', 'Partners',
];
const KINDS = ['agent', 'agent', 'agent', 'agent', 'queue', 'external'] as const;

/** One generated row, as the CSV holds it. */
export interface FakeEntry {
  name: string;
  address: string;
  kind: 'agent' | 'queue' | 'external';
  team: string;
}

/** Grace Hopper, planted once so the tests and the benchmark have one known person to find. */
export const GRACE: FakeEntry = { name: 'Grace Hopper', address: '+14155550123', kind: 'agent', team: 'Escalations' };

/** A small fast generator (mulberry32): the same seed gives the same directory on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` entries with distinct addresses (US 415 and UK 20 numbers, some SIP), Grace Hopper among them. */
export function fakeEntries(count: number, seed = 9): FakeEntry[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const entries: FakeEntry[] = [];
  for (let i = 0; i < count - 1; i++) {
    const kind = pick(KINDS);
    const team = pick(TEAMS);
    const name = kind === 'queue' ? `${team} queue ${i}` : `${pick(FIRST)} ${pick(LAST)}`;
    // Distinct by construction: the row number is in every address.
    const address =
      i % 10 === 9
        ? `sip:user${i}@pbx.example.com`
        : i % 3 === 0
          ? `+44 20 7${String(100000 + i).padStart(7, '0').slice(-7)}`
          : `(415) 2${String(i).padStart(6, '0').slice(-6).slice(0, 2)}-${String(i).padStart(4, '0').slice(-4)}`;
    entries.push({ name, address, kind, team });
  }
  entries.splice(Math.floor(count / 2), 0, GRACE);
  return entries;
}

/** One CSV cell, quoted when it must be (RFC 4180). */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The entries as `directory.csv` holds them: a header row, then one row each. */
export function directoryCsv(entries: readonly FakeEntry[]): string {
  const rows = entries.map((e) => [e.name, e.address, e.kind, e.team].map(cell).join(','));
  return `name,address,kind,team\n${rows.join('\n')}\n`;
}

/** What an agent types, keystroke by keystroke, to find someone: the first 8 characters of a name. */
export function typings(entries: readonly FakeEntry[], count: number, seed = 11): string[][] {
  const next = random(seed);
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const name = (entries[Math.floor(next() * entries.length)] as FakeEntry).name.toLowerCase();
    out.push(Array.from({ length: Math.min(8, name.length) }, (_, k) => name.slice(0, k + 1)));
  }
  return out;
}
