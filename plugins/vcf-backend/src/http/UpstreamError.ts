/**
 * What went wrong talking to an upstream.
 * @internal
 */
export type UpstreamErrorKind =
  | 'config'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'http'
  | 'auth'
  | 'parse'
  | 'incomplete';

/**
 * A failure talking to SDDC Manager, the VCF Installer or a vCenter. Its message is meant for people (it is shown
 * as the sync error in the UI) and never carries a secret: it names the upstream, the request path and the cause.
 * @internal
 */
export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly status?: number;
  readonly upstreamName?: string;

  constructor(
    message: string,
    options: {
      kind: UpstreamErrorKind;
      status?: number;
      upstreamName?: string;
    },
  ) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = options.kind;
    this.status = options.status;
    this.upstreamName = options.upstreamName;
  }

  /** Timeouts, network errors and 5xx answers may succeed when tried again. */
  get retryable(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }

  /** An error for a non-2xx answer. 401/403 say that the service account was rejected. */
  static fromStatus(upstreamName: string, where: string, status: number) {
    if (status === 401 || status === 403) {
      return new UpstreamError(
        `${upstreamName} rejected the service account (HTTP ${status} on ${where}): check its user name and password`,
        { kind: 'auth', status, upstreamName },
      );
    }
    return new UpstreamError(
      `${upstreamName} answered HTTP ${status} to ${where}`,
      { kind: 'http', status, upstreamName },
    );
  }

  /**
   * An error for a request the upstream refused (4xx), with the `message` (and `remediationMessage`) of the VCF
   * `Error` body it sent, so that people see why — e.g. that a new password breaks the policy.
   */
  static refused(
    upstreamName: string,
    where: string,
    status: number,
    bodyText: string,
  ) {
    let reason = '';
    try {
      const body = JSON.parse(bodyText);
      reason = [body?.message, body?.remediationMessage]
        .filter(part => typeof part === 'string' && part)
        .join(' ');
    } catch {
      // not a VCF Error body: the status says enough
    }
    const text = reason.length > 500 ? `${reason.slice(0, 500)}…` : reason;
    return new UpstreamError(
      text
        ? `${upstreamName} refused ${where}: ${text}`
        : `${upstreamName} answered HTTP ${status} to ${where}`,
      { kind: 'http', status, upstreamName },
    );
  }

  /** Turns a fetch failure (timeout, refused connection, bad certificate…) into a readable error. */
  static fromTransportError(
    error: unknown,
    context: { upstreamName: string; where: string; timeoutMs: number },
  ): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const err = error as {
      name?: string;
      message?: string;
      cause?: { code?: string; message?: string };
    };
    const code = err?.cause?.code ?? '';
    const { upstreamName, where } = context;
    if (
      err?.name === 'TimeoutError' ||
      err?.name === 'AbortError' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT'
    ) {
      return new UpstreamError(
        `${upstreamName} did not answer ${where} within ${Math.round(
          context.timeoutMs / 1000,
        )} s`,
        { kind: 'timeout', upstreamName },
      );
    }
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) {
      return new UpstreamError(
        `${upstreamName}'s TLS certificate is not trusted (${code}): add its CA to the endpoint's tls.ca, or set tls.verify to false for a lab`,
        { kind: 'tls', upstreamName },
      );
    }
    const reason =
      code || err?.cause?.message || err?.message || 'unknown error';
    return new UpstreamError(
      `Could not reach ${upstreamName} for ${where} (${reason})`,
      { kind: 'network', upstreamName },
    );
  }
}
