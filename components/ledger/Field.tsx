import type { ReactNode } from 'react';

/** A labelled form control: the label (in the chosen language) wraps the control it names. */
export function Field({
  htmlFor,
  label,
  children,
}: {
  htmlFor: string;
  label: ReactNode;
  children: ReactNode;
}) {
  return (
    <label className="field" htmlFor={htmlFor}>
      <span>{label}</span>
      {children}
    </label>
  );
}
