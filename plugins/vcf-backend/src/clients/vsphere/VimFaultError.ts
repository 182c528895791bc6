import {
  UpstreamError,
  type UpstreamErrorKind,
} from '../../http/UpstreamError';
import { child, readMoRef, readString, xsiType } from './vimValues';

/**
 * A SOAP fault answered by vCenter, e.g. `InvalidLogin`, `NotAuthenticated`, `InvalidProperty`. Its message names
 * the vCenter, the method, the fault type and the server's localized message; it never contains a request body.
 * Faults are answers, not transient failures: they are never retryable.
 * @internal
 */
export class VimFaultError extends UpstreamError {
  /** The vim25 fault type, e.g. `InvalidLogin`. */
  readonly faultType: string;
  /** The SOAP method that failed, e.g. `RetrievePropertiesEx`. */
  readonly method: string;
  /** The server's localized message (faultstring), if any. */
  readonly faultMessage?: string;

  constructor(
    message: string,
    options: {
      kind: UpstreamErrorKind;
      faultType: string;
      method: string;
      faultMessage?: string;
      upstreamName?: string;
    },
  ) {
    super(message, {
      kind: options.kind,
      status: 500,
      upstreamName: options.upstreamName,
    });
    this.name = 'VimFaultError';
    this.faultType = options.faultType;
    this.method = options.method;
    this.faultMessage = options.faultMessage;
  }

  override get retryable(): boolean {
    return false;
  }
}

/** Fields of common faults worth showing, by fault type. */
function faultDetails(faultType: string, detail: unknown): string | undefined {
  const field = (name: string) => readString(child(detail, name));
  switch (faultType) {
    case 'InvalidProperty':
      return field('name') && `property "${field('name')}"`;
    case 'InvalidArgument':
      return (
        field('invalidProperty') && `argument "${field('invalidProperty')}"`
      );
    case 'ManagedObjectNotFound': {
      const obj = readMoRef(child(detail, 'obj'));
      return obj && `object ${obj.type}:${obj.value}`;
    }
    case 'InvalidType':
      return field('argument') && `argument "${field('argument')}"`;
    default:
      return undefined;
  }
}

/** Removes every occurrence of a secret (raw and XML-escaped) from a text. */
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const escaped = secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;');
    for (const form of new Set([secret, escaped])) {
      out = out.split(form).join('***');
    }
  }
  return out;
}

/**
 * Turns the `Fault` element of a SOAP response into a {@link VimFaultError} with a message for people. `secrets`
 * (the password) are removed from anything the server echoed, in case a fault quotes the request.
 * @internal
 */
export function vimFaultFromSoap(
  fault: unknown,
  context: {
    upstreamName: string;
    method: string;
    username?: string;
    secrets: readonly string[];
  },
): VimFaultError {
  const detailElement = child(fault, 'detail');
  let faultType = 'UnknownFault';
  let detail: unknown;
  if (typeof detailElement === 'object' && detailElement !== null) {
    const [name, value] =
      Object.entries(detailElement).find(
        ([key]) => !key.startsWith('@_') && key !== '#text',
      ) ?? [];
    if (name) {
      detail = value;
      faultType = xsiType(value) ?? name.replace(/Fault$/, '');
    }
  }
  const rawMessage =
    readString(child(fault, 'faultstring'))?.trim() || undefined;
  const faultMessage = rawMessage && redact(rawMessage, context.secrets);
  const { upstreamName, method } = context;
  const said = faultMessage ? `: ${faultMessage}` : '';

  switch (faultType) {
    case 'InvalidLogin':
      return new VimFaultError(
        `${upstreamName} rejected the login of "${
          context.username ?? ''
        }" (InvalidLogin${said}): check the service account's user name and password`,
        { kind: 'auth', faultType, method, faultMessage, upstreamName },
      );
    case 'NotAuthenticated':
      return new VimFaultError(
        `${upstreamName} did not accept the session for ${method} (NotAuthenticated${said})`,
        { kind: 'auth', faultType, method, faultMessage, upstreamName },
      );
    case 'NoPermission': {
      const privilege = readString(child(detail, 'privilegeId'));
      const object = readMoRef(child(detail, 'object'));
      const what = privilege
        ? `lacks the privilege ${privilege}${
            object ? ` on ${object.type}:${object.value}` : ''
          }`
        : 'lacks a privilege';
      return new VimFaultError(
        `${upstreamName} denied ${method}: the service account ${what} (NoPermission${said})`,
        { kind: 'auth', faultType, method, faultMessage, upstreamName },
      );
    }
    default: {
      const details = faultDetails(faultType, detail);
      return new VimFaultError(
        `${upstreamName} answered ${method} with the fault ${faultType}${
          details ? ` (${details})` : ''
        }${said}`,
        { kind: 'http', faultType, method, faultMessage, upstreamName },
      );
    }
  }
}
