/** Types of list.mjs. */
export interface Mutant {
  id: string;
  promise: string;
  file: string;
  in: string;
  find: string;
  replace: string;
  unit?: string[];
  e2e?: [spec: string, grep: string][];
  build?: ('chrome' | 'firefox')[];
}
export const MUTANTS: Mutant[];
