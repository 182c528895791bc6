import { createHash } from 'node:crypto';

const MAX_NAME = 63;

/**
 * A valid catalog entity name (letters, digits, `-`, `_`, `.`; starts and ends with a letter or digit; at most
 * 63 characters) made from parts such as a vCenter id and a managed-object id. Names that had to be shortened end
 * with a hash of the original, so different objects never share a name.
 * @public
 */
export function toEntityName(...parts: string[]): string {
  const raw = parts.join('-');
  let name = raw
    .replace(/[^A-Za-z0-9\-_.]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (name.length > MAX_NAME || name !== raw) {
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
    if (name.length > MAX_NAME - 9)
      name = name.slice(0, MAX_NAME - 9).replace(/[^A-Za-z0-9]+$/, '');
    if (name !== raw) name = `${name}-${hash}`;
  }
  return name || createHash('sha256').update(raw).digest('hex').slice(0, 16);
}
