#!/usr/bin/env node
// The published binary: load tsx so the TypeScript sources run as they are, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./pathways.ts');
