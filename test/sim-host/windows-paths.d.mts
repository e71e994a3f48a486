export declare function toWindows(root: string, subs: [string, string][]): (text: string, json: boolean) => string;
export declare const MAP_PREFIX: string;
