/** Why an outbound call did not get an answer; callers decide what is retryable. */
export class OutboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The URL or the address its host resolved to is not public (and not allowed): permanent. */
export class OutboundBlockedError extends OutboundError {}

/** No complete answer within the time limit. */
export class OutboundTimeoutError extends OutboundError {}

/** The answer's body is over the size limit; its status is known. */
export class OutboundTooLargeError extends OutboundError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** DNS failure, refused or reset connection, TLS error. */
export class OutboundNetworkError extends OutboundError {}
