/** The voices notes are written in, and the hard cases each note is recorded with. */
export { VOICES, VOICE_NAMES, voiceNote, hardCaseOf, type VoiceKnobs, type VoiceContext } from './engine.ts';
export { HARD_CASES, VOICE_CASES, type HardCase, type Voice, type VoiceCase } from './types.ts';
