export declare function prng(seed: number): () => number;
export declare function fleetTemplates(): { healthy: { file: string }[]; faulty: { file: string }[] };
export declare function generateFleet(dir: string, count: number, seed?: number): string[];
