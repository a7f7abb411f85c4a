export declare const SOURCE_DIRS: string[];
export declare const BUILD_INPUTS: string[];
export declare const STAMP_FILE: string;
export declare function sourceFingerprint(root: string): string;
export declare function buildState(root: string): 'current' | 'stale' | 'missing';
