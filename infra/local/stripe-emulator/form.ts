import { invalidParam } from './errors';

/** A form-decoded value: Stripe's bracket notation builds nested objects and arrays. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/**
 * Decodes `application/x-www-form-urlencoded` the way Stripe reads it:
 * `metadata[orderId]=1&automatic_payment_methods[enabled]=true&expand[0]=latest_charge`.
 */
export const parseForm = (body: string): FormObject => {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const [head, ...rest] = rawKey.split('[');
    const path = [head ?? '', ...rest.map((p) => p.replace(/\]$/, ''))];
    let node: FormObject = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
      node = node[segment] as FormObject;
    });
  }
  return root;
};

/** The same parameters, whatever order they came in: what an idempotency key is compared on. */
export const canonical = (value: FormValue): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k] as FormValue)}`).join(',')}}`;

export const str = (form: FormObject, key: string): string | undefined => {
  const v = form[key];
  return typeof v === 'string' ? v : undefined;
};

export const record = (form: FormObject, key: string): Record<string, string> => {
  const v = form[key];
  if (typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/** `expand[0]=a&expand[1]=b` (or `expand[]=a`): the list of values. */
export const list = (form: FormObject, key: string): string[] => {
  const v = form[key];
  if (typeof v === 'string') return [v];
  if (typeof v !== 'object') return [];
  return Object.values(v).filter((x): x is string => typeof x === 'string');
};

export const bool = (form: FormObject, key: string): boolean | undefined => {
  const v = str(form, key);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidParam(key, `Invalid boolean: ${v}`, 'parameter_invalid_empty');
  return v === 'true';
};

/** A positive integer parameter, refused as Stripe refuses it (`Invalid positive integer`). */
export const positiveInt = (form: FormObject, key: string): number | undefined => {
  const v = str(form, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw invalidParam(key, 'Invalid positive integer', 'parameter_invalid_integer');
  return n;
};
