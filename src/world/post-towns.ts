/**
 * The post town each postcode area is named for (LS: Leeds). The bench's postcodes use real
 * area letters, so the town on an address is the area's own and agrees with the postcode; an
 * area with several post towns is given its principal one.
 */
export const POST_TOWNS: Readonly<Record<string, string>> = {
  // Greater London
  E: 'London', N: 'London', SE: 'London', SW: 'London', W: 'London', NW: 'London', EC: 'London',
  CR: 'Croydon', BR: 'Bromley', IG: 'Ilford', RM: 'Romford', HA: 'Harrow', UB: 'Uxbridge', EN: 'Enfield',
  KT: 'Kingston upon Thames', TW: 'Twickenham',
  // Greater Manchester
  M: 'Manchester', OL: 'Oldham', BL: 'Bolton', SK: 'Stockport', WN: 'Wigan',
  // North West
  L: 'Liverpool', PR: 'Preston', BB: 'Blackburn', FY: 'Blackpool', LA: 'Lancaster', CA: 'Carlisle',
  WA: 'Warrington', CH: 'Chester', CW: 'Crewe',
  // West Midlands
  B: 'Birmingham', CV: 'Coventry', WV: 'Wolverhampton', WS: 'Walsall', DY: 'Dudley', ST: 'Stoke-on-Trent',
  TF: 'Telford', WR: 'Worcester', HR: 'Hereford',
  // East Midlands
  NG: 'Nottingham', LE: 'Leicester', DE: 'Derby', LN: 'Lincoln', NN: 'Northampton',
  // North East
  NE: 'Newcastle upon Tyne', SR: 'Sunderland', DH: 'Durham', TS: 'Middlesbrough', DL: 'Darlington',
  // Yorkshire and the Humber
  LS: 'Leeds', BD: 'Bradford', S: 'Sheffield', HU: 'Hull', WF: 'Wakefield', HD: 'Huddersfield', HX: 'Halifax',
  DN: 'Doncaster', YO: 'York',
  // East of England
  CB: 'Cambridge', NR: 'Norwich', IP: 'Ipswich', CO: 'Colchester', CM: 'Chelmsford', SS: 'Southend-on-Sea',
  LU: 'Luton', SG: 'Stevenage', AL: 'St Albans', PE: 'Peterborough',
  // Kent, Surrey and Sussex
  CT: 'Canterbury', ME: 'Rochester', TN: 'Tonbridge', DA: 'Dartford', BN: 'Brighton', RH: 'Redhill', GU: 'Guildford',
  // South West
  BS: 'Bristol', BA: 'Bath', EX: 'Exeter', PL: 'Plymouth', TQ: 'Torquay', TR: 'Truro', TA: 'Taunton',
  GL: 'Gloucester', SN: 'Swindon', BH: 'Bournemouth', DT: 'Dorchester',
  // South Central
  OX: 'Oxford', RG: 'Reading', SO: 'Southampton', PO: 'Portsmouth', SL: 'Slough', MK: 'Milton Keynes',
  HP: 'Hemel Hempstead', SP: 'Salisbury',
  // Wales (in nDelius, out of the study's scope)
  CF: 'Cardiff', SA: 'Swansea', NP: 'Newport', LL: 'Llandudno', SY: 'Shrewsbury', LD: 'Llandrindod Wells',
};
