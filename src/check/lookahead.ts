/**
 * Shrinking several worlds at a time without changing what it finds. fast-check walks the
 * shrink tree one candidate at a time and takes the first that fails; most candidates pass
 * (a shrink of run 97 of `check --seed 1` at scale 0.001 tried 177 worlds for 59 steps), and
 * each waits for the one before. Wrapped in `Lookahead`, an arbitrary's shrink stream shows
 * the candidates after the one fast-check is about to run, so they can be started while it
 * runs. fast-check still asks for the same candidates in the same order, so the shrunk world
 * and its path are the same; a candidate started but never asked for (the ones after a
 * failing one) costs CPU, not a different answer.
 */
import fc from 'fast-check';

export class Lookahead<T> extends fc.Arbitrary<T> {
  /**
   * `depth`: how many candidates after the current one are shown; `ahead` is called with
   * them (nearest first) each time fast-check takes a candidate from a shrink stream.
   */
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly depth: number,
    private readonly ahead: (next: readonly T[]) => void,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.inner.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    const source = this.inner.shrink(value, context);
    const { depth, ahead } = this;
    const buffer: fc.Value<T>[] = [];
    let ended = false;
    function* lookahead(): IterableIterator<fc.Value<T>> {
      for (;;) {
        while (!ended && buffer.length <= depth) {
          const next = source.next();
          if (next.done) ended = true;
          else buffer.push(next.value);
        }
        const head = buffer.shift();
        if (head === undefined) return;
        if (buffer.length > 0) ahead(buffer.map((v) => v.value));
        yield head;
      }
    }
    return new fc.Stream(lookahead());
  }
}
