/** Types of anchor.mjs (plain JS so that `node scripts/mutants.mjs` runs without a build). */
export interface MutantAnchor {
  id?: string;
  /** The declaration the mutant lives in: `name`, or `outer > inner`. */
  in: string;
  /** The code to break, matched ignoring white space and trailing commas. */
  find: string;
}
export interface Span {
  start: number;
  end: number;
}
export function findScopes(text: string, fileName: string, path: string): Span[];
export function locate(text: string, fileName: string, m: MutantAnchor): Span;
export function applyMutant(text: string, fileName: string, m: MutantAnchor & { replace: string }): string;
