/** A value at a leaf of the event: what EventBridge compares, once objects and arrays are walked. */
export type Leaf = string | number | boolean | null;

/** One entry of a pattern's value list, ready to test a leaf of the event. */
export type Matcher = (value: Leaf) => boolean;
