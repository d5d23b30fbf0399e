export const chromeOutput: string;
export const CONTENT_SCRIPT: string;
export const CONTENT_SCRIPT_BUDGET_GZIP: number;
export interface Size {
  file: string;
  bytes: number;
  gzip: number;
}
export function sizeOf(file: string, dir?: string): Size;
export function featureScripts(dir?: string): string[];
export function pageScripts(page: string, dir?: string): string[];
export function read(file: string, dir?: string): string;
export function bundleFigures(dir?: string): { content: Size; lines: string[] };
