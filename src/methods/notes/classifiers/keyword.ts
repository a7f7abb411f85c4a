/**
 * The deliberately naive baseline: any treatment keyword means engaged. It is what a filter
 * with no context model does, and shows how far keyword notes alone overstate engagement.
 */
import { keywordFilter, DEFAULT_KEYWORDS } from '../keywords.ts';
import type { NoteClassifier, NoteLabel, NoteText } from './types.ts';

export function keywordClassifier(keywords: readonly string[] = DEFAULT_KEYWORDS): NoteClassifier {
  const filter = keywordFilter(keywords);
  return {
    name: 'keyword',
    classify(notes: readonly NoteText[]): NoteLabel[] {
      return notes.map((note) => {
        const hit = filter.matches(note.text);
        return { noteId: note.noteId, label: hit ? 'engaged' : 'not_engaged', score: hit ? 1 : 0 };
      });
    },
  };
}
