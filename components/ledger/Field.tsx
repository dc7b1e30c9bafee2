import type { ReactNode } from 'react';

/** A labelled form control: the label reads zh first, en beneath, and wraps the control it names. */
export function Field({
  htmlFor,
  zh,
  en,
  children,
}: {
  htmlFor: string;
  zh: ReactNode;
  en: ReactNode;
  children: ReactNode;
}) {
  return (
    <label className="field" htmlFor={htmlFor}>
      <span>
        {zh} <span className="en">{en}</span>
      </span>
      {children}
    </label>
  );
}
