/** gzip -9 size of a file, in bytes. */
export function gzipBytes(file: string): number;
/** JS the side panel's HTML loads at startup (entry scripts, modulepreloads, their static imports). */
export function panelStartupJs(dir: string): { file: string; bytes: number; gzip: number }[];
