import { useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

/**
 * What the agent was typing survives a trip to sign in (an expired token): components keep their
 * drafts with `useDraft` (like useState) or `useFormDraft` (an Ant Design form); when the console
 * sends the agent to sign in, `keepDraftsForSignIn` writes every mounted draft to sessionStorage,
 * and the same components take their value back when they mount again afterwards (once).
 */
const KEY = 'ckb.drafts';
/** Drafts older than this are not restored (the agent has moved on). */
const MAX_AGE_MS = 2 * 3600 * 1000;

const live = new Map<string, () => unknown>();

interface Stored {
  savedAt: number;
  values: Record<string, unknown>;
}

function stored(): Stored | undefined {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return value && Date.now() - value.savedAt < MAX_AGE_MS ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The value kept for `key` before the last sign-in, if any (not consumed: see `consume`). */
export function restoredDraft<T>(key: string): T | undefined {
  return stored()?.values[key] as T | undefined;
}

function consume(key: string): void {
  const value = stored();
  if (!value || !(key in value.values)) return;
  delete value.values[key];
  if (Object.keys(value.values).length === 0) window.sessionStorage.removeItem(KEY);
  else window.sessionStorage.setItem(KEY, JSON.stringify(value));
}

/** Writes every mounted draft to sessionStorage, before the console leaves for sign-in. */
export function keepDraftsForSignIn(): void {
  const values: Record<string, unknown> = { ...stored()?.values };
  for (const [key, read] of live) {
    const value = read();
    if (value !== undefined) values[key] = value;
  }
  if (Object.keys(values).length > 0) {
    window.sessionStorage.setItem(KEY, JSON.stringify({ savedAt: Date.now(), values } satisfies Stored));
  }
}

function useRegistered(key: string, read: () => unknown): void {
  const reader = useRef(read);
  useEffect(() => {
    reader.current = read;
  });
  useEffect(() => {
    consume(key);
    const entry = () => reader.current();
    live.set(key, entry);
    return () => {
      if (live.get(key) === entry) live.delete(key);
    };
  }, [key]);
}

/** useState whose value is kept across a sign-in (JSON-serialisable values only). */
export function useDraft<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => restoredDraft<T>(key) ?? initial);
  useRegistered(key, () => value);
  return [value, setValue];
}

/**
 * An Ant Design form's values kept across a sign-in while `active` (the form is shown): pass the
 * result as the Form's `initialValues`.
 */
export function useFormDraft<V>(
  key: string,
  form: { getFieldsValue: () => V },
  active: boolean,
): Partial<V> | undefined {
  const [initial] = useState(() => restoredDraft<Partial<V>>(key));
  useRegistered(key, () => (active ? form.getFieldsValue() : undefined));
  return initial;
}
