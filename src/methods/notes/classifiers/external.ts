/**
 * Hand-off to a classifier outside this process (an LLM or entailment model, as the study's
 * tool used): notes go out as JSONL `{"note_id", "text"}` lines, labels come back as JSONL
 * `{"note_id", "label", "score"}` lines. Errors name the line, since these files are
 * written by other programs and a bad line is the usual failure.
 */
import { InputError } from '../../../errors.ts';
import type { NoteClassifier, NoteExplanation, NoteLabel, NoteText } from './types.ts';

export function notesToJsonl(notes: readonly NoteText[]): string {
  let out = '';
  for (const note of notes) out += `${JSON.stringify({ note_id: note.noteId, text: note.text })}\n`;
  return out;
}

export function parseLabelsJsonl(content: string, source = 'labels'): NoteLabel[] {
  const labels: NoteLabel[] = [];
  const seen = new Set<string>();
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`${where}: not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${where}: expected a JSON object`);
    const record = value as Record<string, unknown>;
    if (typeof record.note_id !== 'string' || record.note_id === '') throw new InputError(`${where}: note_id must be a non-empty string`);
    if (record.label !== 'engaged' && record.label !== 'not_engaged') {
      throw new InputError(`${where}: label must be "engaged" or "not_engaged", got ${JSON.stringify(record.label)}`);
    }
    const score = record.score === undefined ? (record.label === 'engaged' ? 1 : 0) : record.score;
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) throw new InputError(`${where}: score must be a number in [0, 1]`);
    if (seen.has(record.note_id)) throw new InputError(`${where}: note_id ${record.note_id} appears twice`);
    seen.add(record.note_id);
    labels.push({ noteId: record.note_id, label: record.label, score });
  }
  return labels;
}

/** A classifier that answers from labels an external tool produced. */
export function externalClassifier(labels: readonly NoteLabel[]): NoteClassifier {
  const byId = new Map(labels.map((l) => [l.noteId, l]));
  const classify = (notes: readonly NoteText[]): NoteLabel[] =>
    notes.map((note) => {
      const label = byId.get(note.noteId);
      if (!label) throw new InputError(`external labels have no line for note_id ${note.noteId}`);
      return label;
    });
  return {
    name: 'external',
    classify,
    // The tool's reasons are its own: all that is known here is its label and score.
    explain: (notes: readonly NoteText[]): NoteExplanation[] => classify(notes).map((l) => ({ ...l, rule: 'external label', cue: `score ${l.score}` })),
  };
}
