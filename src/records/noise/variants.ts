/**
 * How names go wrong when people are recorded: nicknames (which often change the initial:
 * William -> Bill), spelling variants that sound alike, and keyboard slips.
 */
import type { Rng } from '../../random/stream.ts';

const NICKNAMES: Record<string, string[]> = {
  William: ['Bill', 'Billy', 'Will', 'Liam'], Robert: ['Bob', 'Rob', 'Bobby'], Richard: ['Rick', 'Dick', 'Richie'],
  James: ['Jim', 'Jimmy', 'Jamie'], Michael: ['Mike', 'Mick', 'Micky'], Anthony: ['Tony', 'Ant'], Thomas: ['Tom', 'Tommy'],
  Christopher: ['Chris', 'Kit'], Stephen: ['Steve'], Steven: ['Steve'], Daniel: ['Dan', 'Danny'], Matthew: ['Matt'],
  Andrew: ['Andy', 'Drew'], Joseph: ['Joe', 'Joey'], Jonathan: ['Jon', 'Jonny'], Nicholas: ['Nick', 'Nicky'],
  Samuel: ['Sam', 'Sammy'], Benjamin: ['Ben'], Edward: ['Ed', 'Ted', 'Eddie'], Alexander: ['Alex', 'Sandy'],
  David: ['Dave', 'Davey'], Peter: ['Pete'], Kenneth: ['Ken', 'Kenny'], Terry: ['Tel'], Gary: ['Gaz'], Darren: ['Daz'],
  Barry: ['Baz'], Kevin: ['Kev'], Patrick: ['Pat', 'Paddy'], Joshua: ['Josh'], Lewis: ['Lew'], Bradley: ['Brad'],
  Margaret: ['Maggie', 'Peggy'], Elizabeth: ['Liz', 'Beth', 'Betty', 'Lizzie'], Catherine: ['Cathy', 'Kate', 'Katie'],
  Rebecca: ['Becky', 'Becca'], Samantha: ['Sam', 'Sammy'], Victoria: ['Vicky', 'Tori'], Jennifer: ['Jenny', 'Jen'],
  Susan: ['Sue', 'Suzy'], Deborah: ['Debbie', 'Debs'], Nicola: ['Nicky', 'Nikki'], Stephanie: ['Steph'],
  Jacqueline: ['Jackie'], Patricia: ['Pat', 'Trish', 'Patsy'], Charlotte: ['Charlie', 'Lottie'], Amanda: ['Mandy'],
  Natalie: ['Nat'], Michelle: ['Shelly'], Kimberley: ['Kim'], Danielle: ['Dani'], Abigail: ['Abby'], Jessica: ['Jess'],
  Mohammed: ['Mo'], Muhammad: ['Mo'], Alan: ['Al'], Sharon: ['Shaz'], Leanne: ['Lea'],
};

const SPELLINGS: string[][] = [
  ['Stephen', 'Steven'], ['Jon', 'John'], ['Philip', 'Phillip'], ['Sean', 'Shaun', 'Shawn'], ['Catherine', 'Katherine', 'Kathryn'],
  ['Jeffrey', 'Geoffrey'], ['Mohammed', 'Muhammad', 'Mohammad', 'Mohamed'], ['Zoe', 'Zoey'], ['Leanne', 'Lianne'],
  ['Hayley', 'Haley'], ['Kerry', 'Kerri'], ['Stacey', 'Stacy'], ['Claire', 'Clare'], ['Carl', 'Karl'], ['Lindsey', 'Lindsay'],
  ['Louise', 'Louisa'], ['Sarah', 'Sara'], ['Rebecca', 'Rebekah'], ['Marc', 'Mark'], ['Jonathan', 'Jonathon'], ['Glen', 'Glenn'],
  ['Clark', 'Clarke'], ['Thompson', 'Thomson'], ['Smith', 'Smyth'], ['Davis', 'Davies'], ['Phillips', 'Philips'],
  ['Matthews', 'Mathews'], ['Gray', 'Grey'], ['Reid', 'Reed', 'Read'], ['Brown', 'Browne'], ['Hussain', 'Hussein', 'Husain'],
  ['McDonald', 'Macdonald'], ['Kelly', 'Kelley'], ['Stevens', 'Stephens'], ['Johnson', 'Jonson'], ['Mohamed', 'Mohammed'],
  ['Ahmed', 'Ahmad'], ['Rahman', 'Rehman'], ['Chowdhury', 'Choudhury'], ['Iqbal', 'Ikbal'], ['Mahmood', 'Mahmud'],
  ['Nowak', 'Novak'], ['Wisniewski', 'Wisnewski'], ['Kowalski', 'Kovalski'], ['Cooke', 'Cook'], ['Nicholls', 'Nichols'],
];
const SPELLING_OF = new Map<string, string[]>();
for (const group of SPELLINGS) for (const name of group) SPELLING_OF.set(name, group.filter((n) => n !== name));

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, string>();
KEYBOARD_ROWS.forEach((row, r) => {
  for (let i = 0; i < row.length; i++) {
    let near = (row[i - 1] ?? '') + (row[i + 1] ?? '');
    const above = KEYBOARD_ROWS[r - 1];
    const below = KEYBOARD_ROWS[r + 1];
    if (above) near += (above[i] ?? '') + (above[i + 1] ?? '');
    if (below) near += (below[i - 1] ?? '') + (below[i] ?? '');
    NEIGHBOURS.set(row[i], near);
  }
});

/** The nicknames a forename may be recorded as (evaluation names a nickname from them). */
export function nicknamesOf(name: string): readonly string[] {
  return NICKNAMES[name] ?? [];
}

export function nickname(name: string, rng: Rng): string {
  const options = NICKNAMES[name];
  return options ? rng.pick(options) : name;
}

/** A spelling that sounds the same; names with none keep a vowel-doubling or dropped double letter. */
export function phoneticVariant(name: string, rng: Rng): string {
  const options = SPELLING_OF.get(name);
  if (options) return rng.pick(options);
  const doubled = /([a-z])\1/.exec(name);
  if (doubled) return name.slice(0, doubled.index) + name.slice(doubled.index + 1);
  const vowel = /[aeiou]/.exec(name.slice(1));
  if (vowel) {
    const at = vowel.index + 1;
    return name.slice(0, at) + name[at] + name.slice(at);
  }
  return name;
}

/** One keying error: a neighbouring key, a dropped or doubled letter, or two letters exchanged. */
export function keyboardTypo(name: string, rng: Rng): string {
  if (name.length < 3) return name;
  // Never the first letter: it is the one a person reads back, and it keeps typos realistic.
  const at = 1 + rng.int(name.length - 1);
  const kind = rng.int(4);
  const lower = name[at].toLowerCase();
  switch (kind) {
    case 0: {
      const near = NEIGHBOURS.get(lower);
      return near ? name.slice(0, at) + near[rng.int(near.length)] + name.slice(at + 1) : name;
    }
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    case 2:
      return name.slice(0, at) + name[at] + name.slice(at);
    default:
      return at < name.length - 1 ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : name;
  }
}
