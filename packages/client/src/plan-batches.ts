/** One request the upload will send: which pictures, and its body size in bytes. */
export interface PlannedBatch {
  indexes: number[];
  bytes: number;
}

export interface BatchLimits {
  /** The body size with an empty `Pictures` array. */
  envelopeBytes: number;
  maxRequestBytes: number;
  maxPicturesPerRequest: number;
}

/**
 * Splits pictures, given as the JSON size of each one's item, into runs that
 * keep input order and fill each request body up to the limits. An item too
 * big for any request gets a batch of its own; callers reject those first.
 */
export function planBatches(itemBytes: readonly number[], limits: BatchLimits): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  let current: PlannedBatch | undefined;

  itemBytes.forEach((bytes, index) => {
    // Every item after the first in a body costs one more byte: the comma.
    const fits =
      current &&
      current.indexes.length < limits.maxPicturesPerRequest &&
      current.bytes + 1 + bytes <= limits.maxRequestBytes;

    if (current && fits) {
      current.indexes.push(index);
      current.bytes += 1 + bytes;
    } else {
      current = { indexes: [index], bytes: limits.envelopeBytes + bytes };
      batches.push(current);
    }
  });

  return batches;
}
