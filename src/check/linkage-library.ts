/**
 * The linkage engine alone (`import { ... } from 'pathways-bench/linkage'`): what a linker run
 * as an outside tool needs (settings, the engine, link resolution, reading CSV as text), without
 * the scenario, world and method stages `pathways-bench` brings. A tool started once per world
 * pays its imports every time; this entry loads in about half the time.
 */
export { linkTables, prepareSettings, resolveLinks, linkIds, loadSettingsFile, type LinkResult, type LinkageSettings } from '../methods/linkage/index.ts';
export { readCsvAsStrings } from '../io/csv-read.ts';
