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

export const str = (form: FormObject, key: string): string | undefined => {
  const v = form[key];
  return typeof v === 'string' ? v : undefined;
};

export const record = (form: FormObject, key: string): Record<string, string> => {
  const v = form[key];
  if (typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};
