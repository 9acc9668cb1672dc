/** The body limit of `POST /v1/evaluations`, enforced while reading: room for 50,000 long samples inline. */
export const SUBMIT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
