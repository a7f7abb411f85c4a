import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseLinksCsv } from '../../cli/commands/score-links.ts';

function messageOf(text: string): string {
  try {
    parseLinksCsv(text, 'pairs.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('links file', () => {
  it('reads left_id,right_id and match_probability, quoted fields and blank lines', () => {
    const parsed = parseLinksCsv('left_id,right_id,match_probability\nL1,R1,0.9\n\n"L,2",R2,0.5\n', 'pairs.csv');
    expect(parsed.left).toEqual(['L1', 'L,2']);
    expect(parsed.right).toEqual(['R1', 'R2']);
    expect(parsed.probability).toEqual([0.9, 0.5]);
  });

  it('a malformed line is named by its line number', () => {
    const lines = ['left_id,right_id'];
    for (let i = 0; i < 15; i++) lines.push(`L${i},R${i}`);
    lines.push('L99');
    expect(messageOf(lines.join('\n'))).toBe('pairs.csv line 17: 1 fields, the header has 2 (no field for column right_id)');
    expect(messageOf('left_id,right_id\nL1,R1\n\nL2,R2,extra\n')).toBe('pairs.csv line 4: 3 fields, the header has 2 (an extra field 3)');
    expect(messageOf('left_id,right_id\n,R1\n')).toBe('pairs.csv line 2: empty left_id');
    expect(messageOf('left_id,right_id,match_probability\nL1,R1,high\n')).toBe(
      'pairs.csv line 2: match_probability must be a number in [0, 1], got "high"',
    );
    expect(messageOf('a,b\nL1,R1\n')).toBe('pairs.csv line 1: header must name left_id,right_id or record_id,episode_id or unique_id_l,unique_id_r, got a,b');
    expect(messageOf('')).toBe('pairs.csv: file is empty (expected a header row)');
  });
});
