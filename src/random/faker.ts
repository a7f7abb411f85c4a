/**
 * @faker-js/faker drawing from the bench's streams.
 *
 * Faker's `randomizer` option replaces its own generator; here it reads whichever entity
 * stream was last handed to `use`, so every value faker makes is a pure function of (master
 * seed, stream name, entity key) like any other draw: deterministic, the same in any worker,
 * and untouched when a knob elsewhere changes (common random numbers).
 *
 * Making a Faker is not free (its locale proxies and modules: about 0.3 ms), so a caller
 * makes one per worker and switches the stream per entity rather than making one per entity.
 */
import type { Faker, Randomizer } from '@faker-js/faker';
import { faker as fakerEN_GB } from '@faker-js/faker/locale/en_GB';
import type { Rng } from './stream.ts';

/**
 * The Faker class, reached through the en_GB entry's ready-made instance: the package's main
 * entry loads all of faker's ~70 locales (0.8-1.7 s on the 2-core VM, in every process and
 * worker that imports it), the en_GB entry only en_GB, en and base (~130 ms), but it exports
 * an instance, not the class.
 */
const FakerClass = fakerEN_GB.constructor as typeof Faker;

export interface StreamFaker {
  /** Point faker at one entity's generator and return it; every draw until the next `use` comes from `rng`. */
  use(rng: Rng): Faker;
}

export function streamFaker(): StreamFaker {
  let current: Rng | null = null;
  const randomizer: Randomizer = {
    next: () => {
      if (current === null) throw new Error('faker was asked for a value before a stream was chosen with use()');
      return current.next();
    },
    seed: () => {
      // Seeds come from the streams' derivation; a faker.seed() call would break it silently.
      throw new Error('the bench seeds faker through its streams; faker.seed() is not used');
    },
  };
  // en_GB's definitions with en's and base's behind them for what en_GB leaves out (person names).
  const faker = new FakerClass({ locale: fakerEN_GB.rawDefinitions, randomizer });
  return {
    use(rng: Rng): Faker {
      current = rng;
      return faker;
    },
  };
}
