import { useEffect, useState } from 'react';
import { hmacPhoneIfKeyed } from '@/utils/ledger/phone';
import { normalizePhone } from '@/utils/rules';
import { ledgerDb } from './db';

/**
 * The HMAC of a typed phone, for the rule that compares it with the recorded one. Computed only when
 * the ledger already holds a hash for this account, and with the install's key only if it exists
 * (`hmacPhoneIfKeyed` reads, never creates it: the panel does not write).
 */
export function usePhoneHash(phone: string, hasRecordedHash: boolean): string | undefined {
  const [hash, setHash] = useState<string | undefined>();
  const normalized = normalizePhone(phone);
  const need = hasRecordedHash && !!normalized;
  useEffect(() => {
    let alive = true;
    if (!need || !normalized) {
      setHash(undefined);
      return;
    }
    hmacPhoneIfKeyed(ledgerDb(), normalized).then(
      (h) => alive && setHash(h),
      () => alive && setHash(undefined),
    );
    return () => {
      alive = false;
    };
  }, [need, normalized]);
  return hash;
}
