/** The base of every error this package throws; catch it to catch them all. */
export class AdultWorkError extends Error {
  override name = "AdultWorkError";
}

/** A picture that cannot be sent as given; `index` and `name` say which one. */
export class PictureError extends AdultWorkError {
  override name = "PictureError";

  constructor(
    readonly index: number,
    readonly pictureName: string | undefined,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(
      `The picture at index ${index}${pictureName ? ` (${pictureName})` : ""} ${problem}`,
      options,
    );
  }
}

/** An option or argument with a value the client cannot use. */
export class OptionError extends AdultWorkError {
  override name = "OptionError";
}

/** A `baseUrl` that would send the access token unencrypted to another machine. */
export class InsecureTransportError extends AdultWorkError {
  override name = "InsecureTransportError";
}

/**
 * A raw call that got no HTTP answer (network failure or timeout). When
 * `mayHaveBeenProcessed` is true the API may have added the pictures anyway.
 */
export class RequestError extends AdultWorkError {
  override name = "RequestError";

  constructor(
    message: string,
    readonly mayHaveBeenProcessed: boolean,
    readonly request: RequestDescription,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A request as errors describe it: no token, and base64 images cut short. */
export interface RequestDescription {
  method: string;
  url: string;
  body: string;
}
