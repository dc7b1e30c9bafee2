/** What the content script's bundle has for registration.ts: nothing (see there). */
export const REGISTRATION = {};
