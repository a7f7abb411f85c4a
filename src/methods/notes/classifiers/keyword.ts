/**
 * The deliberately naive baseline: any treatment keyword means engaged. It is what a filter
 * with no context model does, and shows how far keyword notes alone overstate engagement.
 */
import { keywordFilter, keywordPattern, DEFAULT_KEYWORDS } from '../keywords.ts';
import type { NoteClassifier, NoteExplanation, NoteLabel, NoteText } from './types.ts';

export function keywordClassifier(keywords: readonly string[] = DEFAULT_KEYWORDS): NoteClassifier {
  const filter = keywordFilter(keywords);
  const pattern = keywordPattern(keywords);
  return {
    name: 'keyword',
    explain(notes: readonly NoteText[]): NoteExplanation[] {
      return notes.map((note) => {
        const hit = pattern.exec(note.text.toLowerCase());
        const cue = hit === null ? '' : `"${hit[0].replace(/^[^a-z0-9]+/, '')}"`;
        return { noteId: note.noteId, label: hit ? 'engaged' : 'not_engaged', score: hit ? 1 : 0, rule: hit ? 'keyword' : 'no keyword', cue };
      });
    },
    classify(notes: readonly NoteText[]): NoteLabel[] {
      return notes.map((note) => {
        const hit = filter.matches(note.text);
        return { noteId: note.noteId, label: hit ? 'engaged' : 'not_engaged', score: hit ? 1 : 0 };
      });
    },
  };
}
