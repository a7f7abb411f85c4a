/**
 * A training session as a file, rewritten after every answer so that progress survives an
 * interruption: written to a temporary name and renamed into place (never half-written).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { EXERCISES, type Answered, type ExerciseName, type Score } from './exercise.ts';

export interface Session {
  version: 1;
  run: string;
  exercise: ExerciseName;
  seed: number;
  trainee: string | null;
  started: string;
  finished: string | null;
  answers: Answered[];
  score: Score;
}

const sessionSchema = z.object({
  version: z.literal(1),
  run: z.string(),
  exercise: z.enum(EXERCISES),
  seed: z.number(),
  trainee: z.string().nullable(),
  started: z.string(),
  finished: z.string().nullable(),
  answers: z.array(z.object({ id: z.string(), kind: z.string(), given: z.string(), answer: z.string(), correct: z.boolean() })),
  score: z.object({ correct: z.number(), answered: z.number(), total: z.number() }),
});

export function sessionFile(session: Session): string {
  return `${session.started.replace(/[:.]/g, '-')}-${session.exercise}-seed${session.seed}.json`;
}

export function saveSession(dir: string, session: Session): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, sessionFile(session));
  const temporary = `${path}.partial-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(session, null, 2)}\n`);
  renameSync(temporary, path);
  return path;
}

/** Every session saved in `dir`, oldest first; a file that is not a session is an error naming it. */
export function listSessions(dir: string): Session[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new InputError(`${path}: not JSON: ${(error as Error).message}`);
      }
      const parsed = sessionSchema.safeParse(raw);
      if (!parsed.success) throw new InputError(`${path}: not a training session: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      return parsed.data as Session;
    });
}
