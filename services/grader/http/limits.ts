/** Request body limits, enforced while reading and before parsing. */
export const SINGLE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
