export declare function prng(seed: number): () => number;
export declare function fleetTemplates(): { healthy: { file: string }[]; faulty: { file: string }[] };
export declare function generateFleet(dir: string, count: number, seed?: number): string[];
export interface FleetTemplate {
  file: string;
  root: string;
  snap: unknown;
  host: string;
  site?: string;
  ip?: string;
  internet?: string;
  other?: string;
  servers: string[];
  siteRoot?: string;
}
export declare function templateOf(snap: unknown, file?: string, root?: string): FleetTemplate;
export declare function hostSnapshot(t: FleetTemplate, name: string, site: string, ip: string, more?: { internet?: string; other?: string; serial?: number; siteRoot?: string }): unknown;
