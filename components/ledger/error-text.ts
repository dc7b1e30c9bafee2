/** A short, readable text for an unknown error (a Dexie or DOM error has a name and a message). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 300);
  if (typeof e === 'string') return e.slice(0, 300);
  try {
    return JSON.stringify(e).slice(0, 300);
  } catch {
    return '?'; // unprintable: the message around it says what failed
  }
}
