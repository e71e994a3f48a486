export declare const HIT_LINES: readonly string[];
export declare const LOOKALIKE_LINES: readonly string[];
export declare function generateCceLog(
  file: string,
  bytes: number,
  options?: { hitEvery?: number; longEvery?: number },
): { bytes: number; lines: number; hits: number[] };
