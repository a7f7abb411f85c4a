#!/usr/bin/env -S node --max-semi-space-size=64
// The published binary: load tsx so the TypeScript sources run as they are, with no build step.
// A run allocates millions of short-lived strings; a larger young generation (the shebang's
// flag) lets most of them die there instead of being promoted and marked again and again.
import { register } from 'tsx/esm/api';

register();
await import('./pathways.ts');
