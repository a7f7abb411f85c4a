/** The default settings for nDelius requirements (left) -> NDTMS community episodes (right), kept as YAML beside this file. */
import { fileURLToPath } from 'node:url';
import { loadSettingsFile, type LinkageSettings } from './settings.ts';

export const DEFAULT_SETTINGS_PATH = fileURLToPath(new URL('./default-settings.yaml', import.meta.url));

export function defaultSettings(): LinkageSettings {
  return loadSettingsFile(DEFAULT_SETTINGS_PATH);
}
